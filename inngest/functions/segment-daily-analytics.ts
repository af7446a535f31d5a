import { cron, NonRetriableError } from "inngest";
import { inngest, segmentDailyBackfill } from "@/inngest/client";
import {
  computeSegmentAnalytics,
  daysBetween,
  listCompaniesForAnalytics,
  previousUtcDay,
} from "@/lib/data/segments/segment-analytics";

/** A backfill covers at most this many days (Inngest allows 1,000 steps per run). */
export const MAX_BACKFILL_DAYS = 900;

/**
 * analytics/segment-daily: at 02:00 UTC, the SegmentAnalytics rows of the day before for
 * every segment of every company; on `analytics/segment-daily.backfill` { from, to }, the
 * rows of each day of that range. One step per day; in it, one set-based upsert per
 * company (lib/data/segments/segment-analytics.ts). Idempotent, so retries and re-runs are safe.
 */
export const segmentDailyAnalytics = inngest.createFunction(
  {
    id: "analytics-segment-daily",
    name: "analytics/segment-daily",
    triggers: [cron("0 2 * * *"), segmentDailyBackfill],
    // Two runs (a backfill and the nightly run) at most: the database has other work.
    concurrency: { limit: 2 },
  },
  async ({ event, step }) => {
    const days = await step.run("plan-days", () => {
      if (event.name !== segmentDailyBackfill.name) return [previousUtcDay(new Date(event.ts ?? Date.now()))];
      const { from, to } = event.data as { from: string; to: string };
      const range = daysBetween(from, to);
      if (range.length === 0) throw new NonRetriableError(`Backfill range is empty: from ${from} is after to ${to}`);
      if (range.length > MAX_BACKFILL_DAYS) {
        throw new NonRetriableError(`Backfill at most ${MAX_BACKFILL_DAYS} days at a time (asked for ${range.length})`);
      }
      return range;
    });
    const companies = await step.run("list-companies", () => listCompaniesForAnalytics());
    let rowsWritten = 0;
    for (const day of days) {
      rowsWritten += await step.run(`analytics-${day}`, async () => {
        let written = 0;
        for (const companyId of companies) written += await computeSegmentAnalytics(companyId, day);
        return written;
      });
    }
    return { days: days.length, companies: companies.length, rowsWritten };
  },
);
