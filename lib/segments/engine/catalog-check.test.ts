import { describe, expect, it } from "vitest";
import {
  type Catalog,
  catalogPartsNeeded,
  checkAgainstCatalog,
  dependentSegments,
  SegmentCycleError,
  segmentDefinitionSchemaFor,
  segmentDependencies,
  topologicalOrder,
  validateSegmentDefinition,
} from "./catalog-check";
import { type Condition, formatIssue, type SegmentDefinition } from "./types";

const A = "aaaaaaaa-0000-4000-8000-000000000001";
const B = "bbbbbbbb-0000-4000-8000-000000000002";
const C = "cccccccc-0000-4000-8000-000000000003";
const D = "dddddddd-0000-4000-8000-000000000004";

const inSegment = (id: string, operator = "in_segment"): Condition =>
  ({ field: "segment", operator, value: id }) as Condition;
const def = (...conditions: Condition[]): SegmentDefinition => ({
  match: "all",
  groups: [{ match: "all", conditions }],
});

const catalog = (overrides: Partial<Catalog> = {}): Catalog => ({
  customFields: [
    { key: "industry", type: "SELECT", options: ["SaaS"] },
    { key: "revenue", type: "NUMBER" },
    { key: "trial_end_date", type: "DATE" },
    { key: "bounced", type: "BOOLEAN" },
    { key: "notes", type: "TEXT" },
    { key: "interests", type: "MULTI_SELECT" },
  ],
  segments: [
    { id: A, name: "Alpha", rules: def(inSegment(B)) }, // Alpha → Beta
    { id: B, name: "Beta", rules: def(inSegment(C)) }, // Beta → Gamma
    { id: C, name: "Gamma", rules: null }, // static
    { id: D, name: "Delta", rules: { match: "all", groups: [] } },
  ],
  ...overrides,
});

const issues = (definition: SegmentDefinition, c: Catalog = catalog()) =>
  checkAgainstCatalog(definition, c).map(formatIssue);

describe("custom fields", () => {
  it("names an unknown custom field", () => {
    expect(issues(def({ field: "customField.industri", operator: "is_set" }))).toEqual([
      'groups.0.conditions.0.field: unknown custom field "industri"',
    ]);
  });

  it("keys are case-sensitive, as stored", () => {
    expect(issues(def({ field: "customField.Industry", operator: "is_set" }))).toEqual([
      'groups.0.conditions.0.field: unknown custom field "Industry"',
    ]);
  });

  it("rejects an operator the field's type does not have", () => {
    expect(issues(def({ field: "customField.revenue", operator: "contains", value: "5" }))).toEqual([
      'groups.0.conditions.0.operator: operator "contains" does not apply to customField.revenue, a NUMBER field',
    ]);
    expect(issues(def({ field: "customField.notes", operator: "is_true" }))).toEqual([
      'groups.0.conditions.0.operator: operator "is_true" does not apply to customField.notes, a TEXT field',
    ]);
    expect(issues(def({ field: "customField.industry", operator: "starts_with", value: "S" }))).toEqual([
      'groups.0.conditions.0.operator: operator "starts_with" does not apply to customField.industry, a SELECT field',
    ]);
    expect(issues(def({ field: "customField.interests", operator: "in", value: ["a"] }))).toEqual([
      'groups.0.conditions.0.operator: operator "in" does not apply to customField.interests, a MULTI_SELECT field',
    ]);
  });

  it("checks the value against the field's type", () => {
    expect(issues(def({ field: "customField.revenue", operator: "equals", value: "1000" }))).toEqual([
      "groups.0.conditions.0.value: expected a number",
    ]);
    expect(issues(def({ field: "customField.notes", operator: "equals", value: 5 }))).toEqual([
      "groups.0.conditions.0.value: expected a text value",
    ]);
    expect(issues(def({ field: "customField.trial_end_date", operator: "between", value: [1, 2] }))).toEqual([
      "groups.0.conditions.0.value.0: expected a date as YYYY-MM-DD",
      "groups.0.conditions.0.value.1: expected a date as YYYY-MM-DD",
    ]);
    expect(
      issues(def({ field: "customField.revenue", operator: "between", value: ["2024-01-01", "2024-02-01"] })),
    ).toEqual(["groups.0.conditions.0.value.0: expected a number", "groups.0.conditions.0.value.1: expected a number"]);
  });

  it("accepts a fitting condition for every type (SELECT values are not limited to the options)", () => {
    const definition = def(
      { field: "customField.industry", operator: "equals", value: "Retail" },
      { field: "customField.revenue", operator: "between", value: [1, 2] },
      { field: "customField.trial_end_date", operator: "within_next_days", value: 7 },
      { field: "customField.bounced", operator: "is_false" },
      { field: "customField.notes", operator: "not_contains", value: "x" },
      { field: "customField.interests", operator: "contains_all", value: ["a", "b"] },
    );
    expect(issues(definition)).toEqual([]);
  });
});

