import "server-only";
import { empty, type Sql, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { RecalculationState, SegmentStatus, SegmentType } from "@/lib/generated/prisma/enums";
import { type MembershipStale, membershipStaleness } from "@/lib/segments/freshness";

/**
 * The company's segments a page at a time for the API (keyset pagination: the UI's
 * listSegments pages by number). Sorted by name (case-insensitive) or creation time,
 * the id as tiebreak so pages neither skip nor repeat.
 */

export type SegmentSummary = {
  id: string;
  name: string;
  description: string | null;
  type: SegmentType;
  status: SegmentStatus;
  contactCount: number;
  lastRecalculatedAt: Date | null;
  recalculationState: RecalculationState;
  /** Why the members do not follow the current rules (lib/segments/freshness.ts); null when they do. */
  membershipStale: MembershipStale | null;
  createdAt: Date;
  updatedAt: Date;
};

type RawSummary = Omit<SegmentSummary, "membershipStale"> & {
  definitionVersion: number;
  membershipVersion: number | null;
  lastRunStatus: "RUNNING" | "SUCCEEDED" | "FAILED" | null;
  sortValue: string;
};

export type SegmentPageSort = "name" | "createdAt";

/** Where a page starts: after the row with this sort value (lower-cased name or ISO time) and id. */
export type SegmentPageKey = { value: string; id: string };

export type SegmentPage = { segments: SegmentSummary[]; next: SegmentPageKey | null };

export async function listSegmentPage(
  companyId: string,
  options: { q?: string; sort: SegmentPageSort; order: "asc" | "desc"; after?: SegmentPageKey; limit: number },
): Promise<SegmentPage> {
  if (!isUuid(companyId)) return { segments: [], next: null };
  const { q, sort, order, after, limit } = options;
  // Whitelisted expressions: the user's sort only picks one.
  const key: Sql = sort === "name" ? sql`lower("name")` : sql`"createdAt"`;
  const direction = order === "desc" ? sql`DESC` : sql`ASC`;
  let afterCondition: Sql = empty;
  if (after) {
    const value = sort === "name" ? sql`${after.value}::text` : sql`${after.value}::timestamptz`;
    afterCondition =
      order === "desc"
        ? sql`AND (${key}, "id") < (${value}, ${after.id}::uuid)`
        : sql`AND (${key}, "id") > (${value}, ${after.id}::uuid)`;
  }
  const db = await getDb();
  const rows = await db.$queryRaw<RawSummary[]>(sql`
    SELECT "id", "name", "description", "type"::text AS "type", "status"::text AS "status", "contactCount",
      "lastRecalculatedAt", "recalculationState"::text AS "recalculationState", "createdAt", "updatedAt",
      "definitionVersion", "membershipVersion",
      (SELECT x."status"::text FROM "SegmentRecalculation" x
        WHERE x."companyId" = "Segment"."companyId" AND x."segmentId" = "Segment"."id"
        ORDER BY x."startedAt" DESC, x."id" DESC LIMIT 1) AS "lastRunStatus",
      ${sort === "name" ? sql`lower("name")` : sql`to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`} AS "sortValue"
    FROM "Segment"
    WHERE "companyId" = ${companyId}::uuid
      ${q ? sql`AND (strpos(lower("name"), lower(${q})) > 0 OR strpos(lower(coalesce("description", '')), lower(${q})) > 0)` : empty}
      ${afterCondition}
    ORDER BY ${key} ${direction}, "id" ${direction}
    LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    segments: page.map(({ sortValue: _, definitionVersion, membershipVersion, lastRunStatus, ...row }) => ({
      ...row,
      contactCount: Number(row.contactCount),
      lastRecalculatedAt: row.lastRecalculatedAt ? new Date(row.lastRecalculatedAt) : null,
      membershipStale: membershipStaleness({
        type: row.type,
        definitionVersion: Number(definitionVersion),
        membershipVersion: membershipVersion === null ? null : Number(membershipVersion),
        lastRecalculatedAt: row.lastRecalculatedAt,
        lastRunStatus,
      }),
      createdAt: new Date(row.createdAt),
      updatedAt: new Date(row.updatedAt),
    })),
    next: rows.length > limit && last ? { value: last.sortValue, id: last.id } : null,
  };
}
