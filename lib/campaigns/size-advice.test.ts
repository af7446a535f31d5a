import { describe, expect, it } from "vitest";
import { sizeAdvice, suggestedParts } from "./size-advice";

describe("sizeAdvice", () => {
  it.each([
    [0, "empty"],
    [1, "testing"],
    [99, "testing"],
    [100, "standard"],
    [1_000, "standard"],
    [1_001, "large"],
    [10_000, "large"],
    [10_001, "split"],
  ] as const)("%i contacts → %s", (count, level) => {
    expect(sizeAdvice(count).level).toBe(level);
  });

  it("words the brief's advice", () => {
    expect(sizeAdvice(50).message).toBe("Good for testing");
    expect(sizeAdvice(5_000).message).toBe("Large, monitor closely");
    expect(sizeAdvice(50_000).message).toMatch(/splitting/);
  });

  it("suggests about 10,000 per part, between 2 and 20 parts", () => {
    expect(suggestedParts(12_000)).toBe(2);
    expect(suggestedParts(45_000)).toBe(5);
    expect(suggestedParts(10_000_000)).toBe(20);
  });
});
