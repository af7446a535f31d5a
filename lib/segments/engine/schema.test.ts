import { describe, expect, it } from "vitest";
import { CONTACT_FIELDS, EVENT_TYPES, OPERATORS_BY_FAMILY } from "./fields";
import { LIMITS, parseSegmentDefinition, segmentDefinitionSchema } from "./schema";
import { type Condition, formatIssue, type Group, type SegmentDefinition } from "./types";

/** The messages a user would see, as `path: message`. */
function errors(input: unknown): string[] {
  const result = parseSegmentDefinition(input);
  return result.ok ? [] : result.issues.map(formatIssue);
}

const one = (condition: unknown) => ({ match: "all", groups: [{ match: "all", conditions: [condition] }] });
const errorsOf = (condition: unknown) => errors(one(condition));
const cond = (field: string, operator: string, value?: unknown, extra: object = {}) => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
  ...extra,
});

describe("valid definitions", () => {
  it("accepts the full example of segment-rules.md unchanged", () => {
    const definition: SegmentDefinition = {
      match: "all",
      groups: [
        {
          match: "any",
          conditions: [
            {
              match: "all",
              conditions: [
                { field: "event.email_opened", operator: "count_at_least", value: 3, window: { lastDays: 30 } },
                { field: "event.email_clicked", operator: "count_at_least", value: 1, window: { lastDays: 30 } },
              ],
            },
            {
              match: "all",
              conditions: [
                { field: "contact.leadScore", operator: "greater_or_equal", value: 75 },
                { field: "customField.customer_ltv", operator: "greater_or_equal", value: 1000 },
              ],
            },
          ],
        },
        {
          match: "all",
          conditions: [{ field: "contact.country", operator: "in", value: ["United States", "Canada"] }],
        },
      ],
      exclusions: [
        {
          match: "any",
          conditions: [
            { field: "contact.tags", operator: "contains_any", value: ["unqualified"] },
            { field: "customField.bounced", operator: "is_true" },
          ],
        },
      ],
    };
    expect(parseSegmentDefinition(definition)).toEqual({ ok: true, definition });
  });

  it("accepts the spec's one-line examples", () => {
    for (const condition of [
      cond("event.email_opened", "count_at_least", 5, { window: { lastDays: 30 } }),
      cond("event.email_clicked", "has_done", undefined, { filter: { campaignId: "c_123", urlContains: "pricing" } }),
      cond("event.email_clicked", "has_not_done", undefined, { filter: { campaignId: "c_123", urlContains: "demo" } }),
      cond("customField.trial_end_date", "within_next_days", 7),
      cond("contact.tags", "contains_none", ["unqualified"]),
      cond("segment", "not_in_segment", "seg_recent_purchasers"),
    ]) {
      expect(errorsOf(condition)).toEqual([]);
    }
  });

  it("accepts every operator of every contact field with a value of the right shape", () => {
    const sample: Record<string, unknown> = {
      string: "x",
      stringList: ["x"],
      number: 5,
      numberRange: [1, 2],
      date: "2024-02-29",
      dateRange: ["2024-01-01", "2024-01-01"],
      dayCount: 0,
    };
    for (const field of CONTACT_FIELDS.values()) {
      for (const operator of OPERATORS_BY_FAMILY[field.type]) {
        let value: unknown;
        if (["in", "not_in", "contains_any", "contains_all", "contains_none"].includes(operator)) {
          value = field.values ? [field.values[0]] : sample.stringList;
        } else if (field.values && (operator === "equals" || operator === "not_equals")) value = field.values[0];
        else if (field.type === "number") value = operator === "between" ? sample.numberRange : sample.number;
        else if (field.type === "date") {
          value = ["on", "before", "after"].includes(operator)
            ? sample.date
            : operator === "between"
              ? sample.dateRange
              : ["is_set", "is_not_set", "anniversary_this_month"].includes(operator)
                ? undefined
                : sample.dayCount;
        } else if (field.type === "string") value = sample.string;
        if (["is_set", "is_not_set", "is_true", "is_false"].includes(operator)) value = undefined;
        expect(errorsOf(cond(`contact.${field.key}`, operator, value)), `${field.key} ${operator}`).toEqual([]);
      }
    }
  });

  it("accepts every event type with every event operator, windows and filters", () => {
    for (const type of EVENT_TYPES) {
      for (const operator of OPERATORS_BY_FAMILY.event) {
        const value = operator.startsWith("count") ? 2 : undefined;
        expect(errorsOf(cond(`event.${type}`, operator, value, { window: { moreThanDaysAgo: 2 } }))).toEqual([]);
      }
    }
    expect(
      errorsOf(
        cond("event.page_visited", "count_at_most", 0, {
          window: { between: ["2024-01-01", "2024-12-31"] },
          filter: { campaignId: "x", urlContains: "a", device: "Mobile", campaignNameContains: "Q4" },
        }),
      ),
    ).toEqual([]);
  });

  it("compares enum values case-insensitively and accepts null for operators without a value", () => {
    expect(errorsOf(cond("contact.lifecycleStage", "in", ["lead", "Customer"]))).toEqual([]);
    expect(errorsOf(cond("contact.email", "is_set", null))).toEqual([]);
  });

  it("types the parsed definition", () => {
    const result = segmentDefinitionSchema.safeParse(one(cond("contact.email", "is_set")));
    expect(result.success && result.data.groups[0]!.conditions[0]).toEqual({
      field: "contact.email",
      operator: "is_set",
    });
  });
});

