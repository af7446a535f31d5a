import "server-only";
import { empty, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { ALL_COMPANIES } from "@/lib/segments/list-params";
import { INTERRUPTED_RUN_ERROR } from "@/lib/segments/run-status";
import { recalculationLockKey } from "./segment-recalculation";

/**
 * Dead recalculations, found without the sweeper's cron (which only catches runs older
 * than the longest a transaction may last): a run's transaction holds its segment's
 * advisory lock (segment-recalculation.ts) until it ends, so a row still RUNNING whose
 * lock is free belongs to a process that stopped. Checked when segments are read (list,
 * detail page, API) and at server start (instrumentation.ts).
 */

export const DEAD_RUN_ERROR = "Failed: the process running it stopped before it finished";

/**
 * A run records its row, then opens the transaction that takes the lock: younger rows may
 * be in that gap. (Should one be taken for dead anyway, its own end still writes
 * SUCCEEDED over the FAILED and the re-queued run merely repeats it.)
 */
export const DEAD_RUN_GRACE_MS = 30_000;

export type SegmentRef = { companyId: string; segmentId: string };

/**
 * Marks this company's (or every company's) dead runs FAILED with DEAD_RUN_ERROR, and
 * their segments FAILED when still RUNNING. Returns the segments touched. The locks
 * tried are held until the end of this transaction, so a run starting meanwhile waits
 * and is not misjudged.
 */
export async function failDeadRecalculations(
  scope: string | typeof ALL_COMPANIES,
  now: Date = new Date(),
): Promise<SegmentRef[]> {
  if (scope !== ALL_COMPANIES && !isUuid(scope)) return [];
  const company = scope === ALL_COMPANIES ? empty : sql`AND s."companyId" = ${scope}::uuid`;
  const recordedBefore = new Date(now.getTime() - DEAD_RUN_GRACE_MS);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Only each segment's latest run, by the (companyId, segmentId, startedAt) index, as the
    // list reads it: a read never scans the run history. (An older run left RUNNING behind
    // a newer one is not shown as running; the sweeper fails it.) MATERIALIZED: the lock
    // is tried once per RUNNING run, on no other row.
    const dead = await tx.$queryRaw<{ id: string; companyId: string; segmentId: string }[]>(sql`
      WITH running AS MATERIALIZED (
        SELECT r."id", s."companyId", s."id" AS "segmentId" FROM "Segment" s
        CROSS JOIN LATERAL (
          SELECT x."id", x."status", x."startedAt" FROM "SegmentRecalculation" x
          WHERE x."companyId" = s."companyId" AND x."segmentId" = s."id"
          ORDER BY x."startedAt" DESC, x."id" DESC LIMIT 1
        ) r
        WHERE s."type" = 'DYNAMIC' ${company} AND r."status" = 'RUNNING' AND r."startedAt" < ${recordedBefore}
      )
      SELECT "id"::text AS "id", "companyId"::text AS "companyId", "segmentId"::text AS "segmentId"
      FROM running
      WHERE pg_try_advisory_xact_lock(${recalculationLockKey(sql`running."segmentId"`)})`);
    if (dead.length === 0) return [];
    await tx.$executeRaw(sql`
      UPDATE "SegmentRecalculation" r SET "status" = 'FAILED', "finishedAt" = now(), "error" = ${DEAD_RUN_ERROR}
      FROM unnest(${dead.map((run) => run.companyId)}::uuid[], ${dead.map((run) => run.id)}::uuid[]) AS d("companyId", "id")
      WHERE r."companyId" = d."companyId" AND r."id" = d."id" AND r."status" = 'RUNNING'`);
    const segments = uniqueSegments(dead);
    await tx.$executeRaw(sql`
      UPDATE "Segment" s SET "recalculationState" = 'FAILED'
      FROM unnest(${segments.map((s) => s.companyId)}::uuid[], ${segments.map((s) => s.segmentId)}::uuid[]) AS d("companyId", "id")
      WHERE s."companyId" = d."companyId" AND s."id" = d."id" AND s."recalculationState" = 'RUNNING'`);
    return segments;
  });
}

/**
 * Segments whose latest run died (here, at start-up or by the sweeper) and that nothing
 * has queued or run since: to be recalculated again. A re-queued segment leaves the list
 * (QUEUED, or a newer run), so asking twice does not queue twice.
 */
export async function listSegmentsToRetryAfterDeadRun(scope: string | typeof ALL_COMPANIES): Promise<SegmentRef[]> {
  if (scope !== ALL_COMPANIES && !isUuid(scope)) return [];
  const company = scope === ALL_COMPANIES ? empty : sql`AND s."companyId" = ${scope}::uuid`;
  const db = await getDb();
  return db.$queryRaw<SegmentRef[]>(sql`
    SELECT s."companyId"::text AS "companyId", s."id"::text AS "segmentId" FROM "Segment" s
    CROSS JOIN LATERAL (
      SELECT x."status", x."error" FROM "SegmentRecalculation" x
      WHERE x."companyId" = s."companyId" AND x."segmentId" = s."id"
      ORDER BY x."startedAt" DESC, x."id" DESC LIMIT 1
    ) r
    WHERE s."type" = 'DYNAMIC' AND s."recalculationState" = 'FAILED' ${company}
      AND r."status" = 'FAILED' AND r."error" IN (${DEAD_RUN_ERROR}, ${INTERRUPTED_RUN_ERROR})
    ORDER BY s."companyId", s."name"`);
}

function uniqueSegments(runs: SegmentRef[]): SegmentRef[] {
  const seen = new Map(runs.map((run) => [`${run.companyId}/${run.segmentId}`, run]));
  return [...seen.values()].map(({ companyId, segmentId }) => ({ companyId, segmentId }));
}
