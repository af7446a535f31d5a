/**
 * The field catalog of the segment rule language (../../shared/segment-rules.md): every
 * field a condition may name, its value type, and which operators suit which type.
 * The compiler takes SQL identifiers ONLY from this file (a whitelist), the schema takes
 * its field and operator lists from it, and the builder can render pickers from it.
 */

/** Value types of condition fields. `event` and `segment` are the two non-value families. */
export type ValueType = "string" | "number" | "date" | "boolean" | "enum" | "array";
export type FieldFamily = ValueType | "event" | "segment";

/**
 * The event-type catalog of the whole app: the rule language, the events API
 * (lib/contacts/event-schema.ts), the seed and the labels people read all take their event types
 * from here. Adding one: append it here with its label, then add it to the Prisma enum
 * EventType in the same position and write a migration (unavoidable: the column is that
 * enum; contact-facts.int.test.ts checks the enum's order equals this list, which is also
 * the bit order of ContactFacts."eventTypes").
 */
export const EVENT_TYPES = [
  "email_sent",
  "email_delivered",
  "email_opened",
  "email_clicked",
  "email_bounced",
  "unsubscribed",
  "page_visited",
  "form_submitted",
  "purchase",
  "conversion",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Event types whose events carry a URL: the only ones `urlContains` applies to. */
export const URL_EVENT_TYPES: readonly EventType[] = ["email_clicked", "page_visited"];

/** Event types whose events carry revenue (and count as conversions in the daily figures). */
export const REVENUE_EVENT_TYPES: readonly EventType[] = ["purchase", "conversion"];

export const DEVICES = ["mobile", "desktop", "tablet"] as const;
export type Device = (typeof DEVICES)[number];

export const EVENT_LABELS: Record<EventType, string> = {
  email_sent: "Email sent",
  email_delivered: "Email delivered",
  email_opened: "Email opened",
  email_clicked: "Email clicked",
  email_bounced: "Email bounced",
  unsubscribed: "Unsubscribed",
  page_visited: "Page visited",
  form_submitted: "Form submitted",
  purchase: "Purchase",
  conversion: "Conversion",
};

export const CUSTOM_FIELD_TYPES = ["TEXT", "NUMBER", "DATE", "BOOLEAN", "SELECT", "MULTI_SELECT"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** How a custom field's declared type maps to a value type of the language. */
export const CUSTOM_FIELD_VALUE_TYPE: Record<CustomFieldType, ValueType> = {
  TEXT: "string",
  NUMBER: "number",
  DATE: "date",
  BOOLEAN: "boolean",
  SELECT: "enum",
  MULTI_SELECT: "array",
};

/** `customField.<key>`: a key starts with a letter; letters, digits and underscores follow. */
export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,63}$/i;

export type ContactField = {
  /** The part after `contact.`. */
  key: string;
  label: string;
  type: ValueType;
  /** The "Contact" column (camelCase, quoted in SQL); absent for derived fields. */
  column?: string;
  /** Allowed values of an enum field (as stored; compared case-insensitively). */
  values?: readonly string[];
  /** The column's PostgreSQL enum type: values are compared as that type (exact statistics). */
  enumType?: string;
  /** Stored lower-case by the write path: compared without lower() on the column (index-friendly). */
  storedLowerCase?: boolean;
  /** The column can never be NULL. */
  notNull?: boolean;
  /** Computed from other columns rather than read from one. */
  derived?: "openedLastEmail";
};

export const LIFECYCLE_STAGES = ["SUBSCRIBER", "LEAD", "MQL", "SQL", "CUSTOMER", "CHURNED"] as const;
export const SUBSCRIPTION_STATUSES = ["ACTIVE", "UNSUBSCRIBED", "BOUNCED"] as const;
export const ENGAGEMENT_TRENDS = ["RISING", "STABLE", "DECLINING"] as const;
export const CONVERSION_LIKELIHOODS = ["LOW", "POSSIBLE", "LIKELY", "VERY_LIKELY"] as const;
export const WEEKDAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const;

const contactFieldList: ContactField[] = [
  { key: "email", label: "Email", type: "string", column: "email", storedLowerCase: true, notNull: true },
  { key: "firstName", label: "First name", type: "string", column: "firstName" },
  { key: "lastName", label: "Last name", type: "string", column: "lastName" },
  { key: "phone", label: "Phone", type: "string", column: "phone" },
  { key: "companyName", label: "Company", type: "string", column: "companyName" },
  { key: "jobTitle", label: "Job title", type: "string", column: "jobTitle" },
  { key: "source", label: "Source", type: "string", column: "source" },
  { key: "country", label: "Country", type: "string", column: "country" },
  { key: "state", label: "State", type: "string", column: "state" },
  { key: "city", label: "City", type: "string", column: "city" },
  { key: "timezone", label: "Time zone", type: "string", column: "timezone" },
  {
    key: "lifecycleStage",
    label: "Lifecycle stage",
    type: "enum",
    column: "lifecycleStage",
    values: LIFECYCLE_STAGES,
    enumType: "LifecycleStage",
  },
  {
    key: "subscriptionStatus",
    label: "Subscription status",
    type: "enum",
    column: "subscriptionStatus",
    values: SUBSCRIPTION_STATUSES,
    enumType: "SubscriptionStatus",
    notNull: true,
  },
  { key: "leadScore", label: "Lead score", type: "number", column: "leadScore" },
  { key: "engagementScore", label: "Engagement score", type: "number", column: "engagementScore" },
  {
    key: "engagementTrend",
    label: "Engagement trend",
    type: "enum",
    column: "engagementTrend",
    values: ENGAGEMENT_TRENDS,
    enumType: "EngagementTrend",
  },
  {
    key: "conversionLikelihood",
    label: "Conversion likelihood",
    type: "enum",
    column: "conversionLikelihood",
    values: CONVERSION_LIKELIHOODS,
    enumType: "ConversionLikelihood",
  },
  { key: "createdAt", label: "Date added", type: "date", column: "createdAt", notNull: true },
  { key: "lastActivityAt", label: "Last activity", type: "date", column: "lastActivityAt" },
  { key: "lastOpenedAt", label: "Last opened", type: "date", column: "lastOpenedAt" },
  { key: "lastClickedAt", label: "Last clicked", type: "date", column: "lastClickedAt" },
  { key: "lastEmailSentAt", label: "Last email sent", type: "date", column: "lastEmailSentAt" },
  {
    key: "lastOpenedDevice",
    label: "Last opened on",
    type: "enum",
    column: "lastOpenedDevice",
    values: DEVICES,
    enumType: "Device",
  },
  { key: "openedLastEmail", label: "Opened the last email", type: "boolean", derived: "openedLastEmail" },
  { key: "preferredOpenHour", label: "Preferred open hour", type: "number", column: "preferredOpenHour" },
  {
    key: "preferredOpenDay",
    label: "Preferred open day",
    type: "enum",
    column: "preferredOpenDay",
    values: WEEKDAYS,
    enumType: "Weekday",
  },
  { key: "tags", label: "Tags", type: "array", column: "tags", storedLowerCase: true },
];

export const CONTACT_FIELDS: ReadonlyMap<string, ContactField> = new Map(contactFieldList.map((f) => [f.key, f]));

// ---------------------------------------------------------------------------------------
// Operators

export const OPERATORS_BY_FAMILY = {
  string: [
    "equals",
    "not_equals",
    "contains",
    "not_contains",
    "starts_with",
    "ends_with",
    "in",
    "not_in",
    "is_set",
    "is_not_set",
  ],
  number: [
    "equals",
    "not_equals",
    "greater_than",
    "greater_or_equal",
    "less_than",
    "less_or_equal",
    "between",
    "is_set",
    "is_not_set",
  ],
  date: [
    "on",
    "before",
    "after",
    "between",
    "within_last_days",
    "more_than_days_ago",
    "within_next_days",
    "anniversary_this_month",
    "is_set",
    "is_not_set",
  ],
  boolean: ["is_true", "is_false", "is_set", "is_not_set"],
  enum: ["equals", "not_equals", "in", "not_in", "is_set", "is_not_set"],
  array: ["contains_any", "contains_all", "contains_none", "is_set", "is_not_set"],
  event: ["has_done", "has_not_done", "count_at_least", "count_at_most", "count_equals"],
  segment: ["in_segment", "not_in_segment"],
} as const satisfies Record<FieldFamily, readonly string[]>;

export type Operator = (typeof OPERATORS_BY_FAMILY)[FieldFamily][number];

export const ALL_OPERATORS: readonly Operator[] = [...new Set(Object.values(OPERATORS_BY_FAMILY).flat())];

export function isOperator(value: unknown): value is Operator {
  return typeof value === "string" && (ALL_OPERATORS as readonly string[]).includes(value);
}

export function operatorsFor(family: FieldFamily): readonly Operator[] {
  return OPERATORS_BY_FAMILY[family];
}

export function operatorSuits(family: FieldFamily, operator: string): boolean {
  return (OPERATORS_BY_FAMILY[family] as readonly string[]).includes(operator);
}

/**
 * Negative operators and their positive twins: a negative operator is exactly NOT(twin),
 * so a contact without a value matches the negative one. (`is_false` is not a negation:
 * it matches only an explicit false; `count_at_most` is a count, where no events count 0.)
 */
export const NEGATIVE_TWIN = {
  not_equals: "equals",
  not_contains: "contains",
  not_in: "in",
  contains_none: "contains_any",
  is_not_set: "is_set",
  has_not_done: "has_done",
  not_in_segment: "in_segment",
} as const satisfies Partial<Record<Operator, Operator>>;
export type NegativeOperator = keyof typeof NEGATIVE_TWIN;

export function positiveTwin(operator: string): Operator | undefined {
  return Object.hasOwn(NEGATIVE_TWIN, operator) ? (NEGATIVE_TWIN as Record<string, Operator>)[operator] : undefined;
}

/**
 * The value shape each operator takes. Operators shared by several types (equals,
 * between, ...) take the shape of the field's type; `valueShape` resolves that.
 */
export type ValueShape =
  | "none" // no value
  | "string" // non-empty text
  | "stringList" // non-empty list of texts
  | "enumValue" // one of the field's values
  | "enumList" // non-empty list of the field's values
  | "number" // finite number
  | "numberRange" // [min, max], min ≤ max, both inclusive
  | "date" // ISO date YYYY-MM-DD
  | "dateRange" // [from, to] ISO dates, from ≤ to
  | "dayCount" // whole number ≥ 0 (days)
  | "count" // whole number ≥ 0 (events)
  | "segmentId"; // a segment id

const NO_VALUE = new Set<string>([
  "is_set",
  "is_not_set",
  "is_true",
  "is_false",
  "anniversary_this_month",
  "has_done",
  "has_not_done",
]);

export function valueShape(family: FieldFamily, operator: string): ValueShape | undefined {
  if (!operatorSuits(family, operator)) return undefined;
  if (NO_VALUE.has(operator)) return "none";
  switch (family) {
    case "string":
      return operator === "in" || operator === "not_in" ? "stringList" : "string";
    case "enum":
      return operator === "in" || operator === "not_in" ? "enumList" : "enumValue";
    case "number":
      return operator === "between" ? "numberRange" : "number";
    case "date":
      if (operator === "between") return "dateRange";
      if (operator === "on" || operator === "before" || operator === "after") return "date";
      return "dayCount";
    case "array":
      return "stringList";
    case "event":
      return "count";
    case "segment":
      return "segmentId";
    case "boolean":
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Field references

/** A parsed `field` string of a condition. */
export type FieldRef =
  | { kind: "contact"; field: ContactField }
  | { kind: "customField"; key: string }
  | { kind: "event"; eventType: EventType }
  | { kind: "segment" };

export type FieldParseError = { message: string };

/** Parses `contact.<key>`, `customField.<key>`, `event.<type>` or `segment`. */
export function parseFieldRef(field: string): FieldRef | FieldParseError {
  if (field === "segment") return { kind: "segment" };
  const dot = field.indexOf(".");
  const prefix = dot < 0 ? field : field.slice(0, dot);
  const rest = dot < 0 ? "" : field.slice(dot + 1);
  switch (prefix) {
    case "contact": {
      const known = CONTACT_FIELDS.get(rest);
      return known ? { kind: "contact", field: known } : { message: `unknown field "${field}"` };
    }
    case "customField":
      return CUSTOM_FIELD_KEY.test(rest)
        ? { kind: "customField", key: rest }
        : {
            message: `invalid custom field key "${rest}": a key starts with a letter, then letters, digits or underscores (at most 64)`,
          };
    case "event":
      return (EVENT_TYPES as readonly string[]).includes(rest)
        ? { kind: "event", eventType: rest as EventType }
        : { message: `unknown event type "${rest}"` };
    default:
      return { message: `unknown field "${field}"` };
  }
}

export function isFieldParseError(value: FieldRef | FieldParseError): value is FieldParseError {
  return "message" in value;
}

/**
 * The family of a field. For custom fields it needs the declared type: without one
 * (a key the company does not have) it is undefined.
 */
export function fieldFamily(ref: FieldRef, customFieldType?: CustomFieldType): FieldFamily | undefined {
  switch (ref.kind) {
    case "contact":
      return ref.field.type;
    case "customField":
      return customFieldType ? CUSTOM_FIELD_VALUE_TYPE[customFieldType] : undefined;
    case "event":
      return "event";
    case "segment":
      return "segment";
  }
}

/** Operators valid for at least one custom field type (what the catalog-free schema allows). */
export const CUSTOM_FIELD_OPERATORS: ReadonlySet<string> = new Set(
  CUSTOM_FIELD_TYPES.flatMap((type) => OPERATORS_BY_FAMILY[CUSTOM_FIELD_VALUE_TYPE[type]]),
);

/** Canonical spelling of an enum value given in any case, or undefined when it is not one. */
export function canonicalEnumValue(values: readonly string[], given: string): string | undefined {
  const lowered = given.toLowerCase();
  return values.find((value) => value.toLowerCase() === lowered);
}

// ---------------------------------------------------------------------------------------
// Labels (builder pickers, explain view)

export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "is",
  not_equals: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  in: "is any of",
  not_in: "is none of",
  greater_than: "is greater than",
  greater_or_equal: "is at least",
  less_than: "is less than",
  less_or_equal: "is at most",
  between: "is between",
  on: "is on",
  before: "is before",
  after: "is after",
  within_last_days: "is within the last",
  more_than_days_ago: "is more than",
  within_next_days: "is within the next",
  anniversary_this_month: "has its anniversary this month",
  is_true: "is true",
  is_false: "is false",
  contains_any: "contains any of",
  contains_all: "contains all of",
  contains_none: "contains none of",
  is_set: "is set",
  is_not_set: "is not set",
  has_done: "has happened",
  has_not_done: "has not happened",
  count_at_least: "happened at least",
  count_at_most: "happened at most",
  count_equals: "happened exactly",
  in_segment: "is in segment",
  not_in_segment: "is not in segment",
};

/** A readable name for a field reference, e.g. "Lead score", "Custom field industry", "Email opened". */
export function fieldLabel(field: string): string {
  const ref = parseFieldRef(field);
  if (isFieldParseError(ref)) return field;
  switch (ref.kind) {
    case "contact":
      return ref.field.label;
    case "customField":
      return `Custom field ${ref.key}`;
    case "event":
      return EVENT_LABELS[ref.eventType];
    case "segment":
      return "Segment";
  }
}
