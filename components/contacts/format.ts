// Dates are shown in UTC: the rule language compares UTC calendar days, and a fixed zone
// renders the same on the server and in the browser (no hydration mismatch).

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  hourCycle: "h23",
  timeZone: "UTC",
});
const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export const MISSING = "—";

export function formatDate(value: Date | string | null | undefined): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : MISSING;
}

export function formatDateTime(value: Date | string | null | undefined): string {
  const date = toDate(value);
  return date ? `${dateTimeFormat.format(date)} UTC` : MISSING;
}

/** A calendar date stored as "YYYY-MM-DD" (DATE custom fields), shown like other dates. */
export function formatIsoDay(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(`${value}T00:00:00Z`) : value;
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : numberFormat.format(value);
}

export function formatText(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === "" ? MISSING : value;
}

/** "Ada Lovelace", or null when the contact has no name at all. */
export function fullName(contact: { firstName: string | null; lastName: string | null }): string | null {
  const name = [contact.firstName, contact.lastName].filter((part) => part?.trim()).join(" ");
  return name || null;
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
