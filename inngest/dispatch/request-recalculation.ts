import "server-only";
import { inngest, type RecalculationTriggerName, segmentRecalculateRequested } from "@/inngest/client";
import { type RecalculationResult, recalculateWithDependencies } from "@/lib/data/segments/segment-recalculation";
import { findSegmentType, markSegmentsQueued } from "@/lib/data/segments/segment-schedule";
import { isUuid, NotFoundError } from "@/lib/errors";
import { forgetInngestReachability, isInngestReachable } from "./inngest-reachability";

export type RecalculationRequest =
  /** Sent to Inngest: the segment shows QUEUED until the background run starts. */
  | { mode: "queued"; eventId: string | null }
  /**
   * No background worker: recalculated in this request ("Recalculated now (no background
   * worker running)"). `result` is the segment's own run (null for a static segment,
   * which has none); `dependents` the runs of the segments that depend on it, which
   * nothing else would recalculate without a worker.
   */
  | {
      mode: "inline";
      result: RecalculationResult | null;
      dependents: RecalculationResult[];
      skipped: { segmentId: string; reason: string }[];
    };

/**
 * Asks for a segment's recalculation (after a save, "Recalculate now", the API): queued
 * on Inngest when an Inngest server is reachable, otherwise, or when the send fails, run
 * inline. The caller has authorized the actor for the company; a segment that is not the
 * company's is NotFoundError either way.
 */
export async function requestRecalculation(
  companyId: string,
  segmentId: string,
  trigger: RecalculationTriggerName,
  requestedById?: string,
): Promise<RecalculationRequest> {
  if (await isInngestReachable()) {
    if ((await findSegmentType(companyId, segmentId)) === null) throw new NotFoundError("Segment not found");
    // Before sending: a fast worker could otherwise finish before QUEUED is written.
    await markSegmentsQueued([{ companyId, segmentId }]);
    try {
      // send() validates the data against the event's schema first.
      const { ids } = await inngest.send(
        segmentRecalculateRequested.create({
          companyId,
          segmentId,
          trigger,
          ...(isUuid(requestedById) ? { requestedById } : {}),
        }),
      );
      return { mode: "queued", eventId: ids[0] ?? null };
    } catch (error) {
      // The server went away (or refused the event): do the work here instead.
      console.warn(
        `Inngest send failed, recalculating segment ${segmentId} inline: ${error instanceof Error ? error.message : String(error)}`,
      );
      forgetInngestReachability();
    }
  }
  const { results, skipped } = await recalculateWithDependencies(companyId, segmentId, {
    trigger,
    requestedById: isUuid(requestedById) ? requestedById : null,
  });
  const own = results[0]?.segmentId === segmentId.toLowerCase() ? results[0] : null;
  return { mode: "inline", result: own, dependents: own ? results.slice(1) : results, skipped };
}
