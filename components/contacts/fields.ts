import type { ContactCustomField, ContactDetail } from "@/lib/data/contacts/contacts";
import { formatDate, formatDateTime, formatIsoDay, formatNumber, formatText, MISSING } from "./format";
import {
  DEVICE_LABELS,
  LIFECYCLE_LABELS,
  LIKELIHOOD_LABELS,
  SUBSCRIPTION_LABELS,
  TREND_LABELS,
  WEEKDAY_LABELS,
} from "./labels";

export type Field = { label: string; value: string };
/** A field of the contact itself: `key` is its rule-language name (contact.<key>). */
export type ContactField = Field & { key: keyof ContactDetail };

/** Every contact.* field of the rule language (tags have their own card), grouped, readable. */
export function contactFieldGroups(c: ContactDetail): { title: string; fields: ContactField[] }[] {
  return [
    {
      title: "Profile",
      fields: [
        { key: "email", label: "Email", value: c.email },
        { key: "firstName", label: "First name", value: formatText(c.firstName) },
        { key: "lastName", label: "Last name", value: formatText(c.lastName) },
        { key: "phone", label: "Phone", value: formatText(c.phone) },
        { key: "companyName", label: "Company", value: formatText(c.companyName) },
        { key: "jobTitle", label: "Job title", value: formatText(c.jobTitle) },
        { key: "source", label: "Source", value: formatText(c.source) },
      ],
    },
    {
      title: "Location",
      fields: [
        { key: "country", label: "Country", value: formatText(c.country) },
        { key: "state", label: "State / region", value: formatText(c.state) },
        { key: "city", label: "City", value: formatText(c.city) },
        { key: "timezone", label: "Time zone", value: formatText(c.timezone) },
      ],
    },
    {
      title: "Status and scores",
      fields: [
        {
          key: "lifecycleStage",
          label: "Lifecycle stage",
          value: c.lifecycleStage ? LIFECYCLE_LABELS[c.lifecycleStage] : MISSING,
        },
        { key: "subscriptionStatus", label: "Subscription", value: SUBSCRIPTION_LABELS[c.subscriptionStatus] },
        { key: "leadScore", label: "Lead score", value: formatNumber(c.leadScore) },
        { key: "engagementScore", label: "Engagement score", value: formatNumber(c.engagementScore) },
        {
          key: "engagementTrend",
          label: "Engagement trend",
          value: c.engagementTrend ? TREND_LABELS[c.engagementTrend] : MISSING,
        },
        {
          key: "conversionLikelihood",
          label: "Conversion likelihood",
          value: c.conversionLikelihood ? LIKELIHOOD_LABELS[c.conversionLikelihood] : MISSING,
        },
      ],
    },
    {
      title: "Activity",
      fields: [
        { key: "createdAt", label: "Date added", value: formatDate(c.createdAt) },
        { key: "lastActivityAt", label: "Last activity", value: formatDateTime(c.lastActivityAt) },
        { key: "lastOpenedAt", label: "Last opened", value: formatDateTime(c.lastOpenedAt) },
        { key: "lastClickedAt", label: "Last clicked", value: formatDateTime(c.lastClickedAt) },
        { key: "lastEmailSentAt", label: "Last email sent", value: formatDateTime(c.lastEmailSentAt) },
        {
          key: "openedLastEmail",
          label: "Opened last email",
          value: c.openedLastEmail === null ? MISSING : c.openedLastEmail ? "Yes" : "No",
        },
        {
          key: "lastOpenedDevice",
          label: "Last opened on",
          value: c.lastOpenedDevice ? DEVICE_LABELS[c.lastOpenedDevice] : MISSING,
        },
        { key: "preferredOpenHour", label: "Preferred open hour", value: formatHour(c.preferredOpenHour) },
        {
          key: "preferredOpenDay",
          label: "Preferred open day",
          value: c.preferredOpenDay ? WEEKDAY_LABELS[c.preferredOpenDay] : MISSING,
        },
      ],
    },
  ];
}

/** 14 → "14:00–14:59" (in the contact's time zone, as the engagement job computes it). */
function formatHour(hour: number | null): string {
  if (hour === null || hour < 0 || hour > 23) return MISSING;
  const hh = String(hour).padStart(2, "0");
  return `${hh}:00–${hh}:59`;
}

/** A custom field value as stored (JSON), shown according to its definition's type. */
export function formatCustomValue({ type, value }: Pick<ContactCustomField, "type" | "value">): string {
  if (value === null || value === undefined || value === "") return MISSING;
  if (Array.isArray(value)) return value.length ? value.map(String).join(", ") : MISSING;
  switch (type) {
    case "BOOLEAN":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    case "NUMBER":
      return typeof value === "number" ? formatNumber(value) : String(value);
    case "DATE":
      return typeof value === "string" ? formatIsoDay(value) : String(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}
