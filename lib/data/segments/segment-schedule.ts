import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { INTERRUPTED_RUN_ERROR, OVERDUE_QUEUE_AFTER_MS, STUCK_RUN_AFTER_MS } from "@/lib/segments/run-status";

/**
 * What the background jobs need to know about segments to schedule their recalculation.
 * The engine itself (membership, history, run rows) lives in segment-recalculation.ts.
 */

/** A segment reference as the jobs pass it around (plain JSON, fits an event). */
export type ScheduledSegment = {
  companyId: string;
  segmentId: string;
  /**
   * Length of the longest chain of active dynamic segments this one depends on
   * (in_segment / not_in_segment): 0 = depends on none. Lower depths are sent first.
   */
  depth: number;
};

export type ScheduledSegmentCursor = { depth: number; companyId: string; segmentId: string };

export type ScheduledSegmentPage = { items: ScheduledSegment[]; next: ScheduledSegmentCursor | null };

/** The segment ids a stored definition refers to, as JSON strings (any nesting). */
const SEGMENT_REFS_PATH = 'strict $.** ? (@.field == "segment").value';

/** Dependency chains longer than this are cut (cycles are rejected on save anyway). */
const MAX_DEPTH = 32;

/**
 * The active dynamic segments of EVERY company, ordered by dependency depth, then
 * company and id, a page at a time (keyset: pass the previous page's `next`).
 *
 * Cross-company by design: this is the scheduler of a platform-wide cron job, which acts
 * for no user and no company. It returns ids only; everything done with them afterwards
 * (the recalculation) is scoped by the companyId carried along with each id. Never call
 * it on behalf of a user.
 *
 * Depth is computed in the database from the stored rules (a recursive query over the
 * segment references), so a page costs one query whatever the number of segments.
 */
export async function listActiveDynamicSegmentIds(
  options: { after?: ScheduledSegmentCursor | null; limit?: number } = {},
): Promise<ScheduledSegmentPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 1000), 1), 10_000);
  const after = options.after;
  const afterClause =
    after && isUuid(after.companyId) && isUuid(after.segmentId)
      ? Prisma.sql`WHERE (d."depth", d."companyId", d."id") > (${after.depth}::int, ${after.companyId}::uuid, ${after.segmentId}::uuid)`
      : Prisma.empty;
  const db = await getDb();
  const rows = await db.$queryRaw<{ companyId: string; id: string; depth: number }[]>`
    WITH RECURSIVE active AS MATERIALIZED (
      SELECT s."companyId", s."id", s."rules" FROM "Segment" s
      WHERE s."type" = 'DYNAMIC' AND s."status" = 'ACTIVE'
    ),
    refs AS MATERIALIZED (
      SELECT DISTINCT a."companyId", a."id", lower(r.ref #>> '{}') AS "dependsOn"
      FROM active a
      CROSS JOIN LATERAL jsonb_path_query(a."rules", ${SEGMENT_REFS_PATH}::jsonpath, '{}'::jsonb, true) AS r(ref)
      WHERE jsonb_typeof(r.ref) = 'string'
    ),
    chain ("companyId", "id", "depth") AS (
      SELECT a."companyId", a."id", 0 FROM active a
      UNION
      SELECT r."companyId", r."id", c."depth" + 1
      FROM chain c
      JOIN refs r ON r."companyId" = c."companyId" AND r."dependsOn" = c."id"::text
      WHERE c."depth" < ${MAX_DEPTH}
    ),
    d AS (
      SELECT "companyId", "id", max("depth")::int AS "depth" FROM chain GROUP BY "companyId", "id"
    )
    SELECT d."companyId"::text AS "companyId", d."id"::text AS "id", d."depth" FROM d
    ${afterClause}
    ORDER BY d."depth", d."companyId", d."id"
    LIMIT ${limit + 1}`;
  const items = rows.slice(0, limit).map((row) => ({ companyId: row.companyId, segmentId: row.id, depth: row.depth }));
  const last = items[items.length - 1];
  const next =
    rows.length > limit && last ? { depth: last.depth, companyId: last.companyId, segmentId: last.segmentId } : null;
  return { items, next };
}

/**
 * Marks dynamic segments QUEUED, with the time (shown in the list and on the detail page),
 * unless already QUEUED (it stays queued since the first request) or RUNNING (its end
 * sets the final state; the queued run follows). Static
 * segments are never recalculated, so nothing would clear the state: they are left as
 * they are. Each ref carries its company, which is part of the match. Returns how many
 * rows changed.
 */
export async function markSegmentsQueued(refs: readonly { companyId: string; segmentId: string }[]): Promise<number> {
  const valid = refs.filter((ref) => isUuid(ref.companyId) && isUuid(ref.segmentId));
  if (valid.length === 0) return 0;
  const db = await getDb();
  return db.$executeRaw`
    UPDATE "Segment" s SET "recalculationState" = 'QUEUED', "recalculationQueuedAt" = now()
    FROM unnest(${valid.map((ref) => ref.companyId)}::uuid[], ${valid.map((ref) => ref.segmentId)}::uuid[]) AS q("companyId", "id")
    WHERE s."companyId" = q."companyId" AND s."id" = q."id" AND s."type" = 'DYNAMIC'
      AND s."recalculationState" NOT IN ('QUEUED', 'RUNNING')`;
}

