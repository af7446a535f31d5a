import "server-only";
import { empty, type Sql, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { MembershipChangeKind, RecalculationStatus, RecalculationTrigger } from "@/lib/generated/prisma/enums";
import { toDate } from "../raw-values";

// The history of a segment's recalculation runs and the contacts each one moved, as the
// detail page shows them (the runs themselves: ./segment-recalculation.ts).

export type RecalculationRun = {
  id: string;
  trigger: RecalculationTrigger;
  status: RecalculationStatus;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  entered: number;
  exited: number;
  memberCount: number | null;
  error: string | null;
  /** Who asked for it; name null when that user no longer exists. */
  requestedBy: { id: string; name: string | null } | null;
};

type RawRun = Omit<RecalculationRun, "requestedBy" | "startedAt" | "finishedAt"> & {
  startedAt: Date | string;
  finishedAt: Date | string | null;
  requestedById: string | null;
  requestedByName: string | null;
};

/** The segment's runs, newest first (the detail page's history); [] when not this company's. */
export async function listRecalculations(
  companyId: string,
  segmentId: string,
  options: { limit?: number } = {},
): Promise<RecalculationRun[]> {
  if (!isUuid(companyId) || !isUuid(segmentId)) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<RawRun[]>(sql`
    SELECT r."id", r."trigger"::text AS "trigger", r."status"::text AS "status", r."startedAt", r."finishedAt",
      r."durationMs", r."entered", r."exited", r."memberCount", r."error", r."requestedById",
      u."name" AS "requestedByName"
    FROM "SegmentRecalculation" r
    LEFT JOIN "User" u ON u."id" = r."requestedById"
    WHERE r."companyId" = ${companyId}::uuid AND r."segmentId" = ${segmentId}::uuid
    ORDER BY r."startedAt" DESC, r."id" DESC
    LIMIT ${clampLimit(options.limit, 20, 200)}::int`);
  return rows.map(({ requestedById, requestedByName, ...row }) => ({
    ...row,
    startedAt: toDate(row.startedAt) as Date,
    finishedAt: toDate(row.finishedAt),
    requestedBy: requestedById ? { id: requestedById, name: requestedByName } : null,
  }));
}

export type MembershipChange = {
  id: string;
  contactId: string;
  kind: MembershipChangeKind;
  at: Date;
  /** The contact as it is now; null fields when it has been deleted since. */
  email: string | null;
  name: string | null;
};

/** The contacts a run added or removed, in the order recorded; [] when not this company's. */
export async function listMembershipChanges(
  companyId: string,
  runId: string,
  options: { limit?: number; kind?: MembershipChangeKind } = {},
): Promise<MembershipChange[]> {
  if (!isUuid(companyId) || !isUuid(runId)) return [];
  const db = await getDb();
  const kind: Sql =
    options.kind === "ENTERED" || options.kind === "EXITED"
      ? sql`AND ch."kind" = ${options.kind}::"MembershipChangeKind"`
      : empty;
  const rows = await db.$queryRaw<
    {
      id: bigint | number | string;
      contactId: string;
      kind: MembershipChangeKind;
      at: Date | string;
      email: string | null;
      firstName: string | null;
      lastName: string | null;
    }[]
  >(sql`
    SELECT ch."id", ch."contactId", ch."kind"::text AS "kind", ch."at", c."email", c."firstName", c."lastName"
    FROM "SegmentMembershipChange" ch
    LEFT JOIN "Contact" c ON c."companyId" = ch."companyId" AND c."id" = ch."contactId"
    WHERE ch."companyId" = ${companyId}::uuid AND ch."recalculationId" = ${runId}::uuid ${kind}
    ORDER BY ch."id"
    LIMIT ${clampLimit(options.limit, 100, 1_000)}::int`);
  return rows.map((row) => ({
    id: String(row.id),
    contactId: row.contactId,
    kind: row.kind,
    at: toDate(row.at) as Date,
    email: row.email,
    name: [row.firstName, row.lastName].filter((part) => part?.trim()).join(" ") || null,
  }));
}

function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(limit)));
}
