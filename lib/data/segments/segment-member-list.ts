import "server-only";
import { empty, join, type Sql, sql } from "@prisma/client-runtime-utils";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { isUuid, ValidationError } from "@/lib/errors";
import type { LifecycleStage, MembershipSource } from "@/lib/generated/prisma/enums";
import { stripUnstorableText } from "@/lib/segments/engine/storable-text";

/**
 * The members of one segment for the detail page's table: numbered pages, sortable,
 * searchable (the API pages by keyset in ./segment-static-members.ts).
 */

export const SEGMENT_MEMBER_SORT_COLUMNS = ["addedAt", "name", "email", "leadScore"] as const;
export type SegmentMemberSort = (typeof SEGMENT_MEMBER_SORT_COLUMNS)[number];
export const SEGMENT_MEMBER_PAGE_SIZES = [10, 25, 50, 100] as const;

export type SegmentMemberRow = {
  contactId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  lifecycleStage: LifecycleStage | null;
  leadScore: number | null;
  addedAt: Date;
  addedVia: MembershipSource;
};

export type SegmentMemberList = {
  rows: SegmentMemberRow[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
  total: { value: number; exact: boolean };
};

const listParamsSchema = z.object({
  q: z.string().max(200).transform(stripUnstorableText).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z
    .number()
    .int()
    .refine((n) => (SEGMENT_MEMBER_PAGE_SIZES as readonly number[]).includes(n), "unsupported page size")
    .default(25),
  sort: z.enum(SEGMENT_MEMBER_SORT_COLUMNS).default("addedAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
});

export type SegmentMemberListParams = z.input<typeof listParamsSchema>;

// Column expressions come only from this whitelist; the user's `sort` merely picks one.
const SORT_KEYS: Record<SegmentMemberSort, Sql> = {
  addedAt: sql`m."addedAt"`,
  name: sql`lower(coalesce(c."firstName", '') || ' ' || coalesce(c."lastName", ''))`,
  email: sql`c."email"`,
  leadScore: sql`c."leadScore"`,
};

/** Counting a huge segment exactly on every page view is not worth it: count up to this. */
export const MEMBER_COUNT_CAP = 10_000;

type RawMember = Omit<SegmentMemberRow, "addedAt" | "leadScore"> & {
  addedAt: Date | string;
  leadScore: number | bigint | null;
};

/**
 * A page of the segment's members with their contact fields; search is a case-insensitive
 * "contains" on email and full name. Empty when the segment is not this company's.
 */
export async function listSegmentMemberPage(
  companyId: string,
  segmentId: string,
  params: SegmentMemberListParams = {},
): Promise<SegmentMemberList> {
  const parsed = listParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new ValidationError(
      "Invalid list parameters",
      parsed.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })),
    );
  }
  const { q, page, pageSize, sort, order } = parsed.data;
  if (!isUuid(companyId) || !isUuid(segmentId)) {
    return { rows: [], page, pageSize, hasNextPage: false, total: { value: 0, exact: true } };
  }
  const db = await getDb();
  const term = q?.trim();
  // strpos() keeps % and _ literal; emails are stored lower-case.
  const search = term
    ? sql`AND (strpos(c."email", lower(${term})) > 0
        OR strpos(lower(coalesce(c."firstName", '') || ' ' || coalesce(c."lastName", '')), lower(${term})) > 0)`
    : empty;
  const from = sql`"SegmentMembership" m
    JOIN "Contact" c ON c."companyId" = m."companyId" AND c."id" = m."contactId"
    WHERE m."companyId" = ${companyId}::uuid AND m."segmentId" = ${segmentId}::uuid ${search}`;
  const direction = order === "desc" ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
  // The contact id tiebreak keeps pages stable when several members share a value.
  const orderBy = join([sql`${SORT_KEYS[sort]} ${direction}`, sql`m."contactId" ASC`], ", ");

  const [raw, counted] = await Promise.all([
    db.$queryRaw<RawMember[]>(sql`
      SELECT m."contactId", c."email", c."firstName", c."lastName", c."lifecycleStage"::text AS "lifecycleStage",
        c."leadScore", m."addedAt", m."addedVia"::text AS "addedVia"
      FROM ${from}
      ORDER BY ${orderBy}
      LIMIT ${pageSize + 1}::int OFFSET ${(page - 1) * pageSize}::int`),
    db.$queryRaw<{ count: number | bigint }[]>(
      sql`SELECT count(*)::int AS "count" FROM (SELECT 1 FROM ${from} LIMIT ${MEMBER_COUNT_CAP + 1}::int) capped`,
    ),
  ]);
  const hasNextPage = raw.length > pageSize;
  const rows = (hasNextPage ? raw.slice(0, pageSize) : raw).map((row) => ({
    ...row,
    leadScore: row.leadScore === null ? null : Number(row.leadScore),
    addedAt: row.addedAt instanceof Date ? row.addedAt : new Date(row.addedAt),
  }));
  const count = Number(counted[0]?.count ?? 0);
  return {
    rows,
    page,
    pageSize,
    hasNextPage,
    total: count > MEMBER_COUNT_CAP ? { value: MEMBER_COUNT_CAP, exact: false } : { value: count, exact: true },
  };
}

/** The company's contact with this email (stored lower-case), for the explain form; null when none. */
export async function findContactIdByEmail(companyId: string, email: string): Promise<string | null> {
  const normalized = email.trim().toLowerCase();
  if (!isUuid(companyId) || !normalized || normalized.length > 320) return null;
  const db = await getDb();
  const contact = await db.contact.findFirst({ where: { companyId, email: normalized }, select: { id: true } });
  return contact?.id ?? null;
}