describe("segments", () => {
  it("names an unknown segment", () => {
    expect(issues(def(inSegment("seg_recent_purchasers")))).toEqual([
      'groups.0.conditions.0.value: unknown segment "seg_recent_purchasers"',
    ]);
    expect(issues(def(inSegment("eeeeeeee-0000-4000-8000-000000000005", "not_in_segment")))).toEqual([
      'groups.0.conditions.0.value: unknown segment "eeeeeeee-0000-4000-8000-000000000005"',
    ]);
  });

  it("finds segment ids in any case (UUIDs)", () => {
    expect(issues(def(inSegment(C.toUpperCase())))).toEqual([]);
  });

  it("a new segment may refer to any segment (nothing can refer to it yet)", () => {
    expect(issues(def(inSegment(A), inSegment(B), inSegment(C)))).toEqual([]);
  });

  it("rejects a segment that refers to itself, naming it", () => {
    expect(issues(def(inSegment(C)), catalog({ segmentId: C }))).toEqual([
      'groups.0.conditions.0.value: a segment cannot refer to itself: "Gamma" → "Gamma"',
    ]);
  });

  it("rejects a cycle through other segments, naming every segment of it", () => {
    // Editing Gamma to refer to Alpha: Gamma → Alpha → Beta → Gamma.
    expect(issues(def(inSegment(A)), catalog({ segmentId: C }))).toEqual([
      'groups.0.conditions.0.value: a segment cannot refer to itself: "Gamma" → "Alpha" → "Beta" → "Gamma"',
    ]);
    // Editing Beta to refer to Alpha (which refers to Beta), from an exclusion.
    const withExclusion: SegmentDefinition = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.email", operator: "is_set" }] }],
      exclusions: [{ match: "any", conditions: [inSegment(A, "not_in_segment")] }],
    };
    expect(issues(withExclusion, catalog({ segmentId: B }))).toEqual([
      'exclusions.0.conditions.0.value: a segment cannot refer to itself: "Beta" → "Alpha" → "Beta"',
    ]);
  });

  it("allows a chain without a cycle when editing an existing segment", () => {
    expect(issues(def(inSegment(B)), catalog({ segmentId: D }))).toEqual([]);
  });

  it("the edited segment's stored rules are replaced by the new definition", () => {
    // Alpha refers to Beta today; edited so that it no longer does, Beta may refer to... nothing changes for Beta,
    // but Gamma referring to Alpha is fine once Alpha no longer leads back to Gamma.
    const segments = catalog().segments.map((s) =>
      s.id === A ? { ...s, rules: def({ field: "contact.email", operator: "is_set" }) } : s,
    );
    expect(issues(def(inSegment(A)), catalog({ segments, segmentId: C }))).toEqual([]);
  });
});

describe("validateSegmentDefinition and the schema with a catalog", () => {
  it("reports schema issues first, then catalog issues", () => {
    expect(validateSegmentDefinition({ match: "all", groups: [] }, catalog())).toEqual({
      ok: false,
      issues: [{ path: ["groups"], message: "add at least one group" }],
    });
    expect(validateSegmentDefinition(def({ field: "customField.nope", operator: "is_set" }), catalog())).toEqual({
      ok: false,
      issues: [{ path: ["groups", 0, "conditions", 0, "field"], message: 'unknown custom field "nope"' }],
    });
    const good = def({ field: "customField.revenue", operator: "greater_than", value: 5 });
    expect(validateSegmentDefinition(good, catalog())).toEqual({ ok: true, definition: good });
  });

  it("gives a zod schema (for zodResolver) that includes the catalog check", () => {
    const schema = segmentDefinitionSchemaFor(catalog({ segmentId: C }));
    const result = schema.safeParse(def(inSegment(A)));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["groups.0.conditions.0.value", 'a segment cannot refer to itself: "Gamma" → "Alpha" → "Beta" → "Gamma"'],
    ]);
  });
});

