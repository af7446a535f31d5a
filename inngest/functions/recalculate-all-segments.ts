import { cron } from "inngest";
import { inngest, segmentRecalculateRequested } from "@/inngest/client";
import {
  listActiveDynamicSegmentIds,
  markSegmentsQueued,
  type ScheduledSegmentCursor,
  type ScheduledSegmentPage,
  sweepStuckRecalculations,
} from "@/lib/data/segments/segment-schedule";

/** Segments per page: one listing step and one sendEvent step (one HTTP call) each. */
export const FAN_OUT_PAGE_SIZE = 1000;

/**
 * segments/recalculate-all: every 30 minutes, one `segment/recalculate.requested` per
 * active dynamic segment of every company (static and paused segments are left alone).
 *
 * Pages of 1,000 segments: a step lists a page (ids only, small step output), a step marks
 * them QUEUED, a sendEvent step sends the page in one request. So 10,000 segments are 30
 * short steps, none of which can time out, and a retry repeats one page only. Pages come
 * in dependency order (segments that others depend on first); the recalculation function
 * also requests each segment's dependents once it has run, and its debounce merges those
 * requests with the scheduled ones.
 *
 * First, a step sweeps up after crashes (sweepStuckRecalculations): runs RUNNING for
 * longer than a run can last become FAILED ("Interrupted"), and requests QUEUED for over
 * an hour (lost) go back to IDLE, so this tick queues them again.
 */
export const recalculateAllSegments = inngest.createFunction(
  {
    id: "recalculate-all",
    name: "segments/recalculate-all",
    triggers: [cron("*/30 * * * *")],
    // A slow run must not overlap the next tick.
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const swept = await step.run("sweep-stuck", () => sweepStuckRecalculations());
    let cursor: ScheduledSegmentCursor | null = null;
    let sent = 0;
    let page = 0;
    do {
      const after: ScheduledSegmentCursor | null = cursor;
      const { items, next }: ScheduledSegmentPage = await step.run(`list-segments-${page}`, () =>
        listActiveDynamicSegmentIds({ after, limit: FAN_OUT_PAGE_SIZE }),
      );
      if (items.length > 0) {
        const refs = items.map(({ companyId, segmentId }) => ({ companyId, segmentId }));
        await step.run(`mark-queued-${page}`, () => markSegmentsQueued(refs));
        await step.sendEvent(
          `request-recalculation-${page}`,
          refs.map((ref) => segmentRecalculateRequested.create({ ...ref, trigger: "SCHEDULE" })),
        );
        sent += items.length;
      }
      cursor = next;
      page++;
    } while (cursor);
    return { segments: sent, pages: page, swept };
  },
);
