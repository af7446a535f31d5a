/**
 * UTC calendar-day arithmetic shared by the compiler and the reference evaluator, so
 * both turn a date condition into exactly the same range. A "day" is a whole number of
 * days since 1970-01-01 (UTC); a timestamp falls on day floor(ms / 86,400,000).
 */

export const MS_PER_DAY = 86_400_000;

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day of a real calendar date written `YYYY-MM-DD` (years 0001-9999), else undefined. */
export function parseIsoDate(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  return back.month === month && back.day === day ? days : undefined;
}

export function isIsoDate(value: unknown): value is string {
  return parseIsoDate(value) !== undefined;
}

/** `YYYY-MM-DD` of a day with a year in 0000-9999 (callers clamp outside that range). */
export function formatDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The UTC day of an instant. */
export function dayOf(instant: Date | number): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  return Math.floor(ms / MS_PER_DAY);
}

/** Today's UTC month, 1-12. */
export function monthOfDay(days: number): number {
  return civilFromDays(days).month;
}

/**
 * A half-open range of days [from, to): undefined bound = unbounded. Every date operator
 * and event window becomes one of these, computed from "today" in JS, so the SQL compares
 * raw timestamps with constants (index-friendly, independent of the session time zone).
 */
export type DayRange = { from?: number; to?: number };

/** The range of a date operator; undefined when the operator is not a day comparison. */
export function dayRangeFor(operator: string, value: unknown, today: number): DayRange | undefined {
  switch (operator) {
    case "on": {
      const d = parseIsoDate(value);
      return d === undefined ? undefined : { from: d, to: d + 1 };
    }
    case "before": {
      const d = parseIsoDate(value);
      return d === undefined ? undefined : { to: d };
    }
    case "after": {
      const d = parseIsoDate(value);
      return d === undefined ? undefined : { from: d + 1 };
    }
    case "between": {
      if (!Array.isArray(value)) return undefined;
      const from = parseIsoDate(value[0]);
      const to = parseIsoDate(value[1]);
      return from === undefined || to === undefined ? undefined : { from, to: to + 1 };
    }
    case "within_last_days":
      return isDayCount(value) ? { from: today - value, to: today + 1 } : undefined;
    case "more_than_days_ago":
      return isDayCount(value) ? { to: today - value } : undefined;
    case "within_next_days":
      return isDayCount(value) ? { from: today, to: today + value + 1 } : undefined;
    default:
      return undefined;
  }
}

/** The range of an event window (no window: all time). */
export function windowRange(
  window: { lastDays?: unknown; moreThanDaysAgo?: unknown; between?: unknown } | undefined,
  today: number,
): DayRange | undefined {
  if (!window) return {};
  if ("lastDays" in window) return dayRangeFor("within_last_days", window.lastDays, today);
  if ("moreThanDaysAgo" in window) return dayRangeFor("more_than_days_ago", window.moreThanDaysAgo, today);
  if ("between" in window) return dayRangeFor("between", window.between, today);
  return undefined;
}

export function isDayCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Timestamp bounds are rendered only for days 0001-01-01 .. 10000-01-01 (what both JS and
 * PostgreSQL print and parse the same way); a bound beyond them is unbounded on that side,
 * or makes the range empty. Exact for every timestamp of the years 1-9999; the compiler
 * and the evaluator share this, so they agree even outside them.
 */
export const FIRST_RENDERABLE_DAY = daysFromCivil(1, 1, 1);
export const LAST_RENDERABLE_DAY = daysFromCivil(9999, 12, 31);

export type TimestampRange = { empty: true } | { empty: false; fromMs?: number; toMs?: number };

export function timestampRange(range: DayRange): TimestampRange {
  let { from, to } = range;
  const end = LAST_RENDERABLE_DAY + 1;
  if (from !== undefined && from < FIRST_RENDERABLE_DAY) from = undefined;
  if (to !== undefined && to > end) to = undefined;
  if (from !== undefined && from > end) return { empty: true };
  if (to !== undefined && to <= FIRST_RENDERABLE_DAY) return { empty: true };
  if (from !== undefined && to !== undefined && from >= to) return { empty: true };
  return {
    empty: false,
    fromMs: from === undefined ? undefined : from * MS_PER_DAY,
    toMs: to === undefined ? undefined : to * MS_PER_DAY,
  };
}

/** An instant as PostgreSQL reads it: ISO 8601 in UTC, also for year 10000 (no "+0" prefix). */
export function timestampLiteral(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.startsWith("+0") ? iso.slice(2) : iso;
}

/**
 * The same range over `YYYY-MM-DD` text (DATE custom fields), as inclusive bounds. Stored
 * text that passes the format guard lies between "0000-00-00" and "9999-99-99", so
 * clamping at years 0000 / 9999 is exact.
 */
export type TextDateRange = { empty: true } | { empty: false; min?: string; max?: string };

const FIRST_TEXT_DAY = daysFromCivil(0, 1, 1);

export function textDateRange(range: DayRange): TextDateRange {
  const min = range.from === undefined || range.from <= FIRST_TEXT_DAY ? undefined : range.from;
  const max = range.to === undefined || range.to - 1 >= LAST_RENDERABLE_DAY ? undefined : range.to - 1;
  if (min !== undefined && min > LAST_RENDERABLE_DAY) return { empty: true };
  if (max !== undefined && max < FIRST_TEXT_DAY) return { empty: true };
  if (min !== undefined && max !== undefined && min > max) return { empty: true };
  return {
    empty: false,
    min: min === undefined ? undefined : formatDay(min),
    max: max === undefined ? undefined : formatDay(max),
  };
}

/** The shape stored in DATE custom fields; values that do not match count as not set. */
export const STORED_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const STORED_DATE = new RegExp(STORED_DATE_PATTERN);

export function isStoredDate(value: unknown): value is string {
  return typeof value === "string" && STORED_DATE.test(value);
}
