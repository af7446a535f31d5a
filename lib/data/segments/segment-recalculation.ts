import "server-only";
import { join, type Sql, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { ConflictError, isUuid, NotFoundError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { RecalculationStatus, RecalculationTrigger } from "@/lib/generated/prisma/enums";
import {
  compileSegment,
  dependentSegments,
  formatIssue,
  parseSegmentDefinition,
  segmentDependencies,
} from "@/lib/segments/engine";
import { applyEngineSettings, loadSegmentCatalog, segmentsReferringTo } from "./segment-catalog";

/**
 * Recalculation of a dynamic segment's stored membership from its rules, set-based and
 * in one transaction (see ../../../shared/perf-notes.md, "Recalculation"):
 *
 *   1. a SegmentRecalculation row RUNNING is recorded first, in its own transaction, so a
 *      failure can be recorded against it;
 *   2. one transaction: the matching ids into a temporary table, a FULL JOIN against the
 *      current membership into a diff table, the exited deleted by primary key, the
 *      entered inserted (addedVia RULE_MATCH), one SegmentMembershipChange row per
 *      entered/exited contact, the segment's count and state, its dependents flagged,
 *      the run SUCCEEDED. Never delete-all + re-insert: an unchanged member is not touched.
 *   3. on any error the transaction rolls back (the old membership stays as it was) and
 *      the run is set FAILED with the message, the segment's state FAILED.
 *
 * Static segments are refused (ConflictError): their members are added by hand, import
 * or API, never by rules. A PAUSED dynamic segment can still be recalculated on request;
 * skipping paused segments is the scheduler's choice.
 */

export type RecalculationResult = {
  runId: string;
  segmentId: string;
  status: Extract<RecalculationStatus, "SUCCEEDED" | "FAILED">;
  entered: number;
  exited: number;
  /** Members after the run; null when it failed. */
  memberCount: number | null;
  durationMs: number;
  /** Why it failed (as recorded on the run); null when it succeeded. */
  error: string | null;
};

export type RecalculateOptions = {
  trigger: RecalculationTrigger;
  /** The user who asked for it, when a user did. */
  requestedById?: string | null;
  /** "Today" for the rules (default: the current time). Run timestamps are always real time. */
  now?: Date;
};

/** After this many entered + exited rows the membership table is vacuumed and analyzed (autovacuum is off). */
export const VACUUM_AFTER_CHANGES = 10_000;

/** Longest a recalculation transaction may run (a first fill at 1M contacts takes seconds). */
const TRANSACTION_TIMEOUT_MS = 30 * 60_000;

const MAX_ERROR_LENGTH = 2_000;

type Tx = Prisma.TransactionClient;

/** The advisory lock key of a segment's recalculation, for a uuid-typed SQL expression. */
export function recalculationLockKey(segmentId: Sql): Sql {
  return sql`hashtext('segment-recalculation'), hashtext((${segmentId})::text)`;
}

/**
 * Brings a dynamic segment's membership in line with its rules. NotFoundError when the
 * segment is not this company's; ConflictError for a static segment. A failure of the
 * run itself is not thrown: it comes back (and is recorded) as status FAILED with the
 * error, the previous membership intact.
 */
export async function recalculateSegment(
  companyId: string,
  id: string,
  options: RecalculateOptions,
): Promise<RecalculationResult> {
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Segment not found");
  const segmentId = id.toLowerCase(); // as PostgreSQL prints it, so results compare with stored ids
  const db = await getDb();
  const segment = await db.segment.findUnique({
    where: { companyId_id: { companyId, id: segmentId } },
    select: { type: true, name: true },
  });
  if (!segment) throw new NotFoundError("Segment not found");
  if (segment.type === "STATIC") throw staticSegment(segment.name);

  const started = performance.now();
  const runId = await startRun(db, companyId, segmentId, options);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const outcome = await db.$transaction(
      (tx) => applyRecalculation(tx, { companyId, segmentId, runId, now: options.now ?? new Date(), elapsed }),
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
    );
    if (outcome.entered + outcome.exited > VACUUM_AFTER_CHANGES) await vacuumMembership(db);
    return { runId, segmentId, status: "SUCCEEDED", ...outcome, error: null };
  } catch (error) {
    const message = describeError(error);
    const durationMs = elapsed();
    await recordFailure(db, companyId, segmentId, runId, message, durationMs);
    return { runId, segmentId, status: "FAILED", entered: 0, exited: 0, memberCount: null, durationMs, error: message };
  }
}

export type DependencyRecalculation = {
  /** The runs in the order they ran: the segment itself (when dynamic), then its dependents. */
  results: RecalculationResult[];
  /** Dependents not recalculated because a segment they depend on failed (or vanished). */
  skipped: { segmentId: string; reason: string }[];
};

/**
 * Recalculates the segment, then every segment whose rules refer to it directly or
 * through others, dependencies first (topological order), each as its own run with
 * trigger DEPENDENCY. A dependent of a failed run is skipped (it keeps needsRecalculation).
 * For a static segment (whose members changed by hand) only the dependents run.
 */
export async function recalculateWithDependencies(
  companyId: string,
  segmentId: string,
  options: RecalculateOptions,
): Promise<DependencyRecalculation> {
  if (!isUuid(companyId) || !isUuid(segmentId)) throw new NotFoundError("Segment not found");
  const db = await getDb();
  const { segments } = await loadSegmentCatalog(companyId, db, { customFields: false, segments: true });
  const root = segments.find((segment) => segment.id === segmentId.toLowerCase());
  if (!root) throw new NotFoundError("Segment not found");

  const results: RecalculationResult[] = [];
  const skipped: DependencyRecalculation["skipped"] = [];
  const failed = new Set<string>();
  if (root.type === "DYNAMIC") {
    const result = await recalculateSegment(companyId, root.id, options);
    results.push(result);
    if (result.status === "FAILED") failed.add(root.id);
  }

  const dynamic = segments.filter((segment) => segment.type === "DYNAMIC");
  const rulesOf = new Map(dynamic.map((segment) => [segment.id, segment.rules]));
  for (const id of dependentSegments(root.id, dynamic)) {
    const blocked = segmentDependencies(rulesOf.get(id)).find((dependency) => failed.has(dependency));
    if (blocked) {
      failed.add(id);
      skipped.push({ segmentId: id, reason: `segment ${blocked} it depends on was not recalculated` });
      continue;
    }
    try {
      const result = await recalculateSegment(companyId, id, { ...options, trigger: "DEPENDENCY" });
      results.push(result);
      if (result.status === "FAILED") failed.add(id);
    } catch (error) {
      // Deleted (or made unreachable) since the list was read: nothing to recalculate.
      if (!(error instanceof NotFoundError || error instanceof ConflictError)) throw error;
      failed.add(id);
      skipped.push({ segmentId: id, reason: error.message });
    }
  }
  return { results, skipped };
}

// ---------------------------------------------------------------------------------------
// The run

type RunContext = {
  companyId: string;
  segmentId: string;
  runId: string;
  now: Date;
  elapsed: () => number;
};

type Outcome = { entered: number; exited: number; memberCount: number; durationMs: number };

async function startRun(
  db: PrismaClient,
  companyId: string,
  segmentId: string,
  options: RecalculateOptions,
): Promise<string> {
  const [run] = await db.$transaction([
    db.segmentRecalculation.create({
      data: {
        companyId,
        segmentId,
        trigger: options.trigger,
        requestedById: isUuid(options.requestedById) ? options.requestedById : null,
      },
      select: { id: true },
    }),
    db.$executeRaw(sql`UPDATE "Segment" SET "recalculationState" = 'RUNNING'
      WHERE "companyId" = ${companyId}::uuid AND "id" = ${segmentId}::uuid`),
  ]);
  return run.id;
}

async function applyRecalculation(tx: Tx, ctx: RunContext): Promise<Outcome> {
  const { companyId, segmentId, runId } = ctx;
  const company = sql`${companyId}::uuid`;
  const segmentKey = sql`${segmentId}::uuid`;
  await applyEngineSettings(tx);
  // Two runs of one segment never interleave: the second waits here until the first
  // commits, and its statements then see the first one's result (READ COMMITTED).
  // The lock also tells that the run is alive (segment-dead-runs.ts).
  await tx.$queryRaw(sql`SELECT true AS "locked"
    FROM pg_advisory_xact_lock(${recalculationLockKey(sql`${segmentId}::uuid`)})`);

  // Read after the lock, so the rules are the latest committed ones.
  const segment = await tx.segment.findUnique({
    where: { companyId_id: { companyId, id: segmentId } },
    select: { name: true, type: true, rules: true, definitionVersion: true },
  });
  if (!segment) throw new NotFoundError("Segment not found");
  if (segment.type === "STATIC") throw staticSegment(segment.name);
  // Stored rules were validated on save; a catalog change since (a deleted custom field
  // or segment) compiles as "never set" / "in no segment", as the engine specifies.
  const parsed = parseSegmentDefinition(segment.rules);
  if (!parsed.ok) throw new Error(`The stored rules are invalid: ${parsed.issues.map(formatIssue).join("; ")}`);
  const { customFieldTypes } = await loadSegmentCatalog(companyId, tx, { customFields: true, segments: false });
  const { from, where } = compileSegment(parsed.definition, { companyId, now: ctx.now, customFieldTypes });

  // The matching set against the current membership, in one pass (computing the matching
  // set is the whole cost; a rerun that changes nothing writes only the run's row). A FULL
  // JOIN can only be planned as a hash or merge join, so stale statistics on a freshly
  // filled or emptied membership cannot turn the diff into a slow nested loop.
  await tx.$executeRaw(
    sql`CREATE TEMP TABLE "_segment_diff" ("contactId" uuid NOT NULL, "exited" boolean NOT NULL) ON COMMIT DROP`,
  );
  const [counted] = await tx.$queryRaw<{ memberCount: number }[]>(sql`
    WITH "compared" AS (
      SELECT m."id" AS "matched", cur."contactId" AS "current"
      FROM (SELECT c."id" FROM ${from} WHERE ${where}) m
      FULL JOIN (
        SELECT sm."contactId" FROM "SegmentMembership" sm
        WHERE sm."companyId" = ${company} AND sm."segmentId" = ${segmentKey}
      ) cur ON cur."contactId" = m."id"
    ), "written" AS (
      INSERT INTO "_segment_diff" ("contactId", "exited")
      SELECT coalesce(x."matched", x."current"), x."matched" IS NULL FROM "compared" x
      WHERE x."matched" IS NULL OR x."current" IS NULL
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM "compared" x WHERE x."matched" IS NOT NULL)::int AS "memberCount",
      (SELECT count(*) FROM "written")::int AS "written"`);
  const memberCount = counted!.memberCount;
  await tx.$executeRaw(sql`ANALYZE "_segment_diff"`);

  // Rows go in in key order (below): neighbouring index entries, not one random leaf page
  // per row, which is most of a first fill's cost.
  // A member of any source that no longer matches leaves: a dynamic segment's membership
  // is exactly its rules' result.
  const exited = await tx.$executeRaw(sql`
    DELETE FROM "SegmentMembership" sm USING "_segment_diff" d
    WHERE d."exited" AND sm."companyId" = ${company} AND sm."segmentId" = ${segmentKey}
      AND sm."contactId" = d."contactId"`);
  const entered = await tx.$executeRaw(sql`
    INSERT INTO "SegmentMembership" ("companyId", "segmentId", "contactId", "addedVia")
    SELECT ${company}, ${segmentKey}, d."contactId", 'RULE_MATCH' FROM "_segment_diff" d WHERE NOT d."exited"
    ORDER BY d."contactId"`);
  if (entered + exited > 0) {
    await tx.$executeRaw(sql`
      INSERT INTO "SegmentMembershipChange" ("companyId", "segmentId", "recalculationId", "contactId", "kind")
      SELECT ${company}, ${segmentKey}, ${runId}::uuid, d."contactId",
        (CASE WHEN d."exited" THEN 'EXITED' ELSE 'ENTERED' END)::"MembershipChangeKind"
      FROM "_segment_diff" d ORDER BY d."contactId"`);
    await markDependents(tx, companyId, segmentId);
  }

  // needsRecalculation is cleared only if the rules were not edited meanwhile (an edit
  // bumps definitionVersion and sets the flag again; the UPDATE sees the latest row).
  await tx.$executeRaw(sql`
    UPDATE "Segment" SET "contactCount" = ${memberCount}::int, "lastRecalculatedAt" = now(),
      "recalculationState" = 'IDLE', "membershipVersion" = ${segment.definitionVersion}::int,
      "needsRecalculation" = CASE WHEN "definitionVersion" = ${segment.definitionVersion}::int
        THEN false ELSE "needsRecalculation" END
    WHERE "companyId" = ${company} AND "id" = ${segmentKey}`);
  const durationMs = ctx.elapsed();
  await tx.$executeRaw(sql`
    UPDATE "SegmentRecalculation" SET "status" = 'SUCCEEDED', "finishedAt" = clock_timestamp(),
      "durationMs" = ${durationMs}::int, "entered" = ${entered}::int, "exited" = ${exited}::int,
      "memberCount" = ${memberCount}::int
    WHERE "companyId" = ${company} AND "id" = ${runId}::uuid`);
  return { entered, exited, memberCount, durationMs };
}

/** Flags the dynamic segments whose rules refer to this one: their result may have changed. */
async function markDependents(tx: Tx, companyId: string, segmentId: string): Promise<void> {
  const catalog = await loadSegmentCatalog(companyId, tx, { customFields: false, segments: true });
  const dependents = segmentsReferringTo(catalog.segments, segmentId);
  if (dependents.length === 0) return;
  // Raw SQL: a flag set by the engine is not an edit, so "updatedAt" stays as it was.
  await tx.$executeRaw(sql`
    UPDATE "Segment" SET "needsRecalculation" = true
    WHERE "companyId" = ${companyId}::uuid
      AND "id" IN (${join(dependents.map((segment) => sql`${segment.id}::uuid`))})`);
}

async function recordFailure(
  db: PrismaClient,
  companyId: string,
  segmentId: string,
  runId: string,
  message: string,
  durationMs: number,
): Promise<void> {
  try {
    await db.$transaction([
      db.$executeRaw(sql`
        UPDATE "SegmentRecalculation" SET "status" = 'FAILED', "finishedAt" = clock_timestamp(),
          "durationMs" = ${durationMs}::int, "error" = ${message}
        WHERE "companyId" = ${companyId}::uuid AND "id" = ${runId}::uuid`),
      db.$executeRaw(sql`UPDATE "Segment" SET "recalculationState" = 'FAILED'
        WHERE "companyId" = ${companyId}::uuid AND "id" = ${segmentId}::uuid`),
    ]);
  } catch (error) {
    // The database itself is failing; the caller still learns the original error.
    console.error(`segment recalculation ${runId}: could not record the failure`, error);
  }
}

/**
 * Best effort, after a large change: fresh statistics keep the engine's plans sane, and
 * vacuuming makes the exited rows' space reusable and the pages all-visible. Without it
 * (autovacuum is off on our PostgreSQL) every refill leaves its dead rows behind and the
 * next diff reads them all: 5 refills of a 300k-member segment grew the table to 400 MB
 * and a rerun from 0.3 to 1.5 s. SKIP_LOCKED: a concurrent run's vacuum covers this one.
 */
async function vacuumMembership(db: PrismaClient): Promise<void> {
  try {
    await db.$executeRaw(sql`VACUUM (ANALYZE, SKIP_LOCKED) "SegmentMembership"`);
  } catch (error) {
    console.error("VACUUM SegmentMembership failed", error);
  }
}

function staticSegment(name: string): ConflictError {
  return new ConflictError(
    `Segment "${name}" is static: its members are added by hand, import or API, never by rules, so it is not recalculated.`,
  );
}

/** The database's own message when there is one (not Prisma's wrapper), kept short. */
function describeError(error: unknown): string {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalMessage?: unknown } } } })?.meta
    ?.driverAdapterError?.cause?.originalMessage;
  const message =
    typeof cause === "string" && cause ? cause : error instanceof Error ? error.message : String(error ?? "");
  const text = message.trim() || "Unknown error";
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
