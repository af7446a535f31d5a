import { describe, expect, it } from "vitest";
import { isUuid } from "@/lib/errors";
import { planCompany } from "./plan";
import { Rng, uuidFor } from "./random";

const NOW = Date.parse("2026-07-15T12:00:00Z");

describe("planCompany", () => {
  it("shares out exactly the requested number of events", () => {
    for (const [contacts, events] of [
      [1, 7],
      [1_000, 10_000],
      [997, 12_345],
      [500, 0],
    ] as const) {
      const plan = planCompany("acme", contacts, events, NOW);
      expect(plan.eventTarget.reduce((sum, n) => sum + n, 0)).toBe(events);
    }
  });

  it("is deterministic per company and different between companies", () => {
    const a = planCompany("acme", 200, 2_000, NOW);
    const again = planCompany("acme", 200, 2_000, NOW);
    const b = planCompany("globex", 200, 2_000, NOW);
    expect(again.ids).toEqual(a.ids);
    expect(Array.from(again.eventTarget)).toEqual(Array.from(a.eventTarget));
    expect(b.ids.some((id) => a.ids.includes(id))).toBe(false);
  });

  it("hands out sorted, valid, unique contact ids created within two years, none in the future", () => {
    const plan = planCompany("acme", 5_000, 0, NOW);
    expect(plan.ids.every(isUuid)).toBe(true);
    expect(new Set(plan.ids).size).toBe(5_000);
    expect([...plan.ids].sort()).toEqual(plan.ids);
    const created = Array.from(plan.createdAt);
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...created)).toBeGreaterThan(NOW - 731 * 86_400_000);
    expect(created.filter((at) => at > NOW - 7 * 86_400_000).length).toBeGreaterThan(50);
  });
});

describe("random helpers", () => {
  it("repeat for the same seed", () => {
    const a = new Rng("x");
    const b = new Rng("x");
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(uuidFor("k")).toBe(uuidFor("k"));
    expect(uuidFor("k")).not.toBe(uuidFor("l"));
  });

  it("stay in range", () => {
    const rng = new Rng("range");
    for (let i = 0; i < 1_000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(rng.sample([1, 2, 3, 4, 5], 3)).toHaveLength(3);
  });
});
