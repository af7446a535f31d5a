import { describe, expect, it } from "vitest";
import { type FreshnessInput, membershipStaleness, segmentFreshness } from "./freshness";

const NOW = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const dynamic: FreshnessInput = {
  type: "DYNAMIC",
  recalculationState: "IDLE",
  needsRecalculation: false,
  lastRecalculatedAt: minutesAgo(10),
  lastRunStatus: "SUCCEEDED",
};

describe("segmentFreshness", () => {
  it("is fresh within the hour and stale after it", () => {
    expect(segmentFreshness(dynamic, NOW)).toBe("fresh");
    expect(segmentFreshness({ ...dynamic, lastRecalculatedAt: minutesAgo(60) }, NOW)).toBe("fresh");
    expect(segmentFreshness({ ...dynamic, lastRecalculatedAt: minutesAgo(61) }, NOW)).toBe("stale");
  });

  it("is stale when the rules or a referenced segment changed", () => {
    expect(segmentFreshness({ ...dynamic, needsRecalculation: true }, NOW)).toBe("stale");
  });

  it("says never for a dynamic segment not calculated yet", () => {
    expect(segmentFreshness({ ...dynamic, lastRecalculatedAt: null, lastRunStatus: null }, NOW)).toBe("never");
  });

  it("reports a failed latest run or a failed state first", () => {
    expect(segmentFreshness({ ...dynamic, lastRunStatus: "FAILED" }, NOW)).toBe("failed");
    expect(segmentFreshness({ ...dynamic, recalculationState: "FAILED" }, NOW)).toBe("failed");
    expect(segmentFreshness({ ...dynamic, lastRecalculatedAt: null, lastRunStatus: "FAILED" }, NOW)).toBe("failed");
  });

  it("keeps static segments fresh however old or flagged", () => {
    const stat: FreshnessInput = { ...dynamic, type: "STATIC", lastRecalculatedAt: null, needsRecalculation: true };
    expect(segmentFreshness(stat, NOW)).toBe("fresh");
    expect(segmentFreshness({ ...stat, lastRecalculatedAt: minutesAgo(10_000) }, NOW)).toBe("fresh");
  });
});

describe("membershipStaleness", () => {
  const base = {
    type: "DYNAMIC" as const,
    definitionVersion: 2,
    membershipVersion: 2,
    lastRecalculatedAt: new Date("2026-12-01T00:00:00Z"),
    lastRunStatus: "SUCCEEDED" as const,
  };

  it("is null when the members follow the current rules, and for static segments", () => {
    expect(membershipStaleness(base)).toBeNull();
    expect(membershipStaleness({ ...base, type: "STATIC", membershipVersion: null })).toBeNull();
  });

  it("says which versions differ when rules were saved without a successful run since", () => {
    const stale = membershipStaleness({ ...base, definitionVersion: 3 });
    expect(stale).toMatchObject({ rulesVersion: 3, membershipVersion: 2 });
    expect(stale?.reason).toContain("(version 3)");
    expect(stale?.reason).toContain("from version 2");
    expect(membershipStaleness({ ...base, definitionVersion: 3, lastRunStatus: "FAILED" })?.reason).toContain(
      "the last recalculation failed",
    );
  });

  it("is stale when never calculated, or when the version is not recorded", () => {
    expect(
      membershipStaleness({ ...base, membershipVersion: null, lastRecalculatedAt: null, lastRunStatus: null })?.reason,
    ).toContain("not been calculated");
    expect(membershipStaleness({ ...base, membershipVersion: null })?.reason).toContain("may have changed");
  });
});
