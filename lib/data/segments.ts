import "server-only";
import { empty, join, type Sql, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { ConflictError, type FieldIssue, InUseError, isUuid, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  AudienceRole,
  CampaignStatus,
  RecalculationState,
  RecalculationStatus,
  SegmentStatus,
  SegmentType,
} from "@/lib/generated/prisma/enums";
import { segmentDependencies } from "@/lib/segments";
import {
  type MembershipStale,
  membershipStaleness,
  type SegmentFreshness,
  segmentFreshness,
} from "@/lib/segments-admin/freshness";
import { sameJson } from "@/lib/segments-admin/json";
import {
  ALL_COMPANIES,
  type ParsedSegmentListParams,
  type SegmentListParams,
  SegmentListParamsSchema,
  type SegmentSort,
} from "@/lib/segments-admin/list-params";
import { type RunInput, type RunStatus, segmentRunStatus } from "@/lib/segments-admin/run-status";
import {
  type CreateSegmentInput,
  createSegmentInputSchema,
  SEGMENT_NAME_TAKEN,
  type UpdateSegmentPatch,
  updateSegmentPatchSchema,
} from "@/lib/segments-admin/schema";
import { type Db, loadSegmentCatalog, segmentsReferringTo, validDefinitionOrThrow } from "./segment-catalog";

// ---------------------------------------------------------------------------------------
// DTOs

/** The most recent recalculation run of a segment. */
export type SegmentLastRun = RunInput;

/** One line of the segments list. */
export type SegmentRow = {
  id: string;
  companyId: string;
  companyName: string;
  name: string;
  description: string | null;
  type: SegmentType;
  status: SegmentStatus;
  contactCount: number;
  lastRecalculatedAt: Date | null;
  recalculationState: RecalculationState;
  /** When it was marked QUEUED (null when never, or not recorded). */
  recalculationQueuedAt: Date | null;
  lastRun: SegmentLastRun | null;
  /** Queued / running / failed / idle, with the last finished run (lib/segments-admin/run-status.ts). */
  run: RunStatus;
  createdAt: Date;
  freshness: SegmentFreshness;
  /** Why the members do not follow the current rules (rules saved, no successful run since); null when they do. */
  membershipStale: MembershipStale | null;
};

/** A segment with its definition, for the detail page, the builder and the API. */
export type SegmentDetail = SegmentRow & {
  /** The stored SegmentDefinition (null for static segments). */
  rules: unknown;
  definitionVersion: number;
  needsRecalculation: boolean;
  createdById: string | null;
  updatedAt: Date;
};

export type SegmentList = {
  rows: SegmentRow[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
  /** Always exact: a company has hundreds of segments, not millions. */
  total: { value: number; exact: true };
};

/** A campaign that uses the segment as (part of) its audience. */
export type SegmentCampaignUse = { id: string; name: string; status: CampaignStatus; role: AudienceRole };

/** What deleting a segment would touch: shown in the delete dialog, enforced by deleteSegment. */
export type SegmentUsage = {
  /** Scheduled or sending: deletion is refused while they target the segment. */
  blockingCampaigns: SegmentCampaignUse[];
  /** Drafts: deletion is refused too (a draft silently losing an exclusion would widen its send). */
  draftCampaigns: SegmentCampaignUse[];
  /** Sent or cancelled: their recipients were frozen at send time; only the audience link goes. */
  finishedCampaigns: SegmentCampaignUse[];
  /** Segments whose rules refer to this one (in_segment / not_in_segment). */
  dependentSegments: { id: string; name: string }[];
};

/** "all": every company's segments; only platform admins may be given it (the caller decides). */
export type SegmentListScope = string | typeof ALL_COMPANIES;

// ---------------------------------------------------------------------------------------
// Reading

type RawSegment = {
  id: string;
  companyId: string;
  companyName: string;
  name: string;
  description: string | null;
  type: SegmentType;
  status: SegmentStatus;
  contactCount: number | bigint;
  lastRecalculatedAt: Date | string | null;
  recalculationState: RecalculationState;
  recalculationQueuedAt: Date | string | null;
  needsRecalculation: boolean;
  definitionVersion: number | bigint;
  membershipVersion: number | bigint | null;
  createdAt: Date | string;
  runStatus: RecalculationStatus | null;
  runStartedAt: Date | string | null;
  runFinishedAt: Date | string | null;
  runDurationMs: number | bigint | null;
  runEntered: number | bigint | null;
  runExited: number | bigint | null;
  runError: string | null;
  doneStatus: RecalculationStatus | null;
  doneStartedAt: Date | string | null;
  doneFinishedAt: Date | string | null;
  doneDurationMs: number | bigint | null;
  doneEntered: number | bigint | null;
  doneExited: number | bigint | null;
  doneError: string | null;
};

type RawSegmentDetail = RawSegment & {
  rules: unknown;
  createdById: string | null;
  updatedAt: Date | string;
};

const LIST_COLUMNS = sql`s."id", s."companyId", co."name" AS "companyName", s."name", s."description",
  s."type"::text AS "type", s."status"::text AS "status", s."contactCount", s."lastRecalculatedAt",
  s."recalculationState"::text AS "recalculationState", s."recalculationQueuedAt", s."needsRecalculation",
  s."definitionVersion", s."membershipVersion", s."createdAt",
  r."status"::text AS "runStatus", r."startedAt" AS "runStartedAt", r."finishedAt" AS "runFinishedAt",
  r."durationMs" AS "runDurationMs", r."entered" AS "runEntered", r."exited" AS "runExited", r."error" AS "runError",
  f."status"::text AS "doneStatus", f."startedAt" AS "doneStartedAt", f."finishedAt" AS "doneFinishedAt",
  f."durationMs" AS "doneDurationMs", f."entered" AS "doneEntered", f."exited" AS "doneExited", f."error" AS "doneError"`;

const DETAIL_COLUMNS = sql`${LIST_COLUMNS}, s."rules", s."createdById", s."updatedAt"`;

// The latest run (r) and the latest finished run (f) per segment walk the
// (companyId, segmentId, startedAt DESC) index; f is r except while a run is under way.
// Runs that only record deleted contacts leaving (CONTACTS_DELETED) are history, not
// recalculations: they must not hide a failed or running one.
const FROM_SEGMENTS = sql`"Segment" s
  JOIN "Company" co ON co."id" = s."companyId"
  LEFT JOIN LATERAL (
    SELECT x."status", x."startedAt", x."finishedAt", x."durationMs", x."entered", x."exited", x."error"
    FROM "SegmentRecalculation" x
    WHERE x."companyId" = s."companyId" AND x."segmentId" = s."id" AND x."trigger" <> 'CONTACTS_DELETED'
    ORDER BY x."startedAt" DESC, x."id" DESC
    LIMIT 1
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT x."status", x."startedAt", x."finishedAt", x."durationMs", x."entered", x."exited", x."error"
    FROM "SegmentRecalculation" x
    WHERE x."companyId" = s."companyId" AND x."segmentId" = s."id" AND x."status" <> 'RUNNING'
      AND x."trigger" <> 'CONTACTS_DELETED'
    ORDER BY x."startedAt" DESC, x."id" DESC
    LIMIT 1
  ) f ON true`;

// Column expressions come only from this whitelist; the user's `sort` merely picks an entry.
const SORT_KEYS: Record<SegmentSort, Sql[]> = {
  name: [sql`lower(s."name")`, sql`s."name"`],
  createdAt: [sql`s."createdAt"`],
  contactCount: [sql`s."contactCount"`],
};

function parseListParams(params: SegmentListParams): ParsedSegmentListParams {
  const parsed = SegmentListParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new ValidationError("Invalid list parameters", parsed.error.issues.map(toFieldIssue));
  }
  return parsed.data;
}

/** Case-insensitive "contains" on name and description; strpos() keeps `%` and `_` literal. */
function searchCondition(q: string | undefined): Sql {
  if (!q) return empty;
  return sql`AND (strpos(lower(s."name"), lower(${q})) > 0
    OR strpos(lower(coalesce(s."description", '')), lower(${q})) > 0)`;
}

function orderBy(sort: SegmentSort, desc: boolean): Sql {
  const direction = desc ? sql`DESC` : sql`ASC`;
  // The id tiebreak keeps pages stable when several segments share a value.
  return join(
    [...SORT_KEYS[sort], sql`s."id"`].map((key) => sql`${key} ${direction}`),
    ", ",
  );
}

/**
 * The segments of one company ("all": of every company, for platform admins), a page at a
 * time, searched and sorted on the server, each with its latest run and freshness.
 */
export async function listSegments(
  companyId: SegmentListScope,
  params: SegmentListParams = {},
  now: Date = new Date(),
): Promise<SegmentList> {
  const { q, sort, order, page, pageSize } = parseListParams(params);
  if (companyId !== ALL_COMPANIES && !isUuid(companyId)) {
    return { rows: [], page, pageSize, hasNextPage: false, total: { value: 0, exact: true } };
  }
  const db = await getDb();
  const scope = companyId === ALL_COMPANIES ? sql`TRUE` : sql`s."companyId" = ${companyId}::uuid`;
  const where = sql`${scope} ${searchCondition(q)}`;
  const offset = (page - 1) * pageSize;

  const [raw, counted] = await Promise.all([
    db.$queryRaw<RawSegment[]>(sql`
      SELECT ${LIST_COLUMNS} FROM ${FROM_SEGMENTS} WHERE ${where}
      ORDER BY ${orderBy(sort, order === "desc")} LIMIT ${pageSize + 1} OFFSET ${offset}`),
    db.$queryRaw<{ count: number | bigint }[]>(sql`SELECT count(*)::int AS "count" FROM "Segment" s WHERE ${where}`),
  ]);
  const hasNextPage = raw.length > pageSize;
  const rows = (hasNextPage ? raw.slice(0, pageSize) : raw).map((row) => toSegmentRow(row, now));
  return { rows, page, pageSize, hasNextPage, total: { value: Number(counted[0]?.count ?? 0), exact: true } };
}

/** One segment of this company; null when not found, not a UUID or another company's. */
export async function getSegment(companyId: string, id: string, now: Date = new Date()): Promise<SegmentDetail | null> {
  if (!isUuid(companyId) || !isUuid(id)) return null;
  const db = await getDb();
  const rows = await db.$queryRaw<RawSegmentDetail[]>(sql`
    SELECT ${DETAIL_COLUMNS} FROM ${FROM_SEGMENTS}
    WHERE s."companyId" = ${companyId}::uuid AND s."id" = ${id}::uuid`);
  const row = rows[0];
  if (!row) return null;
  return {
    ...toSegmentRow(row, now),
    rules: row.rules ?? null,
    definitionVersion: Number(row.definitionVersion),
    needsRecalculation: row.needsRecalculation,
    createdById: row.createdById,
    updatedAt: toDate(row.updatedAt) as Date,
  };
}

/**
 * The company a segment belongs to, whichever it is. For platform admins only (a segment
 * opened by id from another company): the caller must have checked isPlatformAdmin.
 */
export async function findSegmentCompanyId(id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  // Probes each company's (companyId, id) primary key rather than scanning for the id.
  const rows = await db.$queryRaw<{ companyId: string }[]>(sql`
    SELECT c."id" AS "companyId" FROM "Company" c
    WHERE EXISTS (SELECT 1 FROM "Segment" s WHERE s."companyId" = c."id" AND s."id" = ${id}::uuid)
    LIMIT 1`);
  return rows[0]?.companyId ?? null;
}

function toSegmentRow(row: RawSegment, now: Date): SegmentRow {
  const lastRecalculatedAt = toDate(row.lastRecalculatedAt);
  const recalculationQueuedAt = toDate(row.recalculationQueuedAt);
  const lastRun = toLastRun(
    row.runStatus,
    row.runStartedAt,
    row.runFinishedAt,
    row.runDurationMs,
    row.runEntered,
    row.runExited,
    row.runError,
  );
  const lastFinishedRun = toLastRun(
    row.doneStatus,
    row.doneStartedAt,
    row.doneFinishedAt,
    row.doneDurationMs,
    row.doneEntered,
    row.doneExited,
    row.doneError,
  );
  return {
    id: row.id,
    companyId: row.companyId,
    companyName: row.companyName,
    name: row.name,
    description: row.description,
    type: row.type,
    status: row.status,
    contactCount: Number(row.contactCount),
    lastRecalculatedAt,
    recalculationState: row.recalculationState,
    recalculationQueuedAt,
    lastRun,
    run: segmentRunStatus(
      { type: row.type, recalculationState: row.recalculationState, recalculationQueuedAt, lastRun, lastFinishedRun },
      now,
    ),
    createdAt: toDate(row.createdAt) as Date,
    freshness: segmentFreshness(
      {
        type: row.type,
        recalculationState: row.recalculationState,
        needsRecalculation: row.needsRecalculation,
        lastRecalculatedAt,
        lastRunStatus: row.runStatus,
      },
      now,
    ),
    membershipStale: membershipStaleness({
      type: row.type,
      definitionVersion: Number(row.definitionVersion),
      membershipVersion: row.membershipVersion === null ? null : Number(row.membershipVersion),
      lastRecalculatedAt,
      lastRunStatus: row.runStatus,
    }),
  };
}

function toLastRun(
  status: RecalculationStatus | null,
  startedAt: Date | string | null,
  finishedAt: Date | string | null,
  durationMs: number | bigint | null,
  entered: number | bigint | null,
  exited: number | bigint | null,
  error: string | null,
): SegmentLastRun | null {
  if (!status || startedAt === null) return null;
  return {
    status,
    startedAt: toDate(startedAt) as Date,
    finishedAt: toDate(finishedAt),
    durationMs: durationMs === null ? null : Number(durationMs),
    entered: Number(entered ?? 0),
    exited: Number(exited ?? 0),
    error,
  };
}

function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

// ---------------------------------------------------------------------------------------
// Writing

/**
 * A new segment. A dynamic one needs rules, validated by the engine against the company's
 * catalog (custom fields, segments); it starts flagged for its first recalculation. A
 * static one has no rules: its members are added explicitly.
 */
export async function createSegment(
  companyId: string,
  actorUserId: string | null,
  input: CreateSegmentInput,
): Promise<SegmentDetail> {
  const { name, description, type, rules } = parseOrThrow(createSegmentInputSchema, input, "Invalid segment");
  if (!isUuid(companyId)) throw new NotFoundError("Company not found");
  const db = await getDb();
  if (!(await db.company.findUnique({ where: { id: companyId }, select: { id: true } }))) {
    throw new NotFoundError("Company not found");
  }

  let definition: Prisma.InputJsonValue | undefined;
  if (type === "DYNAMIC") {
    definition = await validRules(db, companyId, rules, undefined);
  } else if (rules !== undefined && rules !== null) {
    throw new ValidationError("Invalid segment", [{ path: ["rules"], message: "a static segment has no rules" }]);
  }

  await assertNameFree(db, companyId, name, undefined);
  const created = await withNameConflict(() =>
    db.$transaction(async (tx) => {
      if (definition !== undefined) await lockReferencedSegments(tx, companyId, definition);
      return tx.segment.create({
        data: {
          companyId,
          name,
          description,
          type,
          rules: definition,
          // Its membership does not reflect the rules until the first recalculation.
          needsRecalculation: type === "DYNAMIC",
          createdById: isUuid(actorUserId) ? actorUserId : null,
        },
        select: { id: true },
      });
    }),
  );
  return (await getSegment(companyId, created.id)) as SegmentDetail;
}

/**
 * Changes name, description and/or rules. Only a real change of the rules (not a
 * re-ordering of JSON keys) bumps definitionVersion and flags the segment for
 * recalculation; renaming never touches membership.
 */
export async function updateSegment(companyId: string, id: string, patch: UpdateSegmentPatch): Promise<SegmentDetail> {
  const changes = parseOrThrow(updateSegmentPatchSchema, patch, "Invalid segment");
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Segment not found");
  const db = await getDb();
  const existing = await db.segment.findUnique({
    where: { companyId_id: { companyId, id } },
    select: { type: true, rules: true },
  });
  if (!existing) throw new NotFoundError("Segment not found");

  const data: Prisma.SegmentUpdateInput = {};
  if (changes.name !== undefined) {
    await assertNameFree(db, companyId, changes.name, id);
    data.name = changes.name;
  }
  if (changes.description !== undefined) data.description = changes.description;
  if (changes.rules !== undefined) {
    if (existing.type === "STATIC") {
      if (changes.rules !== null) {
        throw new ValidationError("Invalid segment", [{ path: ["rules"], message: "a static segment has no rules" }]);
      }
    } else {
      const definition = await validRules(db, companyId, changes.rules, id);
      if (!sameJson(definition, existing.rules)) {
        data.rules = definition;
        data.definitionVersion = { increment: 1 };
        data.needsRecalculation = true;
      }
    }
  }

  if (Object.keys(data).length > 0) {
    await withNameConflict(() =>
      db.$transaction(async (tx) => {
        if (data.rules !== undefined) await lockReferencedSegments(tx, companyId, data.rules);
        await tx.segment.update({ where: { companyId_id: { companyId, id } }, data });
      }),
    );
  }
  const updated = await getSegment(companyId, id);
  if (!updated) throw new NotFoundError("Segment not found"); // deleted meanwhile
  return updated;
}

/**
 * Deletes the segment and its membership, history and audience links; contacts are never
 * deleted. Refused (InUseError naming them, API code segment_in_use) while any campaign
 * that has not finished (draft, scheduled, sending) targets it, whether it includes or
 * excludes it, or while other segments' rules refer to it: deleting would change who gets
 * a message, so there is no override (archiving retires such a segment).
 */
export async function deleteSegment(companyId: string, id: string): Promise<{ id: string; name: string }> {
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Segment not found");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locks the row: two deletes (or a delete and an edit) do not interleave, and a save
    // that refers to it (lockReferencedSegments) or a new audience link waits for us.
    const [segment] = await tx.$queryRaw<{ id: string; name: string }[]>(sql`
      SELECT "id", "name" FROM "Segment" WHERE "companyId" = ${companyId}::uuid AND "id" = ${id}::uuid FOR UPDATE`);
    if (!segment) throw new NotFoundError("Segment not found");
    // Locks the campaigns that target it, as scheduling and cancelling do: their status
    // cannot change between this check and the delete.
    await tx.$queryRaw(sql`
      SELECT c."id" FROM "Campaign" c
      JOIN "CampaignAudience" a ON a."companyId" = c."companyId" AND a."campaignId" = c."id"
      WHERE a."companyId" = ${companyId}::uuid AND a."segmentId" = ${id}::uuid
      FOR UPDATE OF c`);

    const usage = await usageOf(tx, companyId, id);
    const campaigns = [...usage.blockingCampaigns, ...usage.draftCampaigns];
    if (campaigns.length > 0 || usage.dependentSegments.length > 0) {
      throw new InUseError(inUseMessage(segment.name, campaigns, usage.dependentSegments), "segment_in_use", {
        campaigns,
        segments: usage.dependentSegments,
      });
    }
    // Cascades to memberships, runs, changes, analytics and finished campaigns' audience links.
    await tx.segment.delete({ where: { companyId_id: { companyId, id } } });
    return { id: segment.id, name: segment.name };
  });
}

