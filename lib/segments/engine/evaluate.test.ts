import { describe, expect, it } from "vitest";
import { type EvalContact, type EvalEvent, type EvalInput, evaluateDefinition, explainDefinition } from "./evaluate";
import type { Condition, SegmentDefinition } from "./types";

/**
 * The reference evaluator on hand-made contacts: every operator, missing values and date
 * boundaries. "Now" is Sunday 2025-06-15 12:00 UTC, so today is 2025-06-15.
 */

const NOW = new Date("2025-06-15T12:00:00.000Z");
const SEGMENT = "0d000000-0000-4000-8000-000000000001";
const CAMPAIGN = "0c000000-0000-4000-8000-00000000000a";

const base: EvalContact = {
  id: "x",
  email: "ann@example.com",
  firstName: null,
  subscriptionStatus: "ACTIVE",
  tags: [],
  customFields: {},
  createdAt: new Date("2025-01-01T00:00:00.000Z"),
};

function input(contact: Partial<EvalContact> = {}, events: EvalEvent[] = [], memberships: string[] = []): EvalInput {
  return {
    contact: { ...base, ...contact },
    events,
    memberships: new Set(memberships),
    campaigns: [
      { id: CAMPAIGN, name: "Product Launch Q4" },
      { id: "0c000000-0000-4000-8000-00000000000b", name: "Feature Announcement" },
    ],
    customFieldTypes: {
      notes: "TEXT",
      revenue: "NUMBER",
      renewal: "DATE",
      vip: "BOOLEAN",
      plan: "SELECT",
      topics: "MULTI_SELECT",
    },
    now: NOW,
  };
}

const def = (...conditions: Condition[]): SegmentDefinition => ({
  match: "all",
  groups: [{ match: "all", conditions }],
});
const matches = (
  condition: Condition,
  contact: Partial<EvalContact> = {},
  events: EvalEvent[] = [],
  memberships: string[] = [],
) => evaluateDefinition(def(condition), input(contact, events, memberships));
const c = (field: string, operator: string, value?: unknown, extra: object = {}) =>
  ({ field, operator, ...(value === undefined ? {} : { value }), ...extra }) as Condition;

describe("string fields", () => {
  it("compare case-insensitively", () => {
    expect(matches(c("contact.firstName", "equals", "ALICE"), { firstName: "Alice" })).toBe(true);
    expect(matches(c("contact.firstName", "equals", "Ève"), { firstName: "ève" })).toBe(true);
    expect(matches(c("contact.firstName", "equals", "Ali"), { firstName: "Alice" })).toBe(false);
    expect(matches(c("contact.firstName", "contains", "LIC"), { firstName: "Alice" })).toBe(true);
    expect(matches(c("contact.firstName", "starts_with", "al"), { firstName: "Alice" })).toBe(true);
    expect(matches(c("contact.firstName", "starts_with", "ce"), { firstName: "Alice" })).toBe(false);
    expect(matches(c("contact.firstName", "ends_with", "CE"), { firstName: "Alice" })).toBe(true);
    expect(matches(c("contact.firstName", "ends_with", "Alicee"), { firstName: "Alice" })).toBe(false);
    expect(matches(c("contact.city", "in", ["paris", "BERLIN"]), { city: "Berlin" })).toBe(true);
    expect(matches(c("contact.city", "not_in", ["paris", "BERLIN"]), { city: "Berlin" })).toBe(false);
  });

  it("treat % and _ as literal characters", () => {
    expect(matches(c("contact.lastName", "contains", "%"), { lastName: "Smith" })).toBe(false);
    expect(matches(c("contact.lastName", "contains", "%"), { lastName: "100% Pure" })).toBe(true);
    expect(matches(c("contact.lastName", "starts_with", "a_"), { lastName: "abc" })).toBe(false);
    expect(matches(c("contact.lastName", "starts_with", "a_"), { lastName: "a_c" })).toBe(true);
    expect(matches(c("contact.lastName", "equals", "a_c"), { lastName: "abc" })).toBe(false);
  });

  it("missing values match only the negative operators", () => {
    const missing = { firstName: null };
    expect(matches(c("contact.firstName", "equals", "x"), missing)).toBe(false);
    expect(matches(c("contact.firstName", "not_equals", "x"), missing)).toBe(true);
    expect(matches(c("contact.firstName", "contains", "x"), missing)).toBe(false);
    expect(matches(c("contact.firstName", "not_contains", "x"), missing)).toBe(true);
    expect(matches(c("contact.firstName", "starts_with", "x"), missing)).toBe(false);
    expect(matches(c("contact.firstName", "ends_with", "x"), missing)).toBe(false);
    expect(matches(c("contact.firstName", "in", ["x"]), missing)).toBe(false);
    expect(matches(c("contact.firstName", "not_in", ["x"]), missing)).toBe(true);
    expect(matches(c("contact.firstName", "is_set"), missing)).toBe(false);
    expect(matches(c("contact.firstName", "is_not_set"), missing)).toBe(true);
    // An absent key counts as NULL too; an empty string is a value.
    expect(matches(c("contact.phone", "is_not_set"), {})).toBe(true);
    expect(matches(c("contact.phone", "is_set"), { phone: "" })).toBe(true);
  });

  it("email is stored lower-case and compared as stored", () => {
    expect(matches(c("contact.email", "equals", "ANN@Example.com"))).toBe(true);
    expect(matches(c("contact.email", "ends_with", "@EXAMPLE.COM"))).toBe(true);
    expect(matches(c("contact.email", "is_set"))).toBe(true);
  });
});

