import "server-only";
import {
  failDeadRecalculations,
  listSegmentsToRetryAfterDeadRun,
  type SegmentRef,
} from "@/lib/data/segments/segment-dead-runs";
import type { ALL_COMPANIES } from "@/lib/segments/list-params";
import { requestRecalculation } from "./request-recalculation";

/**
 * Before segments are shown (list, detail page, API): runs whose process died are marked
 * FAILED ("the process running it stopped") and their segments requested again, queued
 * on Inngest or, without a worker, run inline like every other request. Returns the
 * segments requested again. A failure here never stops the page: it is logged.
 */
export async function recoverDeadRecalculations(scope: string | typeof ALL_COMPANIES): Promise<SegmentRef[]> {
  try {
    await failDeadRecalculations(scope);
    const retry = await listSegmentsToRetryAfterDeadRun(scope);
    for (const { companyId, segmentId } of retry) {
      await requestRecalculation(companyId, segmentId, "SCHEDULE");
    }
    return retry;
  } catch (error) {
    console.error("Could not recover dead recalculations:", error);
    return [];
  }
}
