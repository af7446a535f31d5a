/**
 * How far a segment's stored membership can be trusted, as the list shows it. Pure, so the
 * data layer and tests agree on one rule.
 */
export type SegmentFreshness = "fresh" | "stale" | "failed" | "never";

/** The schedule recalculates every 30 minutes; older than two rounds means it missed one. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

export type FreshnessInput = {
  type: "DYNAMIC" | "STATIC";
  recalculationState: "IDLE" | "QUEUED" | "RUNNING" | "FAILED";
  needsRecalculation: boolean;
  lastRecalculatedAt: Date | null;
  /** Status of the most recent recalculation run, if any. */
  lastRunStatus: "RUNNING" | "SUCCEEDED" | "FAILED" | null;
};

/**
 * failed: the latest run failed (or the segment is marked failed), for any type.
 * Static segments are otherwise fresh: their members are exactly the ones added.
 * Dynamic: never calculated → never; rules or a referenced segment changed since, or the
 * last calculation is older than STALE_AFTER_MS → stale; else fresh.
 */
export function segmentFreshness(segment: FreshnessInput, now: Date): SegmentFreshness {
  if (segment.recalculationState === "FAILED" || segment.lastRunStatus === "FAILED") return "failed";
  if (segment.type === "STATIC") return "fresh";
  if (!segment.lastRecalculatedAt) return "never";
  if (segment.needsRecalculation) return "stale";
  return now.getTime() - segment.lastRecalculatedAt.getTime() > STALE_AFTER_MS ? "stale" : "fresh";
}
