import { InngestTestEngine } from "@inngest/test";
import { sql } from "@prisma/client-runtime-utils";
import { FAN_OUT_PAGE_SIZE, recalculateAllSegments } from "@/inngest/functions/recalculate-all-segments";
import { refreshPreferredOpenTimes } from "@/lib/data/contacts/contact-activity";
import { computeEngagementScores } from "@/lib/data/contacts/engagement-scores";
import { computeSegmentAnalytics, previousUtcDay } from "@/lib/data/segments/segment-analytics";
import { recalculateSegment } from "@/lib/data/segments/segment-recalculation";
import { listActiveDynamicSegmentIds, markSegmentsQueued } from "@/lib/data/segments/segment-schedule";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The background jobs' figures (issue 5): one company-day of segment analytics, the
 * nightly engagement scores of the company, and the recalculate-all cron's fan-out over
 * 10,000 segments. Each timed through the same data-layer functions the Inngest functions
 * call; the fan-out also through the function itself under @inngest/test (events mocked:
 * there is no Inngest server here).
 */

export type Stat = { medianMs: number; minMs: number; maxMs: number; samplesMs: number[] };

type Tools = {
  stat: (samples: number[]) => Stat;
  time: <T>(work: () => Promise<T>) => Promise<[number, T]>;
  log: (line: string) => void;
};

export type JobsResults = {
  analytics: {
    day: string;
    segments: number;
    memberships: number;
    eventsThatDay: number;
    /** Rows written from scratch (the day's rows deleted before each run). */
    first: Stat;
    /** The same day again: nothing changes, nothing is written. */
    rerun: Stat;
    targetMs: number;
  };
  engagementScores: {
    /** Every contact rewritten (the scores were cleared first): the worst night. */
    everyContact: { ms: number; changed: number };
    /** Following nights with no new events: only changed contacts are written. */
    steady: Stat;
    /** refreshPreferredOpenTimes, the function's other half, steady. */
    preferredOpenTimes: Stat;
    targetMs: number;
  };
  fanOut: {
    segments: number;
    eventsSent: number;
    pages: number;
    /** recalculateAllSegments under @inngest/test: the listing and QUEUED steps for real, sendEvent mocked. */
    inngestFunction: Stat;
    /** The same pages through the data layer only (list + mark QUEUED). */
    dataLayer: Stat;
  };
};

const ANALYTICS_TARGET_MS = 30_000;
const SCORES_TARGET_MS = 30_000;
export const FAN_OUT_SEGMENTS = 10_000;
const FAN_OUT_COMPANY = { name: "bench: fan-out", slug: "bench-fan-out" };

/** Dynamic segments of the benchmark company for the analytics: about 10 %, 30 %, 50 % and 80 % of contacts. */
const ANALYTICS_SEGMENTS: [string, number][] = [
  ["analytics top", 90],
  ["analytics warm", 70],
  ["analytics half", 50],
  ["analytics most", 20],
];

export async function benchJobs(
  db: PrismaClient,
  companyId: string,
  runs: number,
  prefix: string,
  tools: Tools,
): Promise<JobsResults> {
  const analytics = await benchAnalytics(db, companyId, runs, prefix, tools);
  const engagementScores = await benchScores(db, companyId, runs, tools);
  const fanOut = await benchFanOut(db, runs, prefix, tools);
  return { analytics, engagementScores, fanOut };
}

