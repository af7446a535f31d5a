import { inngest, segmentRecalculateRequested } from "@/inngest/client";
import { type RecalculationResult, recalculateSegment } from "@/lib/data/segments/segment-recalculation";
import { listDependentsToRecalculate, markSegmentsQueued } from "@/lib/data/segments/segment-schedule";
import { ConflictError, NotFoundError } from "@/lib/errors";

/**
 * segments/recalculate, on `segment/recalculate.requested`: the engine's set-based
 * recalculation of one segment (lib/data/segments/segment-recalculation.ts), then a request for
 * each segment that depends on it directly and was flagged by the run (trigger
 * DEPENDENCY), so dependents run after their dependencies, hop by hop.
 *
 * - concurrency keyed by segment id, limit 1: never two runs of one segment at once (the
 *   engine also takes an advisory lock); at most 4 runs overall, for the database's sake.
 * - debounce 10 s keyed by segment id: requests for one segment within 10 s of each other
 *   (a save and a click, the schedule and a dependency) collapse into ONE run, started 10 s
 *   after the last of them (2 min at most) with the last request's data. Chosen over
 *   idempotency keys because a request that arrives while a run is under way must not be
 *   dropped: the rules may have changed after the run read them.
 * - retries: the recalculation is idempotent (a second run finds nothing to change), so a
 *   failed attempt is simply run again. A run the engine recorded as FAILED is retried
 *   too (it may have been a lost connection); a missing or static segment is not.
 */
export const recalculateSegmentFunction = inngest.createFunction(
  {
    id: "recalculate",
    name: "segments/recalculate",
    triggers: [segmentRecalculateRequested],
    concurrency: [{ key: "event.data.segmentId", limit: 1 }, { limit: 4 }],
    debounce: { key: "event.data.segmentId", period: "10s", timeout: "2m" },
    retries: 2,
  },
  async ({ event, step }) => {
    const { companyId, segmentId, trigger, requestedById } = event.data;

    const outcome = await step.run(
      "recalculate",
      async (): Promise<{ result: RecalculationResult } | { skipped: string; static: boolean }> => {
        try {
          const result = await recalculateSegment(companyId, segmentId, { trigger, requestedById });
          // Recorded on the run and the segment; thrown so Inngest retries it.
          if (result.status === "FAILED") throw new Error(`Recalculation failed: ${result.error}`);
          return { result };
        } catch (error) {
          // Deleted since the request, or static: nothing to recalculate, nothing to retry.
          if (error instanceof NotFoundError) return { skipped: error.message, static: false };
          if (error instanceof ConflictError) return { skipped: error.message, static: true };
          throw error;
        }
      },
    );
    if ("skipped" in outcome && !outcome.static) return { segmentId, skipped: outcome.skipped, dependents: [] };

    // A static segment's members change by hand with no run to flag its dependents: all
    // of its direct dependents are requested.
    const dependents = await step.run("find-dependents", () =>
      listDependentsToRecalculate(companyId, segmentId, { flaggedOnly: "result" in outcome }),
    );
    if (dependents.length > 0) {
      await step.run("mark-dependents-queued", () =>
        markSegmentsQueued(dependents.map((id) => ({ companyId, segmentId: id }))),
      );
      await step.sendEvent(
        "request-dependents",
        dependents.map((id) => segmentRecalculateRequested.create({ companyId, segmentId: id, trigger: "DEPENDENCY" })),
      );
    }
    return "result" in outcome
      ? { segmentId, result: outcome.result, dependents }
      : { segmentId, skipped: outcome.skipped, dependents };
  },
);
