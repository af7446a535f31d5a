import { dayOf, formatDay, MS_PER_DAY } from "@/lib/segments/engine/dates";
import {
  CONTACT_FIELDS,
  CUSTOM_FIELD_VALUE_TYPE,
  type CustomFieldType,
  DEVICES,
  EVENT_TYPES,
  type FieldFamily,
  OPERATORS_BY_FAMILY,
  URL_EVENT_TYPES,
  valueShape,
} from "@/lib/segments/engine/fields";
import type { Condition, EventFilter, EventWindow, Group, SegmentDefinition } from "@/lib/segments/engine/types";
import type { Random } from "./random";
import type { World, WorldContact, WorldEvent } from "./world";

/**
 * Seeded generators for the differential test: a dataset rich in edge cases and random
 * valid definitions over it. Everything is drawn from one Random, so a seed reproduces a
 * run exactly.
 */

/** Two instants one millisecond apart, on both sides of a UTC midnight (leap day → March). */
export const DIFF_NOWS = [new Date("2024-02-29T23:59:59.999Z"), new Date("2024-03-01T00:00:00.000Z")] as const;
const TODAY = dayOf(DIFF_NOWS[0]);

const DAY_OFFSETS = [
  0, -1, 1, -2, 2, -3, -6, -7, -8, -13, -14, -15, -29, -30, -31, -32, -59, -60, -61, -89, -90, -91, -92, -365, -366, 6,
  7, 8, 9, 30, 31, 365,
];
const TIMES_OF_DAY = [0, 1, 43_200_000, MS_PER_DAY - 1, MS_PER_DAY - 1000];

export const CUSTOM_FIELDS_A: Record<string, CustomFieldType> = {
  text_f: "TEXT",
  sel_f: "SELECT",
  multi_f: "MULTI_SELECT",
  num_f: "NUMBER",
  date_f: "DATE",
  date2_f: "DATE",
  bool_f: "BOOLEAN",
};
/** The other company declares some of the same keys with other types. */
export const CUSTOM_FIELDS_B: Record<string, CustomFieldType> = {
  text_f: "NUMBER",
  sel_f: "SELECT",
  num_f: "TEXT",
  date_f: "DATE",
  multi_f: "MULTI_SELECT",
};

export type DiffIds = {
  companyA: string;
  companyB: string;
  campaignsA: string[];
  campaignsB: string[];
  segmentsA: string[];
  segmentsB: string[];
};

function offsetDay(r: Random): number {
  return TODAY + (r.chance(0.75) ? r.pick(DAY_OFFSETS) : r.int(-400, 400));
}

function timestamp(r: Random): string {
  const roll = r.next();
  if (roll < 0.04) return r.pick(["0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z"]);
  if (roll < 0.1) return new Date(r.pick(DIFF_NOWS).getTime() + r.pick([-1, 0, 1])).toISOString();
  const ms = offsetDay(r) * MS_PER_DAY + (r.chance(0.7) ? r.pick(TIMES_OF_DAY) : r.int(0, MS_PER_DAY - 1));
  return new Date(ms).toISOString();
}

const maybe = <T>(r: Random, p: number, make: () => T): T | null => (r.chance(p) ? make() : null);

const STRINGS = {
  firstName: [
    "Alice",
    "ALICE",
    "alice",
    "Ève",
    "ève",
    "Bob",
    "bob_smith",
    "50%",
    "100% Pure",
    "a_b",
    "O'Brien",
    "Zoë",
    "",
  ],
  lastName: ["Smith", "SMITH", "o'neil", "Müller", "x%y", "a_b_c", "Anna-Lena", "ÉCOLE"],
  phone: ["+1 555 0100", "555-0199", "+49 30 1234", "(555) 123_456"],
  companyName: ["Acme", "ACME Inc", "acme%corp", "Globex_", "Initech"],
  jobTitle: ["CEO", "ceo", "Head of 50% Growth", "VP_Sales", "Engineer"],
  source: ["web form", "Import", "API", "web_form", "%referral%"],
  country: ["United States", "united states", "Canada", "CANADA", "Germany", "France", ""],
  state: ["California", "california", "New York", "Texas", "Bavaria"],
  city: ["San Francisco", "san francisco", "Berlin", "Paris", "São Paulo"],
  timezone: ["PST", "pst", "EST", "America/Los_Angeles", "UTC", "Europe/Berlin"],
} as const;

