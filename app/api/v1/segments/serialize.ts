import type { SegmentSummary } from "@/lib/data/segments/segment-pages";
import type { SegmentDetail } from "@/lib/data/segments/segment-reads";
import type { SegmentMember } from "@/lib/data/segments/segment-static-members";

/** The API spells enums in lower case (as it takes `type`: "dynamic" | "static"). */
export function apiSegmentSummary(segment: SegmentSummary) {
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    type: segment.type.toLowerCase(),
    status: segment.status.toLowerCase(),
    contactCount: segment.contactCount,
    lastRecalculatedAt: segment.lastRecalculatedAt,
    recalculationState: segment.recalculationState.toLowerCase(),
    // The rules were saved and no run has succeeded since: members follow older rules.
    membershipStale: segment.membershipStale !== null,
    membershipStaleReason: segment.membershipStale?.reason ?? null,
    createdAt: segment.createdAt,
    updatedAt: segment.updatedAt,
  };
}

/** The segment with its rules (null for a static one) and freshness. */
export function apiSegment(segment: SegmentDetail) {
  return {
    ...apiSegmentSummary(segment),
    rules: segment.rules,
    definitionVersion: segment.definitionVersion,
    needsRecalculation: segment.needsRecalculation,
    freshness: segment.freshness,
    lastRun: segment.lastRun
      ? {
          status: segment.lastRun.status.toLowerCase(),
          finishedAt: segment.lastRun.finishedAt,
          durationMs: segment.lastRun.durationMs,
          error: segment.lastRun.error,
        }
      : null,
  };
}

export function apiSegmentMember(member: SegmentMember) {
  return { ...member, addedVia: member.addedVia.toLowerCase() };
}
