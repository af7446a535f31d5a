import { describe, expect, it } from "vitest";
import { type CompileContext, compileDefinition, compileSegment, eventTypeBit } from "./compile";
import { CONTACT_FIELDS, EVENT_TYPES, OPERATORS_BY_FAMILY } from "./fields";
import type { Condition, SegmentDefinition } from "./types";

const COMPANY = "0a000000-0000-4000-8000-000000000001";
const NOW = new Date("2025-06-15T12:00:00.000Z");
const ctx: CompileContext = {
  companyId: COMPANY,
  now: NOW,
  customFieldTypes: {
    notes: "TEXT",
    revenue: "NUMBER",
    renewal: "DATE",
    vip: "BOOLEAN",
    plan: "SELECT",
    topics: "MULTI_SELECT",
  },
};
const def = (...conditions: Condition[]): SegmentDefinition => ({
  match: "all",
  groups: [{ match: "all", conditions }],
});
const compile = (definition: SegmentDefinition, extra: Partial<CompileContext> = {}) =>
  compileDefinition(definition, { ...ctx, ...extra });
const one = (condition: Condition, extra: Partial<CompileContext> = {}) => compile(def(condition), extra);

const INJECTION = `x'); DROP TABLE "Contact"; --`;

/** Every quoted identifier the compiler may emit: tables, columns and enum types of the schema. */
const ALLOWED_IDENTIFIERS = new Set([
  "Contact",
  "ContactFacts",
  "ContactEvent",
  "ContactEventSummary",
  "SegmentMembership",
  "Campaign",
  "EventType",
  "Device",
  "C",
  "companyId",
  "contactId",
  "segmentId",
  "customFields",
  "id",
  "type",
  "occurredAt",
  "campaignId",
  "url",
  "device",
  "name",
  "firstAt",
  "lastAt",
  "count",
  "mobileCount",
  "desktopCount",
  "tabletCount",
  ...[...CONTACT_FIELDS.values()].flatMap((f) => (f.column ? [f.column] : [])),
  ...[...CONTACT_FIELDS.values()].flatMap((f) => (f.enumType ? [f.enumType] : [])),
  "lastEmailSentAt",
  "lastOpenedAt",
  "eventTypes",
]);

describe("tenant scope", () => {
  it("ANDs every predicate with the company, as the first parameter", () => {
    const query = one({ field: "contact.email", operator: "is_set" });
    expect(query.text).toBe('c."companyId" = $1::uuid');
    expect(query.values).toEqual([COMPANY]);
    const other = one({ field: "contact.city", operator: "equals", value: "Paris" });
    expect(other.text.startsWith('(c."companyId" = $1::uuid AND ')).toBe(true);
  });

  it("a company id that is not a UUID owns no contacts", () => {
    expect(one({ field: "contact.email", operator: "is_set" }, { companyId: "acme" }).text).toBe("FALSE");
  });

  it("uses the caller's alias for Contact and refuses unsafe aliases", () => {
    expect(one({ field: "contact.city", operator: "is_set" }, { contactAlias: "ct" }).text).toBe(
      '(ct."companyId" = $1::uuid AND ct."city" IS NOT NULL)',
    );
    for (const alias of ['c"; DROP', "ev", "C", "1c"]) {
      expect(() => one({ field: "contact.city", operator: "is_set" }, { contactAlias: alias })).toThrow(
        "invalid contact alias",
      );
    }
  });
});

