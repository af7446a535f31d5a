import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid, NotFoundError } from "@/lib/errors";

/**
 * Segment A/B comparison: two segments' sizes, their overlap, and what their CURRENT
 * members did in the last `days` days, from the events (so it needs no nightly job):
 *   openRate / clickRate = contacts who opened / clicked ÷ contacts who got an email delivered;
 *   conversionRate = members with a purchase or conversion ÷ members; revenue = its sum.
 * Definitions follow the daily segment analytics (docs/jobs.md), counted per contact.
 */

export type SegmentPerformance = {
  id: string;
  name: string;
  members: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
  revenue: number;
  openRate: number;
  clickRate: number;
  conversionRate: number;
};

export type SegmentComparison = { a: SegmentPerformance; b: SegmentPerformance; overlap: number; days: number };

type Row = Omit<SegmentPerformance, "openRate" | "clickRate" | "conversionRate" | "revenue"> & { revenue: string };

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

export async function compareSegments(
  companyId: string,
  aId: string,
  bId: string,
  options: { now?: Date; days?: number } = {},
): Promise<SegmentComparison> {
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  if (!isUuid(companyId) || !isUuid(aId) || !isUuid(bId)) throw new NotFoundError("Segment not found");
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const db = await getDb();
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH picked AS (
      SELECT s."id", s."name" FROM "Segment" s
      WHERE s."companyId" = ${companyId}::uuid AND s."id" IN (${aId}::uuid, ${bId}::uuid)
    ),
    members AS (
      SELECT m."segmentId", m."contactId" FROM "SegmentMembership" m
      WHERE m."companyId" = ${companyId}::uuid AND m."segmentId" IN (${aId}::uuid, ${bId}::uuid)
    ),
    acted AS (
      SELECT e."contactId",
        bool_or(e."type" = 'email_delivered') AS "delivered",
        bool_or(e."type" = 'email_opened') AS "opened",
        bool_or(e."type" = 'email_clicked') AS "clicked",
        bool_or(e."type" IN ('purchase', 'conversion')) AS "converted",
        coalesce(sum(e."revenue") FILTER (WHERE e."type" IN ('purchase', 'conversion')), 0) AS "revenue"
      FROM "ContactEvent" e
      WHERE e."companyId" = ${companyId}::uuid
        AND e."contactId" IN (SELECT "contactId" FROM members)
        AND e."occurredAt" > ${since}::timestamptz AND e."occurredAt" <= ${now.toISOString()}::timestamptz
        AND e."type" IN ('email_delivered', 'email_opened', 'email_clicked', 'purchase', 'conversion')
      GROUP BY e."contactId"
    )
    SELECT p."id", p."name",
      count(m."contactId")::int AS "members",
      count(*) FILTER (WHERE a."delivered")::int AS "delivered",
      count(*) FILTER (WHERE a."opened")::int AS "opened",
      count(*) FILTER (WHERE a."clicked")::int AS "clicked",
      count(*) FILTER (WHERE a."converted")::int AS "converted",
      coalesce(sum(a."revenue"), 0)::text AS "revenue"
    FROM picked p
    LEFT JOIN members m ON m."segmentId" = p."id"
    LEFT JOIN acted a ON a."contactId" = m."contactId"
    GROUP BY p."id", p."name"`);
  const overlapRows = await db.$queryRaw<{ n: number }[]>(sql`
    SELECT count(*)::int AS "n" FROM "SegmentMembership" a
    JOIN "SegmentMembership" b ON b."companyId" = a."companyId" AND b."contactId" = a."contactId"
      AND b."segmentId" = ${bId}::uuid
    WHERE a."companyId" = ${companyId}::uuid AND a."segmentId" = ${aId}::uuid`);
  const byId = new Map(rows.map((row) => [row.id, performance(row)]));
  const a = byId.get(aId.toLowerCase());
  const b = byId.get(bId.toLowerCase());
  if (!a || !b) throw new NotFoundError("Segment not found");
  return { a, b, overlap: overlapRows[0]?.n ?? 0, days };
}

function performance(row: Row): SegmentPerformance {
  return {
    ...row,
    revenue: Number(row.revenue),
    openRate: ratio(row.opened, row.delivered),
    clickRate: ratio(row.clicked, row.delivered),
    conversionRate: ratio(row.converted, row.members),
  };
}

/** "2.3x higher": how many times A's figure is B's; null when B's is 0. */
export function timesHigher(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}