describe("enum fields", () => {
  it("compare with the canonical value, given in any case", () => {
    expect(matches(c("contact.lifecycleStage", "equals", "lead"), { lifecycleStage: "LEAD" })).toBe(true);
    expect(matches(c("contact.lifecycleStage", "in", ["mql", "Lead"]), { lifecycleStage: "LEAD" })).toBe(true);
    expect(matches(c("contact.lifecycleStage", "not_in", ["mql"]), { lifecycleStage: "LEAD" })).toBe(true);
    expect(matches(c("contact.lastOpenedDevice", "equals", "Mobile"), { lastOpenedDevice: "mobile" })).toBe(true);
    expect(matches(c("contact.subscriptionStatus", "equals", "ACTIVE"))).toBe(true);
    expect(matches(c("contact.subscriptionStatus", "is_not_set"))).toBe(false);
  });

  it("missing values", () => {
    expect(matches(c("contact.lifecycleStage", "equals", "LEAD"), { lifecycleStage: null })).toBe(false);
    expect(matches(c("contact.lifecycleStage", "not_equals", "LEAD"), { lifecycleStage: null })).toBe(true);
    expect(matches(c("contact.lifecycleStage", "in", ["LEAD"]), { lifecycleStage: null })).toBe(false);
    expect(matches(c("contact.lifecycleStage", "not_in", ["LEAD"]), { lifecycleStage: null })).toBe(true);
  });
});

describe("number fields", () => {
  it("every operator, bounds inclusive where the spec says so", () => {
    const score = { leadScore: 50 };
    expect(matches(c("contact.leadScore", "equals", 50), score)).toBe(true);
    expect(matches(c("contact.leadScore", "not_equals", 50), score)).toBe(false);
    expect(matches(c("contact.leadScore", "greater_than", 50), score)).toBe(false);
    expect(matches(c("contact.leadScore", "greater_than", 49.5), score)).toBe(true);
    expect(matches(c("contact.leadScore", "greater_or_equal", 50), score)).toBe(true);
    expect(matches(c("contact.leadScore", "less_than", 50), score)).toBe(false);
    expect(matches(c("contact.leadScore", "less_or_equal", 50), score)).toBe(true);
    expect(matches(c("contact.leadScore", "between", [50, 79]), score)).toBe(true);
    expect(matches(c("contact.leadScore", "between", [0, 49]), score)).toBe(false);
    expect(matches(c("contact.leadScore", "between", [50, 50]), score)).toBe(true);
  });

  it("missing values: only not_equals and is_not_set match", () => {
    const missing = { leadScore: null };
    for (const operator of ["equals", "greater_than", "greater_or_equal", "less_than", "less_or_equal"]) {
      expect(matches(c("contact.leadScore", operator, 0), missing), operator).toBe(false);
    }
    expect(matches(c("contact.leadScore", "between", [0, 100]), missing)).toBe(false);
    expect(matches(c("contact.leadScore", "not_equals", 0), missing)).toBe(true);
    expect(matches(c("contact.leadScore", "is_not_set"), missing)).toBe(true);
  });
});