const TAGS = ["vip", "unqualified", "beta", "a_b", "50%", "newsletter", "customer", "é-tag"];
const NUMBER_POOL = [
  0, 1, 49, 49.5, 50, 60, 75, 79, 80, 100, -1, -1.5, 1000, 5000, 5000.01, 1e6, 2.5e9, -3e9, 0.1, 23, 9, 11,
];
const SCORES = [0, 1, 49, 50, 60, 61, 75, 79, 80, 99, 100];

const ANY_JSON: unknown[] = [
  "SaaS",
  "saas",
  "Technology",
  "50%_off",
  "a_b",
  "",
  "Ève",
  42,
  0,
  -1.5,
  1000,
  5000.01,
  1e6,
  true,
  false,
  null,
  [],
  ["Email Marketing", "automation"],
  ["ANALYTICS"],
  [1, "x"],
  { a: 1 },
  "2024-02-29",
  "2024-03-01",
  "2023-02-28",
  "2024-13-45",
  "2024-02-30",
  "29/02/2024",
  "2024-02-29T10:00:00Z",
  "0000-01-01",
  "9999-12-31",
  "1000",
  "true",
];

function typedValue(r: Random, type: CustomFieldType): unknown {
  switch (type) {
    case "TEXT":
      return r.pick([...STRINGS.firstName, ...STRINGS.companyName]);
    case "SELECT":
      return r.pick(["SaaS", "saas", "Technology", "Software", "Retail", "51-200", "50%"]);
    case "MULTI_SELECT":
      return r.chance(0.15) ? [] : r.some(["Email Marketing", "automation", "ANALYTICS", "seo", "a_b", "50%"], 3);
    case "NUMBER":
      return r.pick(NUMBER_POOL);
    case "DATE":
      return r.chance(0.15)
        ? r.pick(["2019-02-28", "2020-03-15", "2020-02-29", "2021-03-01"])
        : formatDay(offsetDay(r));
    case "BOOLEAN":
      return r.chance(0.5);
  }
}

function customFields(r: Random, types: Record<string, CustomFieldType>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(types)) {
    const roll = r.next();
    if (roll < 0.3) continue; // not present
    out[key] = roll < 0.75 ? typedValue(r, type) : r.pick(ANY_JSON);
  }
  if (r.chance(0.1)) out.legacy = r.pick(ANY_JSON); // a key without a definition
  if (r.chance(0.05)) Object.defineProperty(out, "constructor", { value: r.pick(ANY_JSON), enumerable: true });
  return out;
}