describe("values are parameters, identifiers come from the catalog", () => {
  const positions: Condition[] = [
    { field: "contact.firstName", operator: "equals", value: INJECTION },
    { field: "contact.firstName", operator: "not_contains", value: INJECTION },
    { field: "contact.email", operator: "starts_with", value: INJECTION },
    { field: "contact.city", operator: "ends_with", value: INJECTION },
    { field: "contact.country", operator: "in", value: ["Canada", INJECTION] },
    { field: "contact.tags", operator: "contains_all", value: [INJECTION] },
    { field: "customField.notes", operator: "contains", value: INJECTION },
    { field: "customField.plan", operator: "not_in", value: [INJECTION] },
    { field: "customField.topics", operator: "contains_any", value: [INJECTION] },
    {
      field: "event.email_clicked",
      operator: "has_done",
      filter: { campaignId: INJECTION, urlContains: INJECTION, campaignNameContains: INJECTION },
    },
  ];

  it.each(positions.map((condition) => [JSON.stringify(condition).slice(0, 70), condition] as const))(
    "%s",
    (_label, condition) => {
      const query = one(condition);
      expect(query.text).not.toContain("DROP");
      expect(query.text).not.toContain(INJECTION.toLowerCase());
      expect(JSON.stringify(query.values).toLowerCase()).toContain("drop table");
    },
  );

  it("a segment id that is not a UUID is never cast or sent: it names no segment", () => {
    expect(one({ field: "segment", operator: "in_segment", value: INJECTION }).text).toBe("FALSE");
    expect(one({ field: "segment", operator: "not_in_segment", value: INJECTION }).text).toBe(
      'c."companyId" = $1::uuid',
    );
  });

  it("passes custom field keys as parameters, and refuses keys outside the key syntax", () => {
    const query = one({ field: "customField.notes", operator: "equals", value: "x" });
    expect(query.text).toContain('c."customFields" -> $2::text');
    expect(query.text).not.toContain("notes");
    expect(query.values).toContain("notes");
    const key = `k'"); DROP TABLE "Contact"; --`;
    expect(() =>
      one({ field: `customField.${key}`, operator: "equals", value: "x" }, { customFieldTypes: { [key]: "TEXT" } }),
    ).toThrow("invalid custom field key");
  });

  it("emits only whitelisted identifiers for every field and operator", () => {
    const conditions: Condition[] = [];
    for (const field of CONTACT_FIELDS.values()) {
      for (const operator of OPERATORS_BY_FAMILY[field.type]) {
        conditions.push({
          field: `contact.${field.key}`,
          operator,
          value: sampleValue(field.type, operator, field.values),
        });
      }
    }
    for (const [key, type] of Object.entries(ctx.customFieldTypes)) {
      const family = {
        TEXT: "string",
        NUMBER: "number",
        DATE: "date",
        BOOLEAN: "boolean",
        SELECT: "enum",
        MULTI_SELECT: "array",
      }[type] as keyof typeof OPERATORS_BY_FAMILY;
      for (const operator of OPERATORS_BY_FAMILY[family]) {
        conditions.push({ field: `customField.${key}`, operator, value: sampleValue(family, operator) });
      }
    }
    for (const type of EVENT_TYPES) {
      for (const operator of OPERATORS_BY_FAMILY.event) {
        conditions.push({
          field: `event.${type}`,
          operator,
          value: 3,
          window: { lastDays: 30 },
          filter: { campaignId: "c", device: "mobile", campaignNameContains: "x" },
        });
      }
    }
    conditions.push({ field: "segment", operator: "in_segment", value: COMPANY });
    const identifiers = new Set<string>();
    const literals = new Set<string>();
    for (const eventCounts of ["per-contact", "grouped"] as const) {
      for (const eventSummaries of [true, false]) {
        for (const contactSource of ["facts", "contact"] as const) {
          for (const condition of conditions) {
            // Each condition on its own (an OR of all would fold to TRUE: some are always true).
            const { from, where } = compileSegment(def(condition), {
              ...ctx,
              eventCounts,
              eventSummaries,
              contactSource,
            });
            const text = `${from.text} ${where.text}`;
            for (const m of text.matchAll(/"([^"]*)"/g)) identifiers.add(m[1]!);
            for (const m of text.matchAll(/'([^']*)'/g)) literals.add(m[1]!);
          }
        }
      }
    }
    expect([...identifiers].filter((id) => !ALLOWED_IDENTIFIERS.has(id))).toEqual([]);
    expect(identifiers.size).toBeGreaterThan(30);
    // No literal of user data: quotes only around whitelisted identifiers and fixed SQL literals.
    expect([...literals].sort()).toEqual(
      ["UTC", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "array", "number", "string", "{}"].sort(),
    );
  });
});