describe("date fields (by UTC calendar day)", () => {
  const opened = (iso: string | null) => ({ lastOpenedAt: iso === null ? null : new Date(iso) });

  it("on / before / after / between", () => {
    expect(matches(c("contact.lastOpenedAt", "on", "2025-06-01"), opened("2025-06-01T00:00:00.000Z"))).toBe(true);
    expect(matches(c("contact.lastOpenedAt", "on", "2025-06-01"), opened("2025-06-01T23:59:59.999Z"))).toBe(true);
    expect(matches(c("contact.lastOpenedAt", "on", "2025-06-01"), opened("2025-06-02T00:00:00.000Z"))).toBe(false);
    expect(matches(c("contact.lastOpenedAt", "on", "2025-06-01"), opened("2025-05-31T23:59:59.999Z"))).toBe(false);
    expect(matches(c("contact.lastOpenedAt", "before", "2025-06-01"), opened("2025-05-31T23:59:59.999Z"))).toBe(true);
    expect(matches(c("contact.lastOpenedAt", "before", "2025-06-01"), opened("2025-06-01T00:00:00.000Z"))).toBe(false);
    expect(matches(c("contact.lastOpenedAt", "after", "2025-06-01"), opened("2025-06-01T23:59:59.999Z"))).toBe(false);
    expect(matches(c("contact.lastOpenedAt", "after", "2025-06-01"), opened("2025-06-02T00:00:00.000Z"))).toBe(true);
    const between = c("contact.lastOpenedAt", "between", ["2025-06-01", "2025-06-03"]);
    expect(matches(between, opened("2025-06-01T00:00:00.000Z"))).toBe(true);
    expect(matches(between, opened("2025-06-03T23:59:59.999Z"))).toBe(true);
    expect(matches(between, opened("2025-06-04T00:00:00.000Z"))).toBe(false);
  });

  it("relative to today: within_last_days, more_than_days_ago, within_next_days", () => {
    const last7 = c("contact.lastOpenedAt", "within_last_days", 7);
    expect(matches(last7, opened("2025-06-08T00:00:00.000Z"))).toBe(true); // today - 7
    expect(matches(last7, opened("2025-06-07T23:59:59.999Z"))).toBe(false);
    expect(matches(last7, opened("2025-06-15T23:59:59.999Z"))).toBe(true); // later today
    expect(matches(last7, opened("2025-06-16T00:00:00.000Z"))).toBe(false); // tomorrow
    const today = c("contact.lastOpenedAt", "within_last_days", 0);
    expect(matches(today, opened("2025-06-15T00:00:00.000Z"))).toBe(true);
    expect(matches(today, opened("2025-06-14T23:59:59.999Z"))).toBe(false);
    const ago90 = c("contact.lastOpenedAt", "more_than_days_ago", 90);
    expect(matches(ago90, opened("2025-03-16T23:59:59.999Z"))).toBe(true); // today - 91
    expect(matches(ago90, opened("2025-03-17T00:00:00.000Z"))).toBe(false); // today - 90
    const next7 = c("contact.lastOpenedAt", "within_next_days", 7);
    expect(matches(next7, opened("2025-06-15T00:00:00.000Z"))).toBe(true);
    expect(matches(next7, opened("2025-06-22T23:59:59.999Z"))).toBe(true);
    expect(matches(next7, opened("2025-06-23T00:00:00.000Z"))).toBe(false);
    expect(matches(next7, opened("2025-06-14T23:59:59.999Z"))).toBe(false);
  });

  it("does not depend on the time of day at which it runs", () => {
    const last1 = def(c("contact.lastOpenedAt", "within_last_days", 1));
    const contact = opened("2025-06-14T00:00:00.000Z");
    for (const now of ["2025-06-15T00:00:00.000Z", "2025-06-15T12:00:00.000Z", "2025-06-15T23:59:59.999Z"]) {
      expect(evaluateDefinition(last1, { ...input(contact), now: new Date(now) })).toBe(true);
    }
    expect(evaluateDefinition(last1, { ...input(contact), now: new Date("2025-06-16T00:00:00.000Z") })).toBe(false);
  });

  it("anniversary_this_month: the UTC month of the day, any year", () => {
    expect(
      matches(c("contact.createdAt", "anniversary_this_month"), { createdAt: new Date("2019-06-30T23:59:59.999Z") }),
    ).toBe(true);
    expect(
      matches(c("contact.createdAt", "anniversary_this_month"), { createdAt: new Date("2019-07-01T00:00:00.000Z") }),
    ).toBe(false);
  });

  it("missing dates: never 'more than n days ago' (write has_not_done for never)", () => {
    expect(matches(c("contact.lastOpenedAt", "more_than_days_ago", 90), opened(null))).toBe(false);
    expect(matches(c("contact.lastOpenedAt", "within_last_days", 90), opened(null))).toBe(false);
    expect(matches(c("contact.lastOpenedAt", "anniversary_this_month"), opened(null))).toBe(false);
    expect(matches(c("contact.lastOpenedAt", "is_not_set"), opened(null))).toBe(true);
  });
});

