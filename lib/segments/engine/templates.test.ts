import { describe, expect, it } from "vitest";
import { checkAgainstCatalog } from "./catalog-check";
import { parseSegmentDefinition } from "./schema";
import { fillTemplate, findTemplate, placeholderName, resolveByName, SEGMENT_TEMPLATES } from "./templates";

const noneFound = () => undefined;

describe("segment templates", () => {
  it("has unique keys and names", () => {
    expect(new Set(SEGMENT_TEMPLATES.map((t) => t.key)).size).toBe(SEGMENT_TEMPLATES.length);
    expect(new Set(SEGMENT_TEMPLATES.map((t) => t.name)).size).toBe(SEGMENT_TEMPLATES.length);
  });

  it.each(SEGMENT_TEMPLATES.map((t) => [t.key, t] as const))("%s parses with the engine's schema", (_, template) => {
    const parsed = parseSegmentDefinition(template.definition);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it("leaves unresolved placeholders empty, so the schema asks for them at their paths", () => {
    const filled = fillTemplate(findTemplate("opened-but-did-not-click")!.definition, noneFound);
    const parsed = parseSegmentDefinition(filled);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues).toEqual(
      [0, 1, 2].map((i) => ({
        path: ["groups", 0, "conditions", i, "filter", "campaignId"],
        message: "choose a campaign",
      })),
    );
    const segments = parseSegmentDefinition(
      fillTemplate(findTemplate("active-not-recent-buyers")!.definition, noneFound),
    );
    expect(segments.ok ? [] : segments.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["groups.0.conditions.0.value", "choose a segment"],
      ["exclusions.0.conditions.0.value", "choose a segment"],
      ["exclusions.0.conditions.1.value", "choose a segment"],
    ]);
  });

  it("resolves placeholders by name, case-insensitively, to the company's ids", () => {
    const resolve = resolveByName({
      campaigns: [{ id: "c-1", name: "product launch q4" }],
      segments: [
        { id: "00000000-0000-4000-8000-000000000001", name: "All Active Subscribers" },
        { id: "00000000-0000-4000-8000-000000000002", name: "Recent Purchasers" },
        { id: "00000000-0000-4000-8000-000000000003", name: "Unengaged (90+ days)" },
      ],
    });
    const link = fillTemplate(findTemplate("clicked-specific-link")!.definition, resolve);
    expect(JSON.stringify(link)).not.toContain("<");
    expect(link.groups[0]!.conditions.map((c) => ("filter" in c ? c.filter?.campaignId : null))).toEqual([
      "c-1",
      "c-1",
    ]);
    const excl = fillTemplate(findTemplate("active-not-recent-buyers")!.definition, resolve);
    const catalog = {
      customFields: [],
      segments: [1, 2, 3].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, name: `s${n}`, rules: null })),
    };
    expect(parseSegmentDefinition(excl).ok).toBe(true);
    expect(checkAgainstCatalog(excl, catalog)).toEqual([]);
  });

  it("recognises only whole <...> values as placeholders", () => {
    expect(placeholderName("<Product Users>")).toBe("Product Users");
    expect(placeholderName("Product <Users>")).toBeUndefined();
    expect(placeholderName(42)).toBeUndefined();
  });
});