describe("reading ContactFacts", () => {
  const segment = (definition: SegmentDefinition, extra: Partial<CompileContext> = {}) =>
    compileSegment(definition, { ...ctx, ...extra });

  it("reads the narrow copy unless a condition on a field it lacks must hold for every member", () => {
    expect(segment(def({ field: "contact.leadScore", operator: "greater_than", value: 50 })).from.text).toBe(
      '"ContactFacts" c',
    );
    expect(segment(def({ field: "contact.city", operator: "equals", value: "Paris" })).from.text).toBe('"Contact" c');
    expect(segment(def({ field: "customField.vip", operator: "is_true" })).from.text).toBe('"Contact" c');
    // Under ANY, or only in the exclusions: the facts drive, the contact row is probed.
    const anyOf: SegmentDefinition = {
      match: "all",
      groups: [
        {
          match: "any",
          conditions: [
            { field: "contact.leadScore", operator: "greater_than", value: 50 },
            { field: "customField.revenue", operator: "greater_than", value: 10 },
          ],
        },
      ],
      exclusions: [{ match: "all", conditions: [{ field: "contact.city", operator: "equals", value: "Paris" }] }],
    };
    expect(segment(anyOf).source).toBe("facts");
    expect(segment(anyOf, { contactSource: "contact" }).from.text).toBe('"Contact" c');
  });

  it("probes the contact row by primary key for fields the facts lack, as a probe (OFFSET 0), not a hashed scan", () => {
    const { where } = segment(def({ field: "contact.city", operator: "equals", value: "Paris" }), {
      contactSource: "facts",
    });
    expect(where.text).toContain(
      'EXISTS (SELECT 1 FROM "Contact" crow WHERE crow."companyId" = c."companyId" AND crow."id" = c."id" AND (crow."city" IS NOT NULL AND lower(crow."city") = $2::text) OFFSET 0)',
    );
  });

  it("compares the stored lower-case country as stored", () => {
    const { where } = segment(def({ field: "contact.country", operator: "in", value: ["United States", "CANADA"] }));
    expect(where.text).toContain('c."country" = ANY($2::text[])');
    expect(where.text).not.toContain("lower(");
    expect(where.values[1]).toEqual(["united states", "canada"]);
  });

  it("checks exclusions that probe the contact row only for the included contacts (CASE, in written order)", () => {
    const withProbe: SegmentDefinition = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: 50 }] }],
      exclusions: [
        { match: "any", conditions: [{ field: "customField.revenue", operator: "greater_than", value: 10 }] },
      ],
    };
    const { where, source } = segment(withProbe);
    expect(source).toBe("facts");
    expect(where.text).toMatch(
      /^\(c\."companyId" = \$1::uuid AND CASE WHEN \(c\."leadScore" IS NOT NULL AND c\."leadScore" >= \$2::int4\) THEN NOT EXISTS \(SELECT 1 FROM "Contact" crow .* ELSE FALSE END\)$/,
    );
    // Cheap exclusions stay plain conditions the planner may order.
    const cheap = segment({
      ...withProbe,
      exclusions: [{ match: "any", conditions: [{ field: "contact.tags", operator: "contains_any", value: ["x"] }] }],
    });
    expect(cheap.where.text).not.toContain("CASE");
  });

  it("reads BOOLEAN custom fields from the facts as a hashed set of the contacts the GIN index finds, not a probe per contact", () => {
    const vip = segment({
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: 50 }] }],
      exclusions: [{ match: "any", conditions: [{ field: "customField.vip", operator: "is_true" }] }],
    });
    expect(vip.source).toBe("facts");
    expect(vip.where.text).toContain(
      '(c."id" IN (SELECT crow."id" FROM "Contact" crow WHERE crow."companyId" = $3::uuid AND crow."customFields" @> $4::jsonb)) IS TRUE',
    );
    expect(vip.where.values.slice(2)).toEqual([COMPANY, '{"vip":true}']);
    expect(vip.where.text).not.toContain("OFFSET 0");
    // Other custom fields have no index to serve them: the probe of the contact's row.
    const revenue = segment({
      match: "any",
      groups: [
        { match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: 50 }] },
        { match: "all", conditions: [{ field: "customField.revenue", operator: "greater_than", value: 10 }] },
      ],
    });
    expect(revenue.source).toBe("facts");
    expect(revenue.where.text).toContain("OFFSET 0");
  });

  it("decides all-time has_done / has_not_done with the event type's bit, and checks the bit before any other event read", () => {
    const bit = eventTypeBit("email_opened");
    expect(bit).toBe(2 ** EVENT_TYPES.indexOf("email_opened"));
    const never = segment(def({ field: "event.email_opened", operator: "has_not_done" }));
    expect(never.where.text).toBe('(c."companyId" = $1::uuid AND NOT (c."eventTypes" & $2::int4) <> 0)');
    expect(never.where.values).toEqual([COMPANY, bit]);
    const windowed = segment(
      def({ field: "event.email_opened", operator: "count_at_least", value: 3, window: { lastDays: 30 } }),
    );
    expect(windowed.where.text).toContain('((c."eventTypes" & $2::int4) <> 0 AND ');
    expect(windowed.where.text).toContain('"ContactEventSummary"');
  });
});

