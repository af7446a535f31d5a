import { describe, expect, it } from "vitest";
import { CustomFieldDefinitionInputSchema } from "./custom-field-schema";

describe("CustomFieldDefinitionInputSchema", () => {
  it("normalizes a definition", () => {
    expect(
      CustomFieldDefinitionInputSchema.parse({
        key: "plan_tier",
        label: " Plan ",
        type: "select",
        options: [" Pro ", "Free"],
      }),
    ).toEqual({ key: "plan_tier", label: "Plan", type: "SELECT", options: ["Pro", "Free"] });
    expect(
      CustomFieldDefinitionInputSchema.parse({ key: "n", label: "N", type: "NUMBER", options: null }).options,
    ).toEqual([]);
  });

  it("takes keys of a lower-case letter, then lower-case letters, digits, underscores, at most 64", () => {
    const ok = (key: string) => CustomFieldDefinitionInputSchema.safeParse({ key, label: "L", type: "TEXT" }).success;
    expect(ok("a")).toBe(true);
    expect(ok(`a${"b".repeat(63)}`)).toBe(true);
    expect(ok(`a${"b".repeat(64)}`)).toBe(false);
    expect(ok("Plan")).toBe(false);
    expect(ok("1plan")).toBe(false);
    expect(ok("_plan")).toBe(false);
    expect(ok("plan-tier")).toBe(false);
  });
});