describe("segment dependencies", () => {
  it("lists referenced segments in order, once, from groups, nested groups and exclusions", () => {
    const definition: SegmentDefinition = {
      match: "any",
      groups: [
        { match: "all", conditions: [inSegment(B), { match: "any", conditions: [inSegment(C), inSegment(B)] }] },
      ],
      exclusions: [{ match: "all", conditions: [inSegment(A.toUpperCase(), "not_in_segment")] }],
    };
    expect(segmentDependencies(definition)).toEqual([B, C, A]);
  });

  it("never throws on stored JSON of any shape", () => {
    for (const rules of [null, undefined, 3, "x", [], { groups: "x" }, { groups: [{ conditions: [null, 5] }] }]) {
      expect(segmentDependencies(rules)).toEqual([]);
    }
  });

  it("orders segments so that dependencies come first, keeping the input order otherwise", () => {
    const segments = [
      { id: A, rules: def(inSegment(B)) },
      { id: D, rules: null },
      { id: B, rules: def(inSegment(C)) },
      { id: C, rules: null },
      { id: "ffffffff-0000-4000-8000-000000000006", rules: def(inSegment("unknown-id")) },
    ];
    expect(topologicalOrder(segments)).toEqual([C, B, A, D, "ffffffff-0000-4000-8000-000000000006"]);
  });

  it("throws on a cycle, naming it", () => {
    const segments = [
      { id: A, name: "Alpha", rules: def(inSegment(B)) },
      { id: B, name: "Beta", rules: def(inSegment(C)) },
      { id: C, name: "Gamma", rules: def(inSegment(A)) },
    ];
    expect(() => topologicalOrder(segments)).toThrow(SegmentCycleError);
    expect(() => topologicalOrder(segments)).toThrow(
      'segments refer to each other in a cycle: "Alpha" → "Beta" → "Gamma" → "Alpha"',
    );
    try {
      topologicalOrder(segments);
    } catch (error) {
      expect((error as SegmentCycleError).cycle).toEqual([A, B, C, A]);
    }
  });

  it("finds every segment that depends on one, directly or not, dependencies first", () => {
    const segments = [
      { id: A, rules: def(inSegment(B)) },
      { id: B, rules: def(inSegment(C)) },
      { id: C, rules: null },
      { id: D, rules: def(inSegment(A), inSegment(C)) },
    ];
    expect(dependentSegments(C, segments)).toEqual([B, A, D]);
    expect(dependentSegments(A, segments)).toEqual([D]);
    expect(dependentSegments(D, segments)).toEqual([]);
  });
});

describe("catalogPartsNeeded", () => {
  const of = (...conditions: unknown[]) => catalogPartsNeeded({ match: "all", groups: [{ match: "all", conditions }] });
  it("asks for custom fields and segments only when a condition names them", () => {
    expect(of({ field: "contact.city", operator: "is_set" })).toEqual({ customFields: false, segments: false });
    expect(
      of(
        { match: "any", conditions: [{ field: "customField.plan", operator: "is_set" }] },
        {
          field: "event.purchase",
          operator: "has_done",
        },
      ),
    ).toEqual({ customFields: true, segments: false });
    expect(
      catalogPartsNeeded({
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "contact.city", operator: "is_set" }] }],
        exclusions: [{ match: "any", conditions: [{ field: "segment", operator: "in_segment", value: "s" }] }],
      }),
    ).toEqual({ customFields: false, segments: true });
  });

  it("asks for everything when the input is not a well-formed definition", () => {
    expect(catalogPartsNeeded({ match: "all", groups: [] })).toEqual({ customFields: true, segments: true });
    expect(catalogPartsNeeded("nonsense")).toEqual({ customFields: true, segments: true });
  });
});