describe("openedLastEmail (derived)", () => {
  const state = (sent: string | null, opened: string | null) => ({
    lastEmailSentAt: sent === null ? null : new Date(sent),
    lastOpenedAt: opened === null ? null : new Date(opened),
  });
  const t = "2025-06-10T10:00:00.000Z";

  it("true when the last open is at or after the last send (full timestamps)", () => {
    expect(matches(c("contact.openedLastEmail", "is_true"), state(t, t))).toBe(true);
    expect(matches(c("contact.openedLastEmail", "is_true"), state(t, "2025-06-10T09:59:59.999Z"))).toBe(false);
    expect(matches(c("contact.openedLastEmail", "is_false"), state(t, "2025-06-10T09:59:59.999Z"))).toBe(true);
    expect(matches(c("contact.openedLastEmail", "is_false"), state(t, null))).toBe(true);
  });

  it("not set when never sent an email: neither true nor false", () => {
    expect(matches(c("contact.openedLastEmail", "is_true"), state(null, t))).toBe(false);
    expect(matches(c("contact.openedLastEmail", "is_false"), state(null, t))).toBe(false);
    expect(matches(c("contact.openedLastEmail", "is_not_set"), state(null, t))).toBe(true);
    expect(matches(c("contact.openedLastEmail", "is_set"), state(t, null))).toBe(true);
  });
});

describe("tags", () => {
  it("contains_any / contains_all / contains_none, case-insensitive values", () => {
    const tagged = { tags: ["vip", "beta"] };
    expect(matches(c("contact.tags", "contains_any", ["VIP", "x"]), tagged)).toBe(true);
    expect(matches(c("contact.tags", "contains_all", ["VIP", "beta"]), tagged)).toBe(true);
    expect(matches(c("contact.tags", "contains_all", ["VIP", "x"]), tagged)).toBe(false);
    expect(matches(c("contact.tags", "contains_none", ["x", "y"]), tagged)).toBe(true);
    expect(matches(c("contact.tags", "contains_none", ["Beta"]), tagged)).toBe(false);
  });

  it("an empty list (or NULL) is not set and matches only the negative operators", () => {
    for (const tags of [[], null]) {
      expect(matches(c("contact.tags", "is_set"), { tags })).toBe(false);
      expect(matches(c("contact.tags", "is_not_set"), { tags })).toBe(true);
      expect(matches(c("contact.tags", "contains_any", ["vip"]), { tags })).toBe(false);
      expect(matches(c("contact.tags", "contains_all", ["vip"]), { tags })).toBe(false);
      expect(matches(c("contact.tags", "contains_none", ["vip"]), { tags })).toBe(true);
    }
  });
});

