import { describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from "./key-format";

describe("API key format", () => {
  it("makes distinct, well-formed keys of seg_live_ and 40 base62 characters", () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    expect(new Set(keys).size).toBe(200);
    for (const key of keys) {
      expect(key).toMatch(/^seg_live_[0-9A-Za-z]{40}$/);
      expect(isWellFormedApiKey(key)).toBe(true);
    }
    // Every base62 character shows up across 8,000 random characters.
    expect(new Set(keys.join("").replaceAll("seg_live_", "")).size).toBe(62);
  });

  it("rejects other shapes before any lookup", () => {
    for (const bad of [
      "",
      "seg_live_",
      `seg_test_${"a".repeat(40)}`,
      `seg_live_${"a".repeat(31)}`,
      `seg_live_${"a".repeat(39)}!`,
    ]) {
      expect(isWellFormedApiKey(bad)).toBe(false);
    }
  });

  it("hashes with sha256 and shows only a short prefix", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(displayPrefix("seg_live_abcdefghijkl")).toBe("seg_live_abcdef");
  });
});
