import { describe, expect, it } from "vitest";
import { canonicalJson, sameJson } from "./json";

describe("sameJson", () => {
  it("ignores key order at every level", () => {
    const a = { match: "all", groups: [{ match: "any", conditions: [{ field: "x", operator: "is", value: 1 }] }] };
    const b = { groups: [{ conditions: [{ value: 1, operator: "is", field: "x" }], match: "any" }], match: "all" };
    expect(sameJson(a, b)).toBe(true);
  });

  it("sees changed values, array order and missing keys", () => {
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: "1" })).toBe(false);
    expect(sameJson({ a: 1, b: null }, { a: 1 })).toBe(false);
  });

  it("treats undefined keys as absent, like JSON does", () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(canonicalJson(undefined)).toBe("null");
  });
});