describe("custom fields, by declared type", () => {
  const cf = (customFields: Record<string, unknown>) => ({ customFields });

  it("TEXT and SELECT compare case-insensitively", () => {
    expect(matches(c("customField.notes", "contains", "BIG"), cf({ notes: "a big deal" }))).toBe(true);
    expect(matches(c("customField.plan", "equals", "PRO"), cf({ plan: "pro" }))).toBe(true);
    expect(matches(c("customField.plan", "in", ["Free", "pro"]), cf({ plan: "PRO" }))).toBe(true);
    expect(matches(c("customField.plan", "not_in", ["Free"]), cf({}))).toBe(true);
  });

  it("NUMBER compares numbers; other stored shapes count as not set", () => {
    expect(matches(c("customField.revenue", "greater_than", 5000), cf({ revenue: 5000.01 }))).toBe(true);
    expect(matches(c("customField.revenue", "greater_than", 5000), cf({ revenue: "9000" }))).toBe(false);
    expect(matches(c("customField.revenue", "not_equals", 5000), cf({ revenue: "5000" }))).toBe(true);
    expect(matches(c("customField.revenue", "is_set"), cf({ revenue: "5000" }))).toBe(false);
    expect(matches(c("customField.revenue", "between", [0, 10]), cf({ revenue: 10 }))).toBe(true);
  });

  it("DATE holds YYYY-MM-DD; malformed text never matches a date operator", () => {
    expect(matches(c("customField.renewal", "within_next_days", 7), cf({ renewal: "2025-06-22" }))).toBe(true);
    expect(matches(c("customField.renewal", "within_next_days", 7), cf({ renewal: "2025-06-23" }))).toBe(false);
    expect(matches(c("customField.renewal", "within_next_days", 7), cf({ renewal: "2025-06-14" }))).toBe(false);
    expect(matches(c("customField.renewal", "on", "2025-06-15"), cf({ renewal: "2025-06-15T10:00:00Z" }))).toBe(false);
    expect(matches(c("customField.renewal", "is_set"), cf({ renewal: "15/06/2025" }))).toBe(false);
    expect(matches(c("customField.renewal", "anniversary_this_month"), cf({ renewal: "2019-06-30" }))).toBe(true);
    expect(matches(c("customField.renewal", "anniversary_this_month"), cf({ renewal: "2019-6-30" }))).toBe(false);
    expect(matches(c("customField.renewal", "more_than_days_ago", 30), cf({ renewal: "2025-05-15" }))).toBe(true);
    expect(matches(c("customField.renewal", "more_than_days_ago", 30), cf({ renewal: "2025-05-16" }))).toBe(false);
  });

  it("BOOLEAN: is_false matches only an explicit false", () => {
    expect(matches(c("customField.vip", "is_true"), cf({ vip: true }))).toBe(true);
    expect(matches(c("customField.vip", "is_false"), cf({ vip: false }))).toBe(true);
    expect(matches(c("customField.vip", "is_false"), cf({}))).toBe(false);
    expect(matches(c("customField.vip", "is_false"), cf({ vip: "false" }))).toBe(false);
    expect(matches(c("customField.vip", "is_true"), cf({ vip: 1 }))).toBe(false);
  });

  it("MULTI_SELECT is a list of strings compared case-insensitively; [] is not set", () => {
    const topics = (value: unknown) => cf({ topics: value });
    expect(
      matches(c("customField.topics", "contains_any", ["email marketing"]), topics(["Email Marketing", "SEO"])),
    ).toBe(true);
    expect(
      matches(c("customField.topics", "contains_all", ["seo", "EMAIL MARKETING"]), topics(["Email Marketing", "SEO"])),
    ).toBe(true);
    expect(matches(c("customField.topics", "contains_any", ["seo"]), topics("seo"))).toBe(false);
    expect(matches(c("customField.topics", "contains_any", ["1"]), topics([1]))).toBe(false);
    expect(matches(c("customField.topics", "is_set"), topics([]))).toBe(false);
    expect(matches(c("customField.topics", "contains_none", ["seo"]), topics([]))).toBe(true);
  });

  it("only own keys of the stored object, and unknown keys are never set", () => {
    expect(matches(c("customField.constructor", "is_set"), { customFields: {} })).toBe(false);
    expect(matches(c("customField.unknown", "is_not_set"), cf({ unknown: "x" }))).toBe(true);
    expect(matches(c("customField.unknown", "equals", "x"), cf({ unknown: "x" }))).toBe(false);
  });
});