function contact(r: Random, companyId: string, index: number, types: Record<string, CustomFieldType>): WorldContact {
  const str = (pool: readonly string[], p = 0.75) => maybe(r, p, () => r.pick(pool));
  const lastEmailSentAt = maybe(r, 0.6, () => timestamp(r));
  let lastOpenedAt = maybe(r, 0.6, () => timestamp(r));
  if (lastEmailSentAt && r.chance(0.15)) {
    // Exactly at, or one millisecond before, the last send: the openedLastEmail boundary.
    const sent = Date.parse(lastEmailSentAt);
    lastOpenedAt = new Date(sent - (sent > Date.parse("1970-01-01") ? r.pick([0, 1]) : 0)).toISOString();
  }
  const local = r.pick(["ann", "bob", "a_b", "x%y", "eve", "zed"]);
  return {
    id: r.uuid(),
    companyId,
    email: `${local}${index}@${r.pick(["example.com", "x.com", "mail_server.io"])}`,
    firstName: str(STRINGS.firstName),
    lastName: str(STRINGS.lastName),
    phone: str(STRINGS.phone, 0.5),
    companyName: str(STRINGS.companyName, 0.6),
    jobTitle: str(STRINGS.jobTitle, 0.6),
    source: str(STRINGS.source, 0.6),
    country: str(STRINGS.country),
    state: str(STRINGS.state, 0.6),
    city: str(STRINGS.city, 0.6),
    timezone: str(STRINGS.timezone, 0.6),
    lifecycleStage: str(["SUBSCRIBER", "LEAD", "MQL", "SQL", "CUSTOMER", "CHURNED"], 0.8),
    subscriptionStatus: r.pick(["ACTIVE", "ACTIVE", "UNSUBSCRIBED", "BOUNCED"]),
    leadScore: maybe(r, 0.8, () => (r.chance(0.6) ? r.pick(SCORES) : r.int(0, 100))),
    engagementScore: maybe(r, 0.6, () => r.int(0, 100)),
    engagementTrend: str(["RISING", "STABLE", "DECLINING"], 0.6),
    conversionLikelihood: str(["LOW", "POSSIBLE", "LIKELY", "VERY_LIKELY"], 0.6),
    lastActivityAt: maybe(r, 0.7, () => timestamp(r)),
    lastOpenedAt,
    lastClickedAt: maybe(r, 0.5, () => timestamp(r)),
    lastEmailSentAt,
    lastOpenedDevice: str(DEVICES, 0.6),
    preferredOpenHour: maybe(r, 0.6, () => r.int(0, 23)),
    preferredOpenDay: str(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], 0.6),
    ...(r.chance(0.1) ? {} : { tags: r.chance(0.15) ? null : r.chance(0.2) ? [] : r.some(TAGS, 3) }),
    customFields: customFields(r, types),
    createdAt: timestamp(r),
  };
}

const URLS = [
  "https://x.com/pricing",
  "https://X.com/PRICING?a=1",
  "https://x.com/demo",
  "https://x.com/50%_off",
  "https://x.com/a_b",
  null,
];
const WEIGHTED_TYPES = [...EVENT_TYPES, "email_opened", "email_opened", "email_clicked", "email_clicked", "email_sent"];

function events(r: Random, c: WorldContact, campaigns: string[]): WorldEvent[] {
  if (r.chance(0.3)) return [];
  return Array.from({ length: r.int(1, 20) }, () => {
    const type = r.pick(WEIGHTED_TYPES);
    return {
      companyId: c.companyId,
      contactId: c.id,
      type,
      occurredAt: timestamp(r),
      campaignId: r.pick([...campaigns, "esp_123", "ESP_123", null]),
      url: URL_EVENT_TYPES.includes(type as never) || r.chance(0.05) ? r.pick(URLS) : null,
      device: r.pick([...DEVICES, null]),
    };
  });
}

