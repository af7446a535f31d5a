import { describe, expect, it } from "vitest";
import { formatDuration, formatRelativeTime, freshnessHint } from "./format";

const NOW = new Date("2026-03-10T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe("formatRelativeTime", () => {
  it("says how long ago, in the largest whole unit", () => {
    expect(formatRelativeTime(ago(20_000), NOW)).toBe("just now");
    expect(formatRelativeTime(ago(5 * 60_000), NOW)).toBe("5 min. ago");
    expect(formatRelativeTime(ago(61 * 60_000), NOW)).toBe("1 hr. ago");
    expect(formatRelativeTime(ago(26 * 3_600_000), NOW)).toBe("yesterday");
    expect(formatRelativeTime(ago(3 * 86_400_000), NOW)).toBe("3 days ago");
    expect(formatRelativeTime(ago(400 * 86_400_000), NOW)).toBe("last yr.");
  });

  it("copes with a clock a little ahead and with bad input", () => {
    expect(formatRelativeTime(new Date(NOW.getTime() + 30_000), NOW)).toBe("just now");
    expect(formatRelativeTime("garbage", NOW)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("picks a readable unit", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(3_240)).toBe("3.2 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(120_000)).toBe("2 min");
    expect(formatDuration(null)).toBeNull();
  });
});

describe("freshnessHint", () => {
  it("carries the error of a failed run", () => {
    expect(freshnessHint("failed", "statement timeout")).toBe("The last recalculation failed: statement timeout");
    expect(freshnessHint("failed", null)).toBe("The last recalculation failed");
  });
});