/** What deleting the segment would touch; null when it is not this company's. */
export async function getSegmentUsage(companyId: string, id: string): Promise<SegmentUsage | null> {
  if (!isUuid(companyId) || !isUuid(id)) return null;
  const db = await getDb();
  const exists = await db.segment.findUnique({ where: { companyId_id: { companyId, id } }, select: { id: true } });
  return exists ? usageOf(db, companyId, id) : null;
}

async function usageOf(db: Db, companyId: string, id: string): Promise<SegmentUsage> {
  const [audiences, catalog] = await Promise.all([
    db.campaignAudience.findMany({
      where: { companyId, segmentId: id },
      select: { role: true, campaign: { select: { id: true, name: true, status: true } } },
    }),
    // A company has hundreds of segments, so the walk is cheap.
    loadSegmentCatalog(companyId, db, { customFields: false, segments: true }),
  ]);
  const campaigns = audiences
    .map(({ role, campaign }) => ({ ...campaign, role }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    blockingCampaigns: campaigns.filter((c) => c.status === "SCHEDULED" || c.status === "SENDING"),
    draftCampaigns: campaigns.filter((c) => c.status === "DRAFT"),
    finishedCampaigns: campaigns.filter((c) => c.status === "SENT" || c.status === "CANCELLED"),
    dependentSegments: segmentsReferringTo(catalog.segments, id)
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const STATUS_WORDS: Record<CampaignStatus, string> = {
  DRAFT: "draft",
  SCHEDULED: "scheduled",
  SENDING: "sending",
  SENT: "sent",
  CANCELLED: "cancelled",
};

/** "a", "a and b", "a, b and c". */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** 'Segment "X" cannot be deleted: campaign "A" (scheduled, excludes it) targets it and segment "B" refers to it. ...' */
function inUseMessage(segmentName: string, campaigns: SegmentCampaignUse[], segments: { name: string }[]): string {
  const uses: string[] = [];
  if (campaigns.length > 0) {
    const names = listOf(
      campaigns.map((c) => `"${c.name}" (${STATUS_WORDS[c.status]}${c.role === "EXCLUDE" ? ", excludes it" : ""})`),
    );
    uses.push(campaigns.length === 1 ? `campaign ${names} targets it` : `campaigns ${names} target it`);
  }
  if (segments.length > 0) {
    const names = listOf(segments.map((s) => `"${s.name}"`));
    uses.push(segments.length === 1 ? `segment ${names} refers to it` : `segments ${names} refer to it`);
  }
  const remedies = [
    ...(campaigns.length > 0 ? ["remove it from the draft campaigns, cancel or wait for the others to be sent"] : []),
    ...(segments.length > 0 ? ["remove the condition on it from those segments"] : []),
  ];
  return `Segment "${segmentName}" cannot be deleted: ${listOf(uses)}. To delete it, ${listOf(remedies)}; or archive it instead.`;
}

// ---------------------------------------------------------------------------------------
// Helpers

/** The engine's verdict on the rules, against this company's custom fields and segments. */
async function validRules(
  db: Db,
  companyId: string,
  rules: unknown,
  segmentId: string | undefined,
): Promise<Prisma.InputJsonValue> {
  if (rules === undefined || rules === null) {
    throw new ValidationError("Invalid segment", [{ path: ["rules"], message: "a dynamic segment needs rules" }]);
  }
  const catalog = await loadSegmentCatalog(companyId, db);
  return validDefinitionOrThrow(rules, catalog, segmentId, ["rules"]) as unknown as Prisma.InputJsonValue;
}

/**
 * Locks (FOR SHARE) the segments the rules refer to until the save commits, and checks
 * they still exist: a delete running at the same time (which locks its row FOR UPDATE,
 * then looks for referrers) either waits for this save and then sees the reference, or
 * wins and this save is refused. Never a rule that refers to a deleted segment.
 */
async function lockReferencedSegments(db: Db, companyId: string, rules: unknown): Promise<void> {
  const ids = segmentDependencies(rules);
  if (ids.length === 0) return;
  const found = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT "id" FROM "Segment"
    WHERE "companyId" = ${companyId}::uuid AND "id" = ANY(${ids}::uuid[])
    FOR SHARE`);
  if (found.length < new Set(ids).size) {
    const message = "A segment these rules refer to has just been deleted";
    throw new ValidationError("Invalid rules", [{ path: ["rules"], message }]);
  }
}

/** Names are unique per company regardless of case ("VIP" and "vip" would confuse everyone). */
async function assertNameFree(db: Db, companyId: string, name: string, exceptId: string | undefined): Promise<void> {
  const rows = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT "id" FROM "Segment"
    WHERE "companyId" = ${companyId}::uuid AND lower("name") = lower(${name})
      ${exceptId ? sql`AND "id" <> ${exceptId}::uuid` : empty}
    LIMIT 1`);
  if (rows.length > 0) throw nameTaken();
}

function nameTaken(): ConflictError {
  return new ConflictError(SEGMENT_NAME_TAKEN, [{ path: ["name"], message: SEGMENT_NAME_TAKEN }]);
}

/** A concurrent save with the same name trips the unique index: the same conflict, not a 500. */
async function withNameConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken();
    throw error;
  }
}

type SafeParser<T> = {
  safeParse: (
    input: unknown,
  ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

function parseOrThrow<T>(schema: SafeParser<T>, input: unknown, message: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(message, parsed.error.issues.map(toFieldIssue));
  return parsed.data;
}

function toFieldIssue(issue: { path: PropertyKey[]; message: string }): FieldIssue {
  return { path: issue.path.map((key) => (typeof key === "number" ? key : String(key))), message: issue.message };
}