async function benchAnalytics(
  db: PrismaClient,
  companyId: string,
  runs: number,
  prefix: string,
  { stat, time, log }: Tools,
): Promise<JobsResults["analytics"]> {
  const now = new Date();
  for (const [name, score] of ANALYTICS_SEGMENTS) {
    const segment = await db.segment.create({
      data: {
        companyId,
        name: `${prefix}${name}`,
        type: "DYNAMIC",
        rules: {
          match: "all",
          groups: [
            { match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_or_equal", value: score }] },
          ],
        } as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    const result = await recalculateSegment(companyId, segment.id, { trigger: "MANUAL", now });
    if (result.status !== "SUCCEEDED") throw new Error(`recalculation failed: ${result.error}`);
  }
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "SegmentMembership"`);
  const day = previousUtcDay(now);
  const [figures] = await db.$queryRaw<{ segments: number; memberships: number; events: number }[]>(sql`
    SELECT (SELECT count(*)::int FROM "Segment" WHERE "companyId" = ${companyId}::uuid) AS "segments",
      (SELECT count(*)::int FROM "SegmentMembership" WHERE "companyId" = ${companyId}::uuid) AS "memberships",
      (SELECT count(*)::int FROM "ContactEvent" WHERE "companyId" = ${companyId}::uuid
        AND "occurredAt" >= ${day}::date AND "occurredAt" < ${day}::date + 1) AS "events"`);
  log(
    `  Analytics of ${day}: ${figures!.segments} segments, ${figures!.memberships.toLocaleString("en-US")} memberships, ${figures!.events.toLocaleString("en-US")} events that day.`,
  );
  const clear = () => db.segmentAnalytics.deleteMany({ where: { companyId, date: new Date(`${day}T00:00:00.000Z`) } });
  await clear();
  await computeSegmentAnalytics(companyId, day); // warm-up
  const first: number[] = [];
  for (let run = 0; run < runs; run++) {
    await clear();
    first.push((await time(() => computeSegmentAnalytics(companyId, day)))[0]);
  }
  const rerun: number[] = [];
  for (let run = 0; run < runs; run++) {
    const [elapsed, written] = await time(() => computeSegmentAnalytics(companyId, day));
    if (written !== 0) throw new Error(`analytics rerun wrote ${written} rows (must be idempotent)`);
    rerun.push(elapsed);
  }
  log(
    `  Analytics, from scratch: ${first.map((n) => `${Math.round(n)} ms`).join(", ")}; again: ${rerun.map((n) => `${Math.round(n)} ms`).join(", ")}.`,
  );
  return {
    day,
    segments: figures!.segments,
    memberships: figures!.memberships,
    eventsThatDay: figures!.events,
    first: stat(first),
    rerun: stat(rerun),
    targetMs: ANALYTICS_TARGET_MS,
  };
}

async function benchScores(
  db: PrismaClient,
  companyId: string,
  runs: number,
  { stat, time, log }: Tools,
): Promise<JobsResults["engagementScores"]> {
  // Worst case: no score is right, every contact is written. VACUUM (autovacuum is off
  // here) so neither run pays for the dead rows of the one before.
  await db.$executeRaw(sql`UPDATE "Contact" SET "engagementScore" = NULL WHERE "companyId" = ${companyId}::uuid`);
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Contact"`);
  const [fullMs, changed] = await time(() => computeEngagementScores(companyId));
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Contact"`);
  log(
    `  Engagement scores: ${changed.toLocaleString("en-US")} contacts rewritten in ${(fullMs / 1000).toFixed(1)} s; steady nights next.`,
  );
  const steady: number[] = [];
  for (let run = 0; run < runs; run++) steady.push((await time(() => computeEngagementScores(companyId)))[0]);
  log(`  Engagement scores, steady: ${steady.map((n) => `${Math.round(n)} ms`).join(", ")}.`);
  const openTimes: number[] = [];
  await refreshPreferredOpenTimes(companyId); // the seed's own pass may differ by a day
  for (let run = 0; run < runs; run++) openTimes.push((await time(() => refreshPreferredOpenTimes(companyId)))[0]);
  return {
    everyContact: { ms: Math.round(fullMs), changed },
    steady: stat(steady),
    preferredOpenTimes: stat(openTimes),
    targetMs: SCORES_TARGET_MS,
  };
}

async function benchFanOut(
  db: PrismaClient,
  runs: number,
  prefix: string,
  { stat, time, log }: Tools,
): Promise<JobsResults["fanOut"]> {
  await db.company.deleteMany({ where: { slug: FAN_OUT_COMPANY.slug } });
  const company = await db.company.create({ data: FAN_OUT_COMPANY, select: { id: true } });
  try {
    // 10,000 segments: chains of 3 (a → b → c) so the listing's dependency depth has work to do.
    await db.$executeRaw(sql`
      INSERT INTO "Segment" ("companyId", "name", "type", "rules")
      SELECT ${company.id}::uuid, ${prefix} || 'fan-out ' || g, 'DYNAMIC',
        jsonb_build_object('match', 'all', 'groups', jsonb_build_array(jsonb_build_object('match', 'all',
          'conditions', jsonb_build_array(jsonb_build_object('field', 'contact.leadScore',
            'operator', 'greater_than', 'value', g % 100)))))
      FROM generate_series(1, ${FAN_OUT_SEGMENTS}::int) g`);
    await db.$executeRaw(sql`
      WITH numbered AS (
        SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "Segment" WHERE "companyId" = ${company.id}::uuid
      )
      UPDATE "Segment" s SET "rules" = jsonb_build_object('match', 'all', 'groups', jsonb_build_array(
        jsonb_build_object('match', 'all', 'conditions', jsonb_build_array(
          jsonb_build_object('field', 'segment', 'operator', 'in_segment', 'value', p."id"::text)))))
      FROM numbered c JOIN numbered p ON p.n = c.n - 1
      WHERE s."companyId" = ${company.id}::uuid AND s."id" = c."id" AND c.n % 3 <> 1`);
    await db.$executeRawUnsafe(`ANALYZE "Segment"`);
    const total = await db.segment.count({ where: { type: "DYNAMIC", status: "ACTIVE" } });
    const pages = Math.ceil(total / FAN_OUT_PAGE_SIZE);
    const reset = () =>
      db.segment.updateMany({
        where: { recalculationState: "QUEUED" },
        data: { recalculationState: "IDLE", recalculationQueuedAt: null },
      });

    let eventsSent = 0;
    const viaFunction: number[] = [];
    for (let run = 0; run < runs; run++) {
      await reset();
      const engine = new InngestTestEngine({
        function: recalculateAllSegments,
        steps: Array.from({ length: pages }, (_, page) => ({
          id: `request-recalculation-${page}`,
          handler: () => ({ ids: [] }),
        })),
      });
      const [elapsed, output] = await time(() => engine.execute());
      if (output.error) throw new Error(`fan-out failed: ${String(output.error)}`);
      eventsSent = output.ctx.step.sendEvent.mock.calls.reduce(
        (n, [, payload]) => n + (payload as unknown[]).length,
        0,
      );
      viaFunction.push(elapsed);
    }
    const dataLayer: number[] = [];
    for (let run = 0; run < runs; run++) {
      await reset();
      const [elapsed] = await time(async () => {
        let cursor = null;
        do {
          const page = await listActiveDynamicSegmentIds({ after: cursor, limit: FAN_OUT_PAGE_SIZE });
          await markSegmentsQueued(page.items);
          cursor = page.next;
        } while (cursor);
      });
      dataLayer.push(elapsed);
    }
    await reset();
    log(
      `  Fan-out: ${total.toLocaleString("en-US")} active dynamic segments, ${eventsSent.toLocaleString("en-US")} events in ${pages} pages.`,
    );
    return { segments: total, eventsSent, pages, inngestFunction: stat(viaFunction), dataLayer: stat(dataLayer) };
  } finally {
    await db.company.delete({ where: { id: company.id } });
  }
}
