import "server-only";
import { empty, join, type Sql, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid, toFieldIssue, ValidationError } from "@/lib/errors";
import type {
  AudienceRole,
  CampaignStatus,
  RecalculationState,
  RecalculationStatus,
  SegmentStatus,
  SegmentType,
} from "@/lib/generated/prisma/enums";
import {
  type MembershipStale,
  membershipStaleness,
  type SegmentFreshness,
  segmentFreshness,
} from "@/lib/segments/freshness";
import {
  ALL_COMPANIES,
  type ParsedSegmentListParams,
  type SegmentListParams,
  SegmentListParamsSchema,
  type SegmentSort,
} from "@/lib/segments/list-params";
import { type RunInput, type RunStatus, segmentRunStatus } from "@/lib/segments/run-status";
import { toDate } from "../raw-values";
import { type Db, loadSegmentCatalog, segmentsReferringTo } from "./segment-catalog";

// Reading segments: the list, one segment, what uses one (writes: ./segment-writes.ts).

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
  /** Queued / running / failed / idle, with the last finished run (lib/segments/run-status.ts). */
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

/** What deleting the segment would touch; null when it is not this company's. */
export async function getSegmentUsage(companyId: string, id: string): Promise<SegmentUsage | null> {
  if (!isUuid(companyId) || !isUuid(id)) return null;
  const db = await getDb();
  const exists = await db.segment.findUnique({ where: { companyId_id: { companyId, id } }, select: { id: true } });
  return exists ? usageOf(db, companyId, id) : null;
}

/** The campaigns and segments that use it; deleteSegment reads it inside its transaction. */
export async function usageOf(db: Db, companyId: string, id: string): Promise<SegmentUsage> {
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