describe("events", () => {
  const e = (type: string, occurredAt: string, extra: Partial<EvalEvent> = {}): EvalEvent => ({
    type,
    occurredAt: new Date(occurredAt),
    ...extra,
  });
  const opens = [
    e("email_opened", "2025-05-16T00:00:00.000Z", { device: "mobile", campaignId: CAMPAIGN }), // today - 30
    e("email_opened", "2025-05-15T23:59:59.999Z", { device: "desktop" }), // today - 31
    e("email_opened", "2025-06-15T08:00:00.000Z", { device: "mobile", campaignId: "esp_1" }),
    e("email_clicked", "2025-06-14T08:00:00.000Z", { url: "https://x.com/Pricing?a=1", campaignId: CAMPAIGN }),
  ];

  it("has_done / has_not_done / counts, all time", () => {
    expect(matches(c("event.email_opened", "has_done"), {}, opens)).toBe(true);
    expect(matches(c("event.conversion", "has_not_done"), {}, opens)).toBe(true);
    expect(matches(c("event.email_opened", "count_at_least", 3), {}, opens)).toBe(true);
    expect(matches(c("event.email_opened", "count_at_least", 4), {}, opens)).toBe(false);
    expect(matches(c("event.email_opened", "count_equals", 3), {}, opens)).toBe(true);
    expect(matches(c("event.email_opened", "count_at_most", 2), {}, opens)).toBe(false);
  });

  it("no events count as 0: count_at_most and count_equals 0 match", () => {
    expect(matches(c("event.purchase", "count_at_most", 0))).toBe(true);
    expect(matches(c("event.purchase", "count_at_most", 3))).toBe(true);
    expect(matches(c("event.purchase", "count_equals", 0))).toBe(true);
    expect(matches(c("event.purchase", "count_at_least", 0))).toBe(true);
    expect(matches(c("event.purchase", "count_at_least", 1))).toBe(false);
  });

  it("windows on the UTC day of occurredAt", () => {
    expect(matches(c("event.email_opened", "count_equals", 2, { window: { lastDays: 30 } }), {}, opens)).toBe(true);
    expect(matches(c("event.email_opened", "count_equals", 1, { window: { moreThanDaysAgo: 30 } }), {}, opens)).toBe(
      true,
    );
    expect(
      matches(
        c("event.email_opened", "count_equals", 2, { window: { between: ["2025-05-15", "2025-05-16"] } }),
        {},
        opens,
      ),
    ).toBe(true);
    expect(matches(c("event.email_opened", "count_equals", 1, { window: { lastDays: 0 } }), {}, opens)).toBe(true);
  });

  it("filters: campaign id exactly, URL and campaign name case-insensitively, device", () => {
    expect(matches(c("event.email_opened", "count_equals", 1, { filter: { campaignId: CAMPAIGN } }), {}, opens)).toBe(
      true,
    );
    expect(
      matches(c("event.email_opened", "has_done", undefined, { filter: { campaignId: "ESP_1" } }), {}, opens),
    ).toBe(false);
    expect(
      matches(c("event.email_clicked", "has_done", undefined, { filter: { urlContains: "PRICING" } }), {}, opens),
    ).toBe(true);
    expect(
      matches(c("event.email_clicked", "has_done", undefined, { filter: { urlContains: "pricing%" } }), {}, opens),
    ).toBe(false);
    expect(matches(c("event.email_opened", "count_equals", 2, { filter: { device: "Mobile" } }), {}, opens)).toBe(true);
    expect(
      matches(c("event.email_opened", "count_equals", 1, { filter: { campaignNameContains: "launch" } }), {}, opens),
    ).toBe(true);
    expect(
      matches(
        c("event.email_opened", "has_done", undefined, { filter: { campaignNameContains: "feature" } }),
        {},
        opens,
      ),
    ).toBe(false);
    expect(
      matches(
        c("event.email_opened", "count_equals", 1, {
          window: { lastDays: 30 },
          filter: { device: "mobile", campaignId: CAMPAIGN },
        }),
        {},
        opens,
      ),
    ).toBe(true);
  });
});