/** The segment's type, or null when the company has no such segment. */
export async function findSegmentType(companyId: string, segmentId: string): Promise<"DYNAMIC" | "STATIC" | null> {
  if (!isUuid(companyId) || !isUuid(segmentId)) return null;
  const db = await getDb();
  const found = await db.segment.findFirst({ where: { companyId, id: segmentId }, select: { type: true } });
  return found?.type ?? null;
}

/**
 * The active dynamic segments of the company that refer to this one directly (in_segment
 * or not_in_segment), by name. By default only those flagged needsRecalculation (the
 * engine flags them when this segment's membership changed); `flaggedOnly: false` lists
 * them all (a static segment's members change by hand, without a run to flag anything).
 * Direct dependents are enough: each of them, once recalculated, requests its own
 * dependents in turn, so a chain runs in dependency order.
 */
export async function listDependentsToRecalculate(
  companyId: string,
  segmentId: string,
  options: { flaggedOnly?: boolean } = {},
): Promise<string[]> {
  if (!isUuid(companyId) || !isUuid(segmentId)) return [];
  const flagged = options.flaggedOnly === false ? Prisma.empty : Prisma.sql`AND s."needsRecalculation"`;
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT s."id"::text AS "id" FROM "Segment" s
    WHERE s."companyId" = ${companyId}::uuid AND s."type" = 'DYNAMIC' AND s."status" = 'ACTIVE'
      AND s."id" <> ${segmentId}::uuid ${flagged}
      AND EXISTS (
        SELECT 1 FROM jsonb_path_query(s."rules", ${SEGMENT_REFS_PATH}::jsonpath, '{}'::jsonb, true) AS r(ref)
        WHERE jsonb_typeof(r.ref) = 'string' AND lower(r.ref #>> '{}') = ${segmentId.toLowerCase()}
      )
    ORDER BY s."name", s."id"`;
  return rows.map((row) => row.id);
}

export type SweepResult = { interruptedRuns: number; releasedQueued: number };

/**
 * Cleans up after crashes, for EVERY company (the recalculate-all cron runs it first):
 * - a run RUNNING for longer than STUCK_RUN_AFTER_MS (longer than its transaction may
 *   last: its process died) becomes FAILED with INTERRUPTED_RUN_ERROR, and its segment,
 *   if still RUNNING with no newer run under way, FAILED;
 * - a segment QUEUED for longer than OVERDUE_QUEUE_AFTER_MS (the request was lost) goes
 *   back to IDLE, so the same cron tick queues it afresh.
 * The UI applies the same rules when it reads (lib/segments/run-status.ts), so a
 * stuck state never shows as under way even before this runs. Cross-company on purpose,
 * like listActiveDynamicSegmentIds: a platform job acting for no user.
 */
export async function sweepStuckRecalculations(now: Date = new Date()): Promise<SweepResult> {
  const stuckBefore = new Date(now.getTime() - STUCK_RUN_AFTER_MS);
  const overdueBefore = new Date(now.getTime() - OVERDUE_QUEUE_AFTER_MS);
  const db = await getDb();
  const [[interrupted], released] = await db.$transaction([
    // The segment update reads the snapshot before the run update: the stuck runs still
    // look RUNNING there, so "no newer run under way" excludes only the recent ones.
    db.$queryRaw<{ runs: number }[]>`
      WITH stuck AS (
        UPDATE "SegmentRecalculation" SET "status" = 'FAILED', "finishedAt" = now(), "error" = ${INTERRUPTED_RUN_ERROR}
        WHERE "status" = 'RUNNING' AND "startedAt" < ${stuckBefore}
        RETURNING "companyId", "segmentId"
      ),
      segments AS (
        UPDATE "Segment" s SET "recalculationState" = 'FAILED'
        FROM (SELECT DISTINCT "companyId", "segmentId" FROM stuck) x
        WHERE s."companyId" = x."companyId" AND s."id" = x."segmentId" AND s."recalculationState" = 'RUNNING'
          AND NOT EXISTS (
            SELECT 1 FROM "SegmentRecalculation" r
            WHERE r."companyId" = s."companyId" AND r."segmentId" = s."id" AND r."status" = 'RUNNING'
              AND r."startedAt" >= ${stuckBefore}
          )
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM stuck)::int AS "runs", (SELECT count(*) FROM segments)::int AS "segments"`,
    db.$executeRaw`
      UPDATE "Segment" SET "recalculationState" = 'IDLE'
      WHERE "recalculationState" = 'QUEUED' AND ("recalculationQueuedAt" IS NULL OR "recalculationQueuedAt" < ${overdueBefore})`,
  ]);
  return { interruptedRuns: interrupted?.runs ?? 0, releasedQueued: released };
}