describe("structure errors", () => {
  it("names what was expected", () => {
    expect(errors(null)).toEqual(["expected a segment definition"]);
    expect(errors([])).toEqual(["expected a segment definition"]);
    expect(errors({ match: "every", groups: [] })).toEqual([
      'match: expected "all" or "any"',
      "groups: add at least one group",
    ]);
    expect(errors({ match: "all" })).toEqual(["groups: expected a list of groups"]);
    expect(errors({ match: "all", groups: [{ match: "all", conditions: [] }] })).toEqual([
      "groups.0.conditions: a group needs at least one condition",
    ]);
    expect(errors({ match: "all", groups: [{ match: "all" }] })).toEqual([
      "groups.0.conditions: expected a list of conditions",
    ]);
    expect(errors({ match: "all", groups: ["x"] })).toEqual(["groups.0: expected a group"]);
    expect(errors({ match: "all", groups: [{ match: "all", conditions: [7] }] })).toEqual([
      "groups.0.conditions.0: expected a condition",
    ]);
    expect(errors({ match: "all", groups: [{ match: "all", conditions: [{ field: "contact.email" }] }] })).toEqual([
      "groups.0.conditions.0.operator: expected an operator",
    ]);
    expect(errors({ ...one(cond("contact.email", "is_set")), exclusions: {} })).toEqual([
      "exclusions: expected a list of groups",
    ]);
  });

  it("rejects unknown keys, naming them", () => {
    expect(errors({ ...one(cond("contact.email", "is_set")), extra: 1 })).toEqual([
      'unknown key "extra" in a segment definition',
    ]);
    expect(
      errors({ match: "all", groups: [{ match: "all", conditions: [cond("contact.email", "is_set")], name: "g" }] }),
    ).toEqual(['groups.0: unknown key "name" in a group']);
    expect(errorsOf({ ...cond("contact.email", "is_set"), filters: {}, id: 3 })).toEqual([
      'groups.0.conditions.0: unknown keys "filters", "id" in a condition',
    ]);
  });
});

