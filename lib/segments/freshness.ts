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

/** Why a dynamic segment's members do not follow its current rules; null when they do. */
export type MembershipStale = {
  /** The rules' version now. */
  rulesVersion: number;
  /** The rules' version the members were computed from (null: never, or not recorded). */
  membershipVersion: number | null;
  reason: string;
};

export type MembershipInput = {
  type: "DYNAMIC" | "STATIC";
  definitionVersion: number;
  membershipVersion: number | null;
  lastRecalculatedAt: Date | null;
  lastRunStatus: "RUNNING" | "SUCCEEDED" | "FAILED" | null;
};

/**
 * Stale membership: the rules were saved (definitionVersion bumped) and no run has
 * succeeded since, e.g. the process died after the save, or the run failed. Unlike
 * "stale" freshness (old or flagged by a referenced segment), the members are known to
 * follow other rules than the ones shown.
 */
export function membershipStaleness(segment: MembershipInput): MembershipStale | null {
  if (segment.type === "STATIC") return null;
  const { definitionVersion: rulesVersion, membershipVersion } = segment;
  if (membershipVersion !== null && membershipVersion >= rulesVersion) return null;
  const failed = segment.lastRunStatus === "FAILED" ? " and the last recalculation failed" : "";
  let reason: string;
  if (!segment.lastRecalculatedAt) {
    reason = `The members have not been calculated from the rules yet${failed}.`;
  } else if (membershipVersion === null) {
    reason = `The rules may have changed since the members were calculated${failed}.`;
  } else {
    reason = `The rules changed (version ${rulesVersion}) since the members were calculated (from version ${membershipVersion})${failed}.`;
  }
  return { rulesVersion, membershipVersion, reason: `${reason} Recalculate to bring them up to date.` };
}
