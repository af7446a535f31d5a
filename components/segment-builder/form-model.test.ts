import { describe, expect, it } from "vitest";
import type { BuilderCatalog } from "@/lib/segments/builder-types";
import { parseSegmentDefinition } from "@/lib/segments/engine/schema";
import { findTemplate, resolveByName, SEGMENT_TEMPLATES } from "@/lib/segments/engine/templates";
import {
  addTopGroup,
  appendTo,
  canAddSubGroup,
  duplicateAt,
  emptyFormRules,
  type FormCondition,
  type FormGroup,
  familyOf,
  newGroup,
  removeAt,
  rulesIssues,
  toDefinition,
  toFormRules,
  updateAt,
  withField,
  withOperator,
} from "./form-model";
import { builderFormSchema } from "./form-schema";

const catalog: BuilderCatalog = {
  companyId: "0a000000-0000-4000-8000-000000000001",
  companyName: "Acme",
  customFields: [
    { key: "customer_ltv", label: "Customer LTV", type: "NUMBER", options: [] },
    { key: "bounced", label: "Bounced", type: "BOOLEAN", options: [] },
    { key: "industry", label: "Industry", type: "SELECT", options: ["SaaS", "Retail"] },
  ],
  segments: [{ id: "0d000000-0000-4000-8000-000000000001", name: "Product Users", type: "STATIC" }],
  campaigns: [{ id: "0c000000-0000-4000-8000-00000000000b", name: "Feature Announcement", status: "SENT" }],
};

describe("form ↔ definition", () => {
  it.each(SEGMENT_TEMPLATES.map((t) => [t.key, t.definition] as const))("round-trips %s unchanged", (_, definition) => {
    // Resolving each placeholder to itself: stored rules have no placeholders to fill.
    expect(toDefinition(toFormRules(definition, (p) => `<${p.name}>`))).toEqual(definition);
  });

  it("gives every item a key derived from its path, the same on every render", () => {
    const full = findTemplate("engaged-or-high-value-na")!.definition;
    const a = toFormRules(full);
    expect(a).toEqual(toFormRules(full));
    const first = a.groups[0]!.conditions[0] as FormGroup;
    expect([a.groups[0]!.key, first.key, first.conditions[1]!.key, a.exclusions[0]!.key]).toEqual([
      "kg0",
      "kg0.0",
      "kg0.0.1",
      "kx0",
    ]);
  });

  it("drops empty event filters and the exclusions key when there are none", () => {
    const rules = emptyFormRules();
    const condition: FormCondition = {
      kind: "condition",
      key: "a",
      field: "event.email_clicked",
      operator: "has_done",
      filter: { campaignId: "", urlContains: "pricing", device: undefined },
    };
    const edited = updateAt<FormCondition>(rules, ["groups", 0, "conditions", 0], () => condition);
    expect(toDefinition(edited)).toEqual({
      match: "all",
      groups: [
        {
          match: "all",
          conditions: [{ field: "event.email_clicked", operator: "has_done", filter: { urlContains: "pricing" } }],
        },
      ],
    });
  });

  it("keeps a template's unfilled campaign empty and flagged, with the schema's message at its path", () => {
    const rules = toFormRules(findTemplate("opened-but-did-not-click")!.definition, () => undefined);
    const first = rules.groups[0]!.conditions[0] as FormCondition;
    expect(first.placeholder).toEqual({ kind: "campaign", name: "Feature Announcement" });
    expect(first.touched).toBe(true);
    expect(rulesIssues(rules, catalog)[0]).toEqual({
      path: ["groups", 0, "conditions", 0, "filter", "campaignId"],
      message: "choose a campaign",
    });
    const resolved = toFormRules(findTemplate("opened-but-did-not-click")!.definition, resolveByName(catalog));
    expect(rulesIssues(resolved, catalog)).toEqual([]);
  });
});