describe("shapes of the SQL", () => {
  it("compares case-insensitively without LIKE, and stored-lower-case columns as stored", () => {
    expect(one({ field: "contact.firstName", operator: "contains", value: "50%_" }).text).toContain(
      'strpos(lower(c."firstName"), $2::text) > 0',
    );
    expect(one({ field: "contact.firstName", operator: "contains", value: "50%_" }).values[1]).toBe("50%_");
    expect(one({ field: "contact.email", operator: "equals", value: "Ann@X.com" }).text).toContain(
      'c."email" = $2::text',
    );
    expect(one({ field: "contact.email", operator: "equals", value: "Ann@X.com" }).values[1]).toBe("ann@x.com");
    expect(one({ field: "contact.city", operator: "starts_with", value: "San" }).text).toContain(
      'starts_with(lower(c."city"), $2::text)',
    );
    expect(one({ field: "contact.tags", operator: "contains_any", value: ["VIP", "Beta"] }).text).toContain(
      'c."tags" && $2::text[]',
    );
    expect(one({ field: "contact.tags", operator: "contains_any", value: ["VIP", "Beta"] }).values[1]).toEqual([
      "vip",
      "beta",
    ]);
    const stages = one({ field: "contact.lifecycleStage", operator: "in", value: ["lead", "Mql"] });
    expect(stages.values.slice(1)).toEqual(["LEAD", "MQL"]);
    expect(stages.text).toContain('c."lifecycleStage" = ANY(ARRAY[$2::"LifecycleStage", $3::"LifecycleStage"])');
  });

  it("makes a negative operator the exact complement of its positive twin", () => {
    const positive = one({ field: "contact.city", operator: "equals", value: "Paris" }).text;
    const negative = one({ field: "contact.city", operator: "not_equals", value: "Paris" }).text;
    expect(positive).toBe('(c."companyId" = $1::uuid AND (c."city" IS NOT NULL AND lower(c."city") = $2::text))');
    expect(negative).toBe('(c."companyId" = $1::uuid AND NOT (c."city" IS NOT NULL AND lower(c."city") = $2::text))');
  });

  it("turns day conditions into UTC timestamp ranges computed from now", () => {
    const q = one({ field: "contact.lastOpenedAt", operator: "within_last_days", value: 30 });
    expect(q.text).toContain('c."lastOpenedAt" >= $2::timestamptz AND c."lastOpenedAt" < $3::timestamptz');
    expect(q.values.slice(1)).toEqual(["2025-05-16T00:00:00.000Z", "2025-06-16T00:00:00.000Z"]);
    expect(one({ field: "contact.createdAt", operator: "more_than_days_ago", value: 30 }).values.slice(1)).toEqual([
      "2025-05-16T00:00:00.000Z",
    ]);
    expect(one({ field: "contact.createdAt", operator: "before", value: "2024-02-29" }).values.slice(1)).toEqual([
      "2024-02-29T00:00:00.000Z",
    ]);
    expect(
      one({ field: "contact.createdAt", operator: "between", value: ["2024-02-28", "9999-12-31"] }).values.slice(1),
    ).toEqual(["2024-02-28T00:00:00.000Z", "10000-01-01T00:00:00.000Z"]);
    // A window reaching before year 1 is unbounded on that side.
    expect(
      one({ field: "contact.createdAt", operator: "within_last_days", value: 10_000_000 }).values.slice(1),
    ).toEqual(["2025-06-16T00:00:00.000Z"]);
  });

  it("compares DATE custom fields as guarded text, never casting stored data", () => {
    const q = one({ field: "customField.renewal", operator: "within_next_days", value: 7 });
    expect(q.text).toContain("~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'");
    expect(q.text).toContain('COLLATE "C" >= $');
    expect(q.text).not.toMatch(/::date/);
    expect(q.values).toEqual([COMPANY, "renewal", "renewal", "renewal", "2025-06-15", "renewal", "2025-06-22"]);
  });

  it("integer columns: bounds become integers, so the column's index applies", () => {
    expect(one({ field: "contact.leadScore", operator: "greater_than", value: 50.5 }).values.slice(1)).toEqual([51]);
    expect(one({ field: "contact.leadScore", operator: "equals", value: 50.5 }).text).toBe("FALSE");
    expect(one({ field: "contact.leadScore", operator: "not_equals", value: 50.5 }).text).toBe(
      'c."companyId" = $1::uuid',
    );
    expect(one({ field: "contact.leadScore", operator: "greater_than", value: 3e9 }).text).toBe("FALSE");
    expect(one({ field: "contact.leadScore", operator: "greater_than", value: -3e9 }).text).toBe(
      '(c."companyId" = $1::uuid AND c."leadScore" IS NOT NULL)',
    );
  });

  it("without summaries, event conditions are correlated, index-shaped subqueries; counts stop after n events", () => {
    const one = (condition: Condition, extra: Partial<CompileContext> = {}) =>
      compile(def(condition), { eventSummaries: false, ...extra });
    const has = one({ field: "event.email_opened", operator: "has_done", window: { lastDays: 7 } }).text;
    expect(has).toContain(
      'EXISTS (SELECT 1 FROM "ContactEvent" ev WHERE ev."companyId" = c."companyId" AND ev."contactId" = c."id" AND (ev."type" = $2::"EventType" AND ev."occurredAt" >= $3::timestamptz AND ev."occurredAt" < $4::timestamptz))',
    );
    expect(one({ field: "event.email_opened", operator: "has_not_done" }).text).toContain("NOT EXISTS (SELECT 1");
    const atLeast = one(
      { field: "event.email_opened", operator: "count_at_least", value: 5 },
      { eventCounts: "per-contact" },
    );
    expect(atLeast.text).toMatch(/OFFSET \$\d+::int8\)\)$/);
    expect(atLeast.values.at(-1)).toBe(4);
    const grouped = one(
      { field: "event.email_opened", operator: "count_at_least", value: 5 },
      { eventCounts: "grouped" },
    );
    expect(grouped.text).toContain(
      '(c."id" IN (SELECT ev."contactId" FROM "ContactEvent" ev WHERE ev."companyId" = $2::uuid',
    );
    expect(grouped.text).toMatch(/GROUP BY ev."contactId" HAVING count\(\*\) >= \$\d+::int8\)\) IS TRUE\)$/);
    // No events count as 0.
    expect(one({ field: "event.purchase", operator: "count_at_least", value: 0 }).text).toBe(
      'c."companyId" = $1::uuid',
    );
    expect(one({ field: "event.purchase", operator: "count_at_most", value: 0 }).text).toContain("NOT EXISTS");
    expect(one({ field: "event.purchase", operator: "count_equals", value: 0 }).text).toContain("NOT EXISTS");
  });

  it("auto: per-contact probes when a contact condition is ANDed with the count, else one grouped pass", () => {
    const count: Condition = { field: "event.email_opened", operator: "count_at_least", value: 5 };
    const narrow: Condition = { field: "contact.lastActivityAt", operator: "within_last_days", value: 7 };
    const isGrouped = (definition: SegmentDefinition) =>
      compile(definition, { eventSummaries: false }).text.includes("GROUP BY");
    const groups = (match: "all" | "any", ...conditions: Condition[]): SegmentDefinition => ({
      match,
      groups: conditions.map((c) => ({ match: "all", conditions: [c] })),
    });
    expect(isGrouped(def(count))).toBe(true);
    expect(isGrouped(def(count, narrow))).toBe(false);
    expect(isGrouped(groups("all", count, narrow))).toBe(false);
    expect(isGrouped(groups("any", count, narrow))).toBe(true);
    expect(isGrouped({ match: "all", groups: [{ match: "any", conditions: [count, narrow] }] })).toBe(true);
    expect(isGrouped({ ...def(narrow), exclusions: [{ match: "all", conditions: [count] }] })).toBe(false);
  });

  it("with summaries, all-time and device conditions read only the summary row", () => {
    const q = one(
      { field: "event.email_opened", operator: "count_at_least", value: 5, filter: { device: "mobile" } },
      { eventCounts: "per-contact" },
    );
    expect(q.text).toBe(
      '(c."companyId" = $1::uuid AND EXISTS (SELECT 1 FROM "ContactEventSummary" es WHERE es."companyId" = c."companyId" AND es."contactId" = c."id" AND (es."type" = $2::"EventType" AND es."mobileCount" >= $3::int8)))',
    );
    expect(q.values).toEqual([COMPANY, "email_opened", 5]);
    expect(one({ field: "event.conversion", operator: "has_not_done" }).text).toContain(
      'NOT EXISTS (SELECT 1 FROM "ContactEventSummary" es',
    );
  });

  it("with summaries, windows check first / last time and read events only when the row cannot decide", () => {
    const last = one({ field: "event.email_opened", operator: "has_done", window: { lastDays: 7 } });
    // Last (or first) time in the window decides; for the few it cannot (an event after
    // today and one before the window), the events are read.
    expect(last.text).toBe(
      '(c."companyId" = $1::uuid AND EXISTS (SELECT 1 FROM "ContactEventSummary" es WHERE es."companyId" = c."companyId" AND es."contactId" = c."id" AND ((es."type" = $2::"EventType" AND es."lastAt" >= $3::timestamptz AND es."firstAt" < $4::timestamptz) AND ((es."firstAt" >= $5::timestamptz OR es."lastAt" < $6::timestamptz) OR (NOT (es."firstAt" >= $7::timestamptz OR es."lastAt" < $8::timestamptz) AND EXISTS (SELECT 1 FROM "ContactEvent" ev WHERE ev."companyId" = es."companyId" AND ev."contactId" = es."contactId" AND (ev."type" = $9::"EventType" AND ev."occurredAt" >= $10::timestamptz AND ev."occurredAt" < $11::timestamptz)))))))',
    );
    // Under an OR (not ANDed up to the root) an EXISTS would be a probe per contact: hashed sets.
    const nested = compile({
      match: "all",
      groups: [
        {
          match: "any",
          conditions: [
            { field: "event.email_opened", operator: "has_done", window: { lastDays: 7 } },
            { field: "contact.city", operator: "equals", value: "Paris" },
          ],
        },
      ],
    });
    expect(nested.text).toContain('(c."id" IN (SELECT es."contactId" FROM "ContactEventSummary" es');
    expect(nested.text).not.toContain('EXISTS (SELECT 1 FROM "ContactEventSummary"');
    const before = one({ field: "event.email_opened", operator: "has_done", window: { moreThanDaysAgo: 30 } });
    expect(before.text).toContain('es."firstAt" < $3::timestamptz');
    expect(before.text).not.toContain('"ContactEvent" ev');
    // Campaign filters always read the events, after the summary's necessary checks.
    const campaign = one({
      field: "event.email_clicked",
      operator: "count_at_least",
      value: 2,
      filter: { campaignId: "c_1", device: "desktop" },
    });
    expect(campaign.text).toContain('es."desktopCount" >= $4::int8))) IS TRUE AND (c."id" IN (SELECT ev."contactId"');
  });

  it("with summaries, counts of up to 5 events in the last n days are decided by the latest times", () => {
    const five = one({ field: "event.email_opened", operator: "count_at_least", value: 5, window: { lastDays: 30 } });
    // The 5th latest time in the window, when no event comes after it; else the events.
    expect(five.text).toContain('(es."recentAt"[1] < $');
    expect(five.text).toMatch(/coalesce\(es\."recentAt"\[\$\d+::int4\] >= \$\d+::timestamptz, FALSE\)/);
    expect(five.values).toContain(5);
    expect(five.text).toContain('OR es."recentAt"[1] < $');
    // Those few undecided contacts are probed, not aggregated over the company's events.
    expect(five.text).not.toContain("GROUP BY");
    // Beyond the 5 kept times, or with a device filter, the row cannot decide.
    const six = one({ field: "event.email_opened", operator: "count_at_least", value: 6, window: { lastDays: 30 } });
    expect(six.text).not.toContain("recentAt");
    const mobile = one({
      field: "event.email_opened",
      operator: "count_at_least",
      value: 3,
      window: { lastDays: 30 },
      filter: { device: "mobile" },
    });
    expect(mobile.text).not.toContain("recentAt");
  });

  it("writes cheap conditions before costly ones inside nested groups", () => {
    const q = compile({
      match: "any",
      groups: [
        {
          match: "all",
          conditions: [
            { field: "event.email_clicked", operator: "has_done", filter: { urlContains: "pricing" } },
            { field: "contact.leadScore", operator: "greater_than", value: 50 },
          ],
        },
        { match: "all", conditions: [{ field: "contact.city", operator: "equals", value: "Paris" }] },
      ],
    });
    expect(q.text.indexOf('c."leadScore"')).toBeLessThan(q.text.indexOf('"ContactEventSummary"'));
    expect(q.text.indexOf('c."city"')).toBeLessThan(q.text.indexOf('"ContactEventSummary"'));
  });

  it("campaign names are looked up among the company's own campaigns", () => {
    const q = one(
      { field: "event.email_sent", operator: "has_done", filter: { campaignNameContains: "Product" } },
      { eventSummaries: false },
    );
    expect(q.text).toContain(
      'ev."campaignId" IN (SELECT cmp."id"::text FROM "Campaign" cmp WHERE cmp."companyId" = $3::uuid AND strpos(lower(cmp."name"), $4::text) > 0)',
    );
    expect(q.values.slice(2)).toEqual([COMPANY, "product"]);
  });

  it("conditions that nobody can meet fold to constants", () => {
    expect(one({ field: "customField.unknown", operator: "is_set" }).text).toBe("FALSE");
    expect(one({ field: "customField.unknown", operator: "is_not_set" }).text).toBe('c."companyId" = $1::uuid');
    // The declared type changed since the definition was saved: the stale condition matches nobody.
    expect(one({ field: "customField.revenue", operator: "contains", value: "5" }).text).toBe("FALSE");
    expect(one({ field: "customField.revenue", operator: "equals", value: "5" }).text).toBe("FALSE");
    expect(
      one({ field: "event.email_opened", operator: "has_done", window: { between: ["0001-01-01", "0001-01-01"] } })
        .text,
    ).not.toBe("FALSE");
  });

  it("combines groups, sub-groups and exclusions", () => {
    const q = compile({
      match: "any",
      groups: [
        {
          match: "all",
          conditions: [
            { field: "contact.city", operator: "is_set" },
            { field: "contact.state", operator: "is_set" },
          ],
        },
        { match: "any", conditions: [{ field: "contact.phone", operator: "is_set" }] },
      ],
      exclusions: [{ match: "all", conditions: [{ field: "contact.source", operator: "is_set" }] }],
    });
    expect(q.text).toBe(
      '(c."companyId" = $1::uuid AND (((c."city" IS NOT NULL AND c."state" IS NOT NULL) OR c."phone" IS NOT NULL) AND NOT c."source" IS NOT NULL))',
    );
  });
});

function sampleValue(family: string, operator: string, values?: readonly string[]): unknown {
  if (
    ["is_set", "is_not_set", "is_true", "is_false", "anniversary_this_month", "has_done", "has_not_done"].includes(
      operator,
    )
  ) {
    return undefined;
  }
  if (["in", "not_in", "contains_any", "contains_all", "contains_none"].includes(operator))
    return values ? [values[0]] : ["a"];
  if (family === "enum") return values ? values[0] : "a";
  if (family === "number") return operator === "between" ? [1, 2] : 5;
  if (family === "date") {
    if (operator === "between") return ["2024-01-01", "2024-02-01"];
    return ["on", "before", "after"].includes(operator) ? "2024-01-01" : 7;
  }
  return "a";
}