/** The dataset: ~320 contacts of company A and ~90 of company B, with events and memberships. */
export function generateWorld(r: Random, sizes = { a: 320, b: 90 }): { world: World; ids: DiffIds } {
  const ids: DiffIds = {
    companyA: r.uuid(),
    companyB: r.uuid(),
    campaignsA: [r.uuid(), r.uuid(), r.uuid(), r.uuid()],
    campaignsB: [r.uuid(), r.uuid()],
    segmentsA: [r.uuid(), r.uuid(), r.uuid()],
    segmentsB: [r.uuid()],
  };
  const campaignNames = ["Product Launch Q4", "Feature Announcement", "product newsletter", "50% off_sale"];
  const contactsA = Array.from({ length: sizes.a }, (_, i) => contact(r, ids.companyA, i, CUSTOM_FIELDS_A));
  const contactsB = Array.from({ length: sizes.b }, (_, i) => contact(r, ids.companyB, i, CUSTOM_FIELDS_B));
  // Events may name the other company's campaigns (an ESP can send any id): they must not
  // match campaignNameContains, which looks only at the company's own campaigns.
  const allCampaigns = [...ids.campaignsA, ...ids.campaignsB];
  const world: World = {
    companies: [
      { id: ids.companyA, name: "A" },
      { id: ids.companyB, name: "B" },
    ],
    customFields: [
      ...Object.entries(CUSTOM_FIELDS_A).map(([key, type]) => ({ companyId: ids.companyA, key, type })),
      ...Object.entries(CUSTOM_FIELDS_B).map(([key, type]) => ({ companyId: ids.companyB, key, type })),
    ],
    campaigns: [
      ...ids.campaignsA.map((id, i) => ({ id, companyId: ids.companyA, name: campaignNames[i]! })),
      { id: ids.campaignsB[0]!, companyId: ids.companyB, name: "Product B" },
      { id: ids.campaignsB[1]!, companyId: ids.companyB, name: "Feature B" },
    ],
    segments: [
      ...ids.segmentsA.map((id, i) => ({ id, companyId: ids.companyA, name: `A${i}` })),
      { id: ids.segmentsB[0]!, companyId: ids.companyB, name: "B0" },
    ],
    contacts: [...contactsA, ...contactsB],
    events: [...contactsA, ...contactsB].flatMap((c) => events(r, c, allCampaigns)),
    memberships: [
      ...contactsA.flatMap((c) =>
        ids.segmentsA
          .filter(() => r.chance(0.3))
          .map((segmentId) => ({ companyId: ids.companyA, segmentId, contactId: c.id })),
      ),
      ...contactsB
        .filter(() => r.chance(0.4))
        .map((c) => ({ companyId: ids.companyB, segmentId: ids.segmentsB[0]!, contactId: c.id })),
    ],
  };
  return { world, ids };
}

// --- definitions ----------------------------------------------------------------------

const TEXT_VALUES = [
  "a",
  "ali",
  "ALICE",
  "ève",
  "%",
  "_",
  "50%",
  "a_b",
  "o'b",
  "x.com",
  "@x.com",
  "united",
  "States",
  "san",
  "pst",
  "é",
  "100% p",
  "bob_",
  "saas",
  "Technology",
  "51-200",
  "ann1@example.com",
  "Ann12@Example.com",
];
const DAY_COUNTS = [0, 1, 2, 6, 7, 8, 14, 29, 30, 31, 60, 89, 90, 91, 365, 366, 36_500, 10_000_000];
const COUNTS = [0, 1, 1, 2, 3, 5, 10];

/** Stored values a text condition on this field can meet (undefined: the generic pool). */
const FIELD_TEXTS: Record<string, readonly string[]> = {
  ...STRINGS,
  email: ["ann1@example.com", "a_b12@x.com", "x%y7@mail_server.io", "eve3@example.com", "zed10@x.com"],
  text_f: [...STRINGS.firstName, ...STRINGS.companyName],
  sel_f: ["SaaS", "Technology", "Software", "Retail", "51-200", "50%"],
};

/** A text value for an operator: often a stored value, or the part of one the operator looks at. */
function textValue(r: Random, field?: string, operator?: string): string {
  const pool = field && Object.hasOwn(FIELD_TEXTS, field) ? FIELD_TEXTS[field] : undefined;
  if (!pool || r.chance(0.3)) return r.chance(0.5) ? r.mixCase(r.pick(TEXT_VALUES)) : r.pick(TEXT_VALUES);
  const whole = r.pick(pool.filter((v) => v.length > 0));
  const cut = r.int(1, whole.length);
  const part =
    operator === "starts_with"
      ? whole.slice(0, cut)
      : operator === "ends_with"
        ? whole.slice(whole.length - cut)
        : operator === "contains" || operator === "not_contains"
          ? whole.slice(r.int(0, whole.length - cut), whole.length).slice(0, cut)
          : whole;
  return r.chance(0.5) ? r.mixCase(part) : part;
}

function dateValue(r: Random): string {
  return r.chance(0.1) ? r.pick(["0001-01-01", "9999-12-31", "2020-02-29"]) : formatDay(offsetDay(r));
}