describe("editing", () => {
  const full = () => toFormRules(findTemplate("engaged-or-high-value-na")!.definition);

  it("picking a field resets operator and value to the field's first operator", () => {
    const c = { kind: "condition", key: "a", field: "", operator: "" } as const;
    expect(withField(c, "contact.country", familyOf("contact.country", catalog))).toMatchObject({
      field: "contact.country",
      operator: "equals",
      value: "",
    });
    expect(withField(c, "event.email_opened", "event")).toMatchObject({ operator: "has_done" });
    expect(withField(c, "customField.customer_ltv", familyOf("customField.customer_ltv", catalog))).toMatchObject({
      operator: "equals",
    });
  });

  it("an operator of the same value shape keeps the value; another shape starts empty", () => {
    const c: FormCondition = { kind: "condition", key: "a", field: "contact.country", operator: "equals", value: "US" };
    expect(withOperator(c, "not_equals", "string").value).toBe("US");
    expect(withOperator(c, "in", "string").value).toEqual([]);
    expect("value" in withOperator(c, "is_set", "string")).toBe(false);
  });

  it("removing the last condition of a sub-group removes the sub-group", () => {
    let rules = full();
    rules = removeAt(rules, ["groups", 0, "conditions", 1, "conditions", 0]);
    rules = removeAt(rules, ["groups", 0, "conditions", 1, "conditions", 0]);
    expect(rules.groups[0]!.conditions).toHaveLength(1);
    const emptiedExclusion = removeAt(removeAt(rules, ["exclusions", 0, "conditions", 0]), [
      "exclusions",
      0,
      "conditions",
      0,
    ]);
    expect(emptiedExclusion.exclusions).toEqual([]);
  });

  it("keeps the only include group, empty, so the schema can say it needs a condition", () => {
    const rules = removeAt(emptyFormRules(), ["groups", 0, "conditions", 0]);
    expect(rules.groups).toHaveLength(1);
    expect(rulesIssues(rules, catalog)).toEqual([
      { path: ["groups", 0, "conditions"], message: "a group needs at least one condition" },
    ]);
  });

  it("duplicates an item right after itself, with new keys and the same content", () => {
    const rules = duplicateAt(full(), ["groups", 0, "conditions", 0]);
    const [a, b] = rules.groups[0]!.conditions as FormGroup[];
    expect(toDefinition({ ...rules, groups: [{ ...rules.groups[0]!, conditions: [b!] }] }).groups[0]).toEqual(
      toDefinition({ ...rules, groups: [{ ...rules.groups[0]!, conditions: [a!] }] }).groups[0],
    );
    expect(b!.key).not.toBe(a!.key);
    expect(b!.conditions[0]!.key).not.toBe(a!.conditions[0]!.key);
  });

  it("adds groups, sub-groups and exclusions; no sub-group past the depth limit", () => {
    let rules = addTopGroup(emptyFormRules(), "exclusions");
    rules = appendTo(rules, ["groups", 0], newGroup("any"));
    expect(toDefinition(rules).exclusions).toHaveLength(1);
    expect(canAddSubGroup(["groups", 0])).toBe(true);
    const depth4 = ["groups", 0, "conditions", 0, "conditions", 0, "conditions", 0];
    const depth5 = [...depth4, "conditions", 0];
    expect(canAddSubGroup(depth4)).toBe(true);
    expect(canAddSubGroup(depth5)).toBe(false);
  });
});

describe("the form schema (zodResolver)", () => {
  it("reports name and rule problems at the form's paths, with the engine's messages", () => {
    const rules = toFormRules(findTemplate("engaged-or-high-value-na")!.definition);
    const broken = updateAt<FormCondition>(rules, ["groups", 1, "conditions", 0], (c) => ({ ...c, value: [] }));
    const result = builderFormSchema(catalog).safeParse({ type: "DYNAMIC", name: " ", description: "", rules: broken });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["name", "enter a name"],
      ["rules.groups.1.conditions.0.value", "add at least one value"],
    ]);
  });

  it("accepts a valid dynamic segment and a static one without rules", () => {
    const rules = toFormRules(findTemplate("engaged-or-high-value-na")!.definition);
    expect(builderFormSchema(catalog).safeParse({ type: "DYNAMIC", name: "NA", description: "", rules }).success).toBe(
      true,
    );
    expect(
      builderFormSchema(catalog).safeParse({ type: "STATIC", name: "VIPs", description: "", rules: emptyFormRules() })
        .success,
    ).toBe(true);
    expect(parseSegmentDefinition(toDefinition(rules)).ok).toBe(true);
  });
});