describe("segments", () => {
  it("membership by id, UUIDs in any case; a non-UUID names no segment", () => {
    expect(matches(c("segment", "in_segment", SEGMENT), {}, [], [SEGMENT])).toBe(true);
    expect(matches(c("segment", "in_segment", SEGMENT.toUpperCase()), {}, [], [SEGMENT])).toBe(true);
    expect(matches(c("segment", "not_in_segment", SEGMENT), {}, [], [SEGMENT])).toBe(false);
    expect(matches(c("segment", "in_segment", "seg_x"), {}, [], ["seg_x"])).toBe(false);
    expect(matches(c("segment", "not_in_segment", "seg_x"), {}, [], ["seg_x"])).toBe(true);
  });
});

describe("groups, exclusions and explain", () => {
  const definition: SegmentDefinition = {
    match: "any",
    groups: [
      { match: "all", conditions: [c("contact.leadScore", "greater_than", 60), c("contact.city", "equals", "Paris")] },
      {
        match: "any",
        conditions: [
          c("contact.tags", "contains_any", ["vip"]),
          { match: "all", conditions: [c("contact.phone", "is_set")] },
        ],
      },
    ],
    exclusions: [{ match: "any", conditions: [c("contact.subscriptionStatus", "equals", "UNSUBSCRIBED")] }],
  };

  it("combines groups with the definition's match and leaves out excluded contacts", () => {
    expect(evaluateDefinition(definition, input({ leadScore: 70, city: "paris" }))).toBe(true);
    expect(evaluateDefinition(definition, input({ leadScore: 70, city: "Rome" }))).toBe(false);
    expect(evaluateDefinition(definition, input({ phone: "1" }))).toBe(true);
    expect(evaluateDefinition(definition, input({ phone: "1", subscriptionStatus: "UNSUBSCRIBED" }))).toBe(false);
    expect(
      evaluateDefinition({ ...definition, match: "all" }, input({ leadScore: 70, city: "paris", tags: ["vip"] })),
    ).toBe(true);
  });

  it("explains each group and condition with the contact's actual values", () => {
    const tree = explainDefinition(
      definition,
      input({ leadScore: 70, city: "Rome", tags: ["vip"], subscriptionStatus: "UNSUBSCRIBED" }),
    );
    expect(tree).toMatchObject({
      kind: "definition",
      matched: false,
      included: true,
      excluded: true,
      label: "Left out by an exclusion",
    });
    const [first, second, exclusion] = tree.children!;
    expect(first).toMatchObject({ kind: "group", role: "include", match: "all", matched: false, path: ["groups", 0] });
    expect(first!.children!.map((n) => [n.label, n.matched, n.actual])).toEqual([
      ["Lead score is greater than 60", true, 70],
      ['City is "Paris"', false, "Rome"],
    ]);
    expect(second!.children![0]).toMatchObject({ label: 'Tags contains any of "vip"', matched: true, actual: ["vip"] });
    expect(second!.children![1]).toMatchObject({ kind: "group", matched: false, path: ["groups", 1, "conditions", 1] });
    expect(exclusion).toMatchObject({ role: "exclude", matched: true, path: ["exclusions", 0] });
    expect(exclusion!.children![0]).toMatchObject({ actual: "UNSUBSCRIBED", matched: true });
  });

  it("explains events with their count and segments with names", () => {
    const tree = explainDefinition(
      def(
        c("event.email_opened", "count_at_least", 5, { window: { lastDays: 30 }, filter: { device: "mobile" } }),
        c("segment", "not_in_segment", SEGMENT),
        c("contact.lastOpenedAt", "within_last_days", 7),
      ),
      input(
        { lastOpenedAt: new Date("2025-06-01T10:00:00.000Z") },
        [{ type: "email_opened", occurredAt: "2025-06-10T00:00:00Z", device: "mobile" }],
        [SEGMENT],
      ),
      { segmentNames: new Map([[SEGMENT, "VIPs"]]) },
    );
    expect(tree.children![0]!.children!.map((n) => [n.label, n.matched, n.actual])).toEqual([
      ["Email opened at least 5 times in the last 30 days (on mobile)", false, 1],
      ['Not in segment "VIPs"', false, true],
      ["Last opened is within the last 7 days", false, "2025-06-01T10:00:00.000Z"],
    ]);
  });
});