function sorted<T extends number | string>(a: T, b: T): [T, T] {
  return a <= b ? [a, b] : [b, a];
}

function value(
  r: Random,
  family: FieldFamily,
  operator: string,
  ids: DiffIds,
  enumValues?: readonly string[],
  field?: string,
): unknown {
  const shape = valueShape(family, operator);
  switch (shape) {
    case "none":
    case undefined:
      return undefined;
    case "string":
      return textValue(r, field, operator);
    case "stringList":
      return Array.from({ length: r.int(1, 3) }, () =>
        family === "array" ? r.mixCase(r.pick([...TAGS, "email marketing", "SEO", "x"])) : textValue(r, field),
      );
    case "enumValue":
      return enumValues ? r.mixCase(r.pick(enumValues)) : textValue(r, field);
    case "enumList":
      return enumValues ? r.some(enumValues, 3).map((v) => r.mixCase(v)) : [textValue(r, field)];
    case "number":
      return r.pick(NUMBER_POOL);
    case "numberRange":
      return sorted(r.pick(NUMBER_POOL), r.pick(NUMBER_POOL));
    case "date":
      return dateValue(r);
    case "dateRange":
      return sorted(dateValue(r), dateValue(r));
    case "dayCount":
      return r.pick(DAY_COUNTS);
    case "count":
      return r.pick(COUNTS);
    case "segmentId":
      return r.pick([
        ...ids.segmentsA,
        ids.segmentsA[0]!.toUpperCase(),
        ids.segmentsB[0]!,
        "seg_recent_purchasers",
        "00000000-0000-4000-8000-000000000000",
      ]);
  }
}

function window(r: Random): EventWindow {
  const roll = r.next();
  if (roll < 0.45) return { lastDays: r.pick(DAY_COUNTS) };
  if (roll < 0.8) return { moreThanDaysAgo: r.pick(DAY_COUNTS) };
  return { between: sorted(dateValue(r), dateValue(r)) };
}

function filter(r: Random, type: string, ids: DiffIds): EventFilter {
  const out: EventFilter = {};
  if (r.chance(0.4)) out.campaignId = r.pick([...ids.campaignsA, ids.campaignsB[0]!, "esp_123", "ESP_123", "unknown"]);
  if (URL_EVENT_TYPES.includes(type as never) && r.chance(0.5)) {
    out.urlContains = r.pick(["pricing", "PRICING", "demo", "%", "_", "50%_", "a_b", "x.com/"]);
  }
  if (r.chance(0.35)) out.device = r.mixCase(r.pick(DEVICES)) as EventFilter["device"];
  if (r.chance(0.3)) out.campaignNameContains = r.pick(["product", "PRODUCT", "50%", "_", "b", "feature", "q4", "zzz"]);
  return out;
}

const CONTACT_KEYS = [...CONTACT_FIELDS.keys()];

function condition(r: Random, ids: DiffIds): Condition {
  const roll = r.next();
  if (roll < 0.45) {
    const field = CONTACT_FIELDS.get(r.pick(CONTACT_KEYS))!;
    const operator = r.pick(OPERATORS_BY_FAMILY[field.type]);
    const v = value(r, field.type, operator, ids, field.values, field.key);
    return { field: `contact.${field.key}`, operator, ...(v === undefined ? {} : { value: v }) };
  }
  if (roll < 0.72) {
    const keys = Object.keys(CUSTOM_FIELDS_A);
    // Sometimes a key the company does not have, including names of Object.prototype members.
    const key = r.chance(0.06) ? r.pick(["legacy", "legacy", "constructor", "toString"]) : r.pick(keys);
    const type = Object.hasOwn(CUSTOM_FIELDS_A, key) ? CUSTOM_FIELDS_A[key]! : r.pick(Object.values(CUSTOM_FIELDS_A));
    const family = CUSTOM_FIELD_VALUE_TYPE[type];
    const operator = r.pick(OPERATORS_BY_FAMILY[family]);
    const v = value(r, family, operator, ids, undefined, key);
    return { field: `customField.${key}`, operator, ...(v === undefined ? {} : { value: v }) };
  }
  if (roll < 0.93) {
    const type = r.pick(EVENT_TYPES);
    const operator = r.pick(OPERATORS_BY_FAMILY.event);
    const v = value(r, "event", operator, ids);
    return {
      field: `event.${type}`,
      operator,
      ...(v === undefined ? {} : { value: v }),
      ...(r.chance(0.55) ? { window: window(r) } : {}),
      ...(r.chance(0.45) ? { filter: filter(r, type, ids) } : {}),
    };
  }
  const operator = r.pick(OPERATORS_BY_FAMILY.segment);
  return { field: "segment", operator, value: value(r, "segment", operator, ids) };
}