describe("limits", () => {
  const nested = (levels: number): Group => {
    let group: Group = { match: "all", conditions: [{ field: "contact.email", operator: "is_set" }] };
    for (let i = 1; i < levels; i++) group = { match: "any", conditions: [group] };
    return group;
  };

  it(`allows groups nested ${LIMITS.maxDepth} levels deep, not ${LIMITS.maxDepth + 1}`, () => {
    expect(errors({ match: "all", groups: [nested(5)] })).toEqual([]);
    expect(errors({ match: "all", groups: [nested(6)] })).toEqual([
      "groups.0.conditions.0.conditions.0.conditions.0.conditions.0.conditions.0: groups can be nested at most 5 levels deep",
    ]);
    expect(errors({ ...one(cond("contact.email", "is_set")), exclusions: [nested(6)] })).toEqual([
      "exclusions.0.conditions.0.conditions.0.conditions.0.conditions.0.conditions.0: groups can be nested at most 5 levels deep",
    ]);
  });

  it("answers a hostile nesting (10,000 levels) with the depth error, without overflowing the stack", () => {
    let group: unknown = { match: "all", conditions: [{ field: "contact.email", operator: "is_set" }] };
    for (let i = 0; i < 10_000; i++) group = { match: "all", conditions: [group] };
    const result = parseSegmentDefinition({ match: "all", groups: [group] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]!.message).toBe("groups can be nested at most 5 levels deep");
  });

  it(`allows ${LIMITS.maxConditions} conditions in a definition, not ${LIMITS.maxConditions + 1}`, () => {
    const conditions = (n: number) => Array.from({ length: n }, () => cond("contact.email", "is_set"));
    expect(errors({ match: "all", groups: [{ match: "all", conditions: conditions(100) }] })).toEqual([]);
    expect(errors({ match: "all", groups: [{ match: "all", conditions: conditions(101) }] })).toEqual([
      "groups.0.conditions.100: a segment can have at most 100 conditions",
    ]);
    // Counted across groups and exclusions.
    const split = {
      match: "all",
      groups: [{ match: "all", conditions: conditions(60) }],
      exclusions: [{ match: "any", conditions: conditions(41) }],
    };
    expect(errors(split)).toEqual(["exclusions.0.conditions.40: a segment can have at most 100 conditions"]);
  });

  it("rejects 100,000 conditions with one message, without reading the conditions past the limit", () => {
    // Work bounded by the limit, not by the input (speed itself belongs in npm run bench):
    // conditions past the first 1,000 count every property read.
    let reads = 0;
    const counted = () =>
      new Proxy(cond("contact.email", "is_set"), {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    const conditions = Array.from({ length: 100_000 }, (_, i) =>
      i < 1000 ? cond("contact.email", "is_set") : counted(),
    );
    expect(errors({ match: "all", groups: [{ match: "all", conditions }] })).toEqual([
      "groups.0.conditions.100: a segment can have at most 100 conditions",
    ]);
    expect(reads).toBe(0);
  });

  it("allows strings of 1,000 characters, not 1,001, in every string position", () => {
    const ok = "x".repeat(1000);
    const long = "x".repeat(1001);
    expect(errorsOf(cond("contact.firstName", "contains", ok))).toEqual([]);
    expect(errorsOf(cond("contact.firstName", "contains", long))).toEqual([
      "groups.0.conditions.0.value: at most 1,000 characters",
    ]);
    expect(errorsOf(cond("contact.firstName", "in", ["a", long]))).toEqual([
      "groups.0.conditions.0.value.1: at most 1,000 characters",
    ]);
    expect(errorsOf(cond(`contact.${long}`, "is_set"))).toEqual([
      "groups.0.conditions.0.field: at most 1,000 characters",
    ]);
    expect(errorsOf(cond("contact.email", long))).toEqual(["groups.0.conditions.0.operator: at most 1,000 characters"]);
    expect(errorsOf(cond("segment", "in_segment", long))).toEqual([
      "groups.0.conditions.0.value: at most 1,000 characters",
    ]);
    for (const key of ["campaignId", "urlContains", "campaignNameContains"]) {
      expect(errorsOf(cond("event.email_clicked", "has_done", undefined, { filter: { [key]: long } }))).toEqual([
        `groups.0.conditions.0.filter.${key}: at most 1,000 characters`,
      ]);
    }
  });

  it("rejects NUL characters, which PostgreSQL text cannot hold", () => {
    expect(errorsOf(cond("contact.city", "equals", "a\u0000b"))).toEqual([
      "groups.0.conditions.0.value: must not contain the NUL character (\\u0000)",
    ]);
    expect(errorsOf(cond("contact.city", "in", ["ok", "\u0000"]))).toEqual([
      "groups.0.conditions.0.value.1: must not contain the NUL character (\\u0000)",
    ]);
    expect(errorsOf(cond("event.page_visited", "has_done", undefined, { filter: { urlContains: "\u0000" } }))).toEqual([
      "groups.0.conditions.0.filter.urlContains: must not contain the NUL character (\\u0000)",
    ]);
  });

  it("allows lists of 1,000 items, not 1,001, and not empty lists", () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(errorsOf(cond("contact.city", "in", list(1000)))).toEqual([]);
    expect(errorsOf(cond("contact.city", "in", list(1001)))).toEqual([
      "groups.0.conditions.0.value: at most 1,000 items",
    ]);
    expect(errorsOf(cond("contact.tags", "contains_all", list(1001)))).toEqual([
      "groups.0.conditions.0.value: at most 1,000 items",
    ]);
    expect(errorsOf(cond("contact.tags", "contains_any", []))).toEqual([
      "groups.0.conditions.0.value: add at least one value",
    ]);
  });
});

describe("fields", () => {
  it("names the unknown field", () => {
    expect(errorsOf(cond("contact.favouriteColour", "is_set"))).toEqual([
      'groups.0.conditions.0.field: unknown field "contact.favouriteColour"',
    ]);
    expect(errorsOf(cond("email", "is_set"))).toEqual(['groups.0.conditions.0.field: unknown field "email"']);
    expect(errorsOf(cond("", "is_set"))).toEqual(["groups.0.conditions.0.field: choose a field"]);
    expect(errorsOf(cond("event.email_forwarded", "has_done"))).toEqual([
      'groups.0.conditions.0.field: unknown event type "email_forwarded"',
    ]);
  });

  it("checks the syntax of custom field keys", () => {
    const message = (key: string) =>
      `groups.0.conditions.0.field: invalid custom field key "${key}": a key starts with a letter, then letters, digits or underscores (at most 64)`;
    for (const key of ["1abc", "a-b", "", "a b", 'x\'); DROP TABLE "Contact"; --', "a".repeat(65)]) {
      expect(errorsOf(cond(`customField.${key}`, "is_set"))).toEqual([message(key)]);
    }
    expect(errorsOf(cond(`customField.A${"b".repeat(63)}`, "is_set"))).toEqual([]);
  });
});

describe("operators", () => {
  it("names an unknown operator", () => {
    expect(errorsOf(cond("contact.email", "like", "%"))).toEqual([
      'groups.0.conditions.0.operator: unknown operator "like"',
    ]);
    expect(errorsOf(cond("contact.email", ""))).toEqual(["groups.0.conditions.0.operator: choose an operator"]);
  });

  it("requires an operator that suits the field's type", () => {
    expect(errorsOf(cond("contact.leadScore", "contains", "5"))).toEqual([
      'groups.0.conditions.0.operator: operator "contains" does not apply to number fields',
    ]);
    expect(errorsOf(cond("contact.createdAt", "equals", "2024-01-01"))).toEqual([
      'groups.0.conditions.0.operator: operator "equals" does not apply to date fields',
    ]);
    expect(errorsOf(cond("contact.tags", "equals", "vip"))).toEqual([
      'groups.0.conditions.0.operator: operator "equals" does not apply to array fields',
    ]);
    expect(errorsOf(cond("contact.openedLastEmail", "equals", "true"))).toEqual([
      'groups.0.conditions.0.operator: operator "equals" does not apply to boolean fields',
    ]);
    expect(errorsOf(cond("event.email_opened", "is_set"))).toEqual([
      'groups.0.conditions.0.operator: operator "is_set" does not apply to events',
    ]);
    expect(errorsOf(cond("segment", "equals", "x"))).toEqual([
      'groups.0.conditions.0.operator: operator "equals" does not apply to segments',
    ]);
    expect(errorsOf(cond("customField.x", "has_done"))).toEqual([
      'groups.0.conditions.0.operator: operator "has_done" does not apply to custom fields',
    ]);
  });
});

describe("values", () => {
  const at = (condition: unknown) => errorsOf(condition).map((e) => e.replace("groups.0.conditions.0.", ""));

  it("numbers", () => {
    expect(at(cond("contact.leadScore", "greater_than", "50"))).toEqual(["value: expected a number"]);
    expect(at(cond("contact.leadScore", "equals"))).toEqual(["value: expected a number"]);
    expect(at(cond("contact.leadScore", "less_than", Number.NaN))).toEqual(["value: expected a number"]);
    expect(at(cond("contact.leadScore", "less_than", Number.POSITIVE_INFINITY))).toEqual(["value: expected a number"]);
    expect(at(cond("contact.leadScore", "between", [80, 50]))).toEqual(["value: min must not be greater than max"]);
    expect(at(cond("contact.leadScore", "between", [80]))).toEqual(["value: expected [min, max] numbers"]);
    expect(at(cond("contact.leadScore", "between", [1, 2, 3]))).toEqual(["value: expected [min, max] numbers"]);
    expect(at(cond("contact.leadScore", "between", [1, "2"]))).toEqual(["value.1: expected a number"]);
    expect(at(cond("contact.leadScore", "between", [5, 5]))).toEqual([]);
  });

  it("dates", () => {
    expect(at(cond("contact.createdAt", "on", "2024-02-30"))).toEqual(["value: expected a real date as YYYY-MM-DD"]);
    expect(at(cond("contact.createdAt", "on", "2023-02-29"))).toEqual(["value: expected a real date as YYYY-MM-DD"]);
    expect(at(cond("contact.createdAt", "on", "2024/01/01"))).toEqual(["value: expected a real date as YYYY-MM-DD"]);
    expect(at(cond("contact.createdAt", "on", "2024-01-01T00:00:00Z"))).toEqual([
      "value: expected a real date as YYYY-MM-DD",
    ]);
    expect(at(cond("contact.createdAt", "on", "0000-01-01"))).toEqual(["value: expected a real date as YYYY-MM-DD"]);
    expect(at(cond("contact.createdAt", "before", 20240101))).toEqual(["value: expected a date as YYYY-MM-DD"]);
    expect(at(cond("contact.createdAt", "between", ["2024-02-01", "2024-01-01"]))).toEqual([
      "value: the first date must not be after the second",
    ]);
    expect(at(cond("contact.createdAt", "between", ["2024-01-01"]))).toEqual(["value: expected [from, to] dates"]);
    expect(at(cond("contact.createdAt", "between", ["2024-01-01", "x"]))).toEqual([
      "value.1: expected a real date as YYYY-MM-DD",
    ]);
    expect(at(cond("contact.createdAt", "on", "2024-02-29"))).toEqual([]);
  });

  it("day and event counts are whole numbers, 0 or more", () => {
    expect(at(cond("contact.createdAt", "within_last_days", -1))).toEqual([
      "value: expected a whole number of days, 0 or more",
    ]);
    expect(at(cond("contact.createdAt", "more_than_days_ago", 1.5))).toEqual([
      "value: expected a whole number of days, 0 or more",
    ]);
    expect(at(cond("contact.createdAt", "within_next_days", "7"))).toEqual(["value: expected a number of days"]);
    expect(at(cond("event.email_opened", "count_at_least", -2))).toEqual([
      "value: expected a whole number of events, 0 or more",
    ]);
    expect(at(cond("event.email_opened", "count_equals"))).toEqual(["value: expected a number of events"]);
    expect(at(cond("event.email_opened", "count_at_most", 0))).toEqual([]);
  });

  it("texts and lists", () => {
    expect(at(cond("contact.city", "equals", 5))).toEqual(["value: expected a text value"]);
    expect(at(cond("contact.city", "contains", ""))).toEqual(["value: enter a value"]);
    expect(at(cond("contact.city", "in", "Paris"))).toEqual(["value: expected a list of text values"]);
    expect(at(cond("contact.city", "in", ["Paris", 3]))).toEqual(["value.1: expected a text value"]);
    expect(at(cond("contact.tags", "contains_any", [""]))).toEqual(["value.0: enter a value"]);
  });

  it("enums", () => {
    expect(at(cond("contact.lifecycleStage", "equals", "PROSPECT"))).toEqual([
      "value: expected one of SUBSCRIBER, LEAD, MQL, SQL, CUSTOMER, CHURNED",
    ]);
    expect(at(cond("contact.lastOpenedDevice", "in", ["mobile", "watch"]))).toEqual([
      "value.1: expected one of mobile, desktop, tablet",
    ]);
    expect(at(cond("contact.preferredOpenDay", "not_in", []))).toEqual(["value: add at least one value"]);
  });

  it("operators without a value", () => {
    for (const [field, operator] of [
      ["contact.email", "is_set"],
      ["contact.openedLastEmail", "is_true"],
      ["contact.createdAt", "anniversary_this_month"],
      ["event.conversion", "has_not_done"],
    ]) {
      expect(at(cond(field!, operator!, 3))).toEqual(["value: this operator takes no value"]);
    }
  });

  it("segment ids", () => {
    expect(at(cond("segment", "in_segment"))).toEqual(["value: expected a segment id"]);
    expect(at(cond("segment", "in_segment", ""))).toEqual(["value: choose a segment"]);
  });

  it("custom fields: a value that suits some type the operator applies to", () => {
    expect(at(cond("customField.x", "equals", true))).toEqual(["value: expected a text value or a number"]);
    expect(at(cond("customField.x", "between", [1, "2024-01-01"]))).toEqual([
      "value: expected [min, max] numbers or [from, to] dates",
    ]);
    expect(at(cond("customField.x", "greater_than", "5"))).toEqual(["value: expected a number"]);
    expect(at(cond("customField.x", "within_next_days", 7))).toEqual([]);
    expect(at(cond("customField.x", "between", ["2024-01-01", "2024-02-01"]))).toEqual([]);
    expect(at(cond("customField.x", "equals", 5))).toEqual([]);
  });
});

describe("windows and filters", () => {
  const at = (condition: unknown) => errorsOf(condition).map((e) => e.replace("groups.0.conditions.0.", ""));

  it("only on event conditions", () => {
    expect(at(cond("contact.lastOpenedAt", "is_set", undefined, { window: { lastDays: 7 } }))).toEqual([
      "window: a time window applies only to event conditions",
    ]);
    expect(at(cond("segment", "in_segment", "x", { filter: { device: "mobile" } }))).toEqual([
      "filter: filters apply only to event conditions",
    ]);
  });

  it("a window has exactly one valid bound", () => {
    const w = (window: unknown) => at(cond("event.email_opened", "has_done", undefined, { window }));
    expect(w({})).toEqual(["window: a window needs exactly one of lastDays, moreThanDaysAgo or between"]);
    expect(w({ lastDays: 3, moreThanDaysAgo: 2 })).toEqual([
      "window: a window needs exactly one of lastDays, moreThanDaysAgo or between",
    ]);
    expect(w({ lastDays: -3 })).toEqual(["window.lastDays: expected a whole number of days, 0 or more"]);
    expect(w({ between: ["2024-03-01", "2024-02-01"] })).toEqual([
      "window.between: the first date must not be after the second",
    ]);
    expect(w({ days: 3 })).toEqual(['window: unknown key "days" in a window']);
    expect(w(7)).toEqual(["window: expected a window object"]);
  });

  it("filters: known keys, known devices, URLs only on clicks and page visits", () => {
    const f = (type: string, filter: unknown) => at(cond(`event.${type}`, "has_done", undefined, { filter }));
    expect(f("email_opened", { device: "watch" })).toEqual(["filter.device: expected mobile, desktop or tablet"]);
    expect(f("email_opened", { urlContains: "x" })).toEqual([
      "filter.urlContains: urlContains applies only to email_clicked and page_visited events",
    ]);
    expect(f("email_opened", { campaignId: "" })).toEqual(["filter.campaignId: choose a campaign"]);
    expect(f("email_opened", { campaign: "x" })).toEqual(['filter: unknown key "campaign" in a filter']);
    expect(f("email_opened", "x")).toEqual(["filter: expected a filter object"]);
    expect(f("page_visited", { urlContains: "pricing", device: "TABLET" })).toEqual([]);
  });
});

describe("issue paths", () => {
  it("point into nested groups and exclusions, and report every bad condition", () => {
    const bad: Condition = { field: "contact.leadScore", operator: "greater_than", value: "x" as never };
    const definition = {
      match: "any",
      groups: [{ match: "all", conditions: [cond("contact.email", "is_set"), { match: "any", conditions: [bad] }] }],
      exclusions: [{ match: "all", conditions: [bad] }],
    };
    expect(errors(definition)).toEqual([
      "groups.0.conditions.1.conditions.0.value: expected a number",
      "exclusions.0.conditions.0.value: expected a number",
    ]);
    const result = parseSegmentDefinition(definition);
    expect(!result.ok && result.issues[0]!.path).toEqual(["groups", 0, "conditions", 1, "conditions", 0, "value"]);
  });
});