function group(r: Random, ids: DiffIds, depth: number, budget: { conditions: number }): Group {
  const items: (Condition | Group)[] = [];
  const size = r.int(1, depth === 1 ? 4 : 3);
  for (let i = 0; i < size; i++) {
    if (depth < 5 && budget.conditions < 60 && r.chance(0.3)) items.push(group(r, ids, depth + 1, budget));
    else {
      items.push(condition(r, ids));
      budget.conditions++;
    }
  }
  return { match: r.chance(0.45) ? "all" : "any", conditions: items };
}

/** A random valid definition: up to 3 groups, nesting to depth 5, sometimes exclusions. */
export function generateDefinition(r: Random, ids: DiffIds): SegmentDefinition {
  const budget = { conditions: 0 };
  const groups = Array.from({ length: r.int(1, 3) }, () => group(r, ids, 1, budget));
  const exclusions = r.chance(0.35) ? Array.from({ length: r.int(1, 2) }, () => group(r, ids, 1, budget)) : undefined;
  return { match: r.chance(0.35) ? "all" : "any", groups, ...(exclusions ? { exclusions } : {}) };
}

/**
 * Smaller definitions derived from one (a group or condition removed, a sub-group
 * flattened): the steps of the shrinker.
 */
export function shrinkCandidates(definition: SegmentDefinition): SegmentDefinition[] {
  const out: SegmentDefinition[] = [];
  const clone = () => structuredClone(definition);
  if (definition.exclusions) {
    const { exclusions: _dropped, ...rest } = clone();
    out.push(rest);
    definition.exclusions.forEach((_, i) => {
      const d = clone();
      d.exclusions!.splice(i, 1);
      if (d.exclusions!.length === 0) delete d.exclusions;
      out.push(d);
    });
  }
  if (definition.groups.length > 1) {
    definition.groups.forEach((_, i) => {
      const d = clone();
      d.groups.splice(i, 1);
      out.push(d);
    });
  }
  // Every group anywhere: drop one item, or replace a sub-group by one of its items.
  const visit = (d: SegmentDefinition, fn: (g: Group) => void) => {
    const walk = (g: Group) => {
      fn(g);
      for (const item of g.conditions) if ("conditions" in item) walk(item);
    };
    for (const g of [...d.groups, ...(d.exclusions ?? [])]) walk(g);
  };
  let groupCount = 0;
  visit(definition, () => groupCount++);
  for (let gi = 0; gi < groupCount; gi++) {
    let size = 0;
    let n = 0;
    visit(definition, (g) => {
      if (n++ === gi) size = g.conditions.length;
    });
    for (let ii = 0; ii < size; ii++) {
      if (size > 1) {
        const d = clone();
        let k = 0;
        visit(d, (g) => {
          if (k++ === gi) g.conditions.splice(ii, 1);
        });
        out.push(d);
      }
      const d = clone();
      let k = 0;
      let changed = false;
      visit(d, (g) => {
        if (k++ !== gi) return;
        const item = g.conditions[ii];
        if (item && "conditions" in item) {
          g.conditions.splice(ii, 1, ...item.conditions);
          changed = true;
        }
      });
      if (changed) out.push(d);
    }
  }
  return out;
}
