import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid, NotFoundError } from "@/lib/errors";

/** How many contacts two segments of one company share, with each one's size. */
export type SegmentOverlap = {
  segment: { id: string; name: string; size: number };
  other: { id: string; name: string; size: number };
  /** Contacts in both. */
  shared: number;
};

/**
 * Counts over the stored membership (what campaigns would send to), company-scoped:
 * NotFoundError when either segment is not this company's.
 */
export async function segmentOverlap(companyId: string, segmentId: string, otherId: string): Promise<SegmentOverlap> {
  if (!isUuid(companyId) || !isUuid(segmentId) || !isUuid(otherId)) throw new NotFoundError("Segment not found");
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string; name: string; size: number; shared: number }[]>(sql`
    WITH shared AS (
      SELECT count(*)::int AS "n" FROM "SegmentMembership" a
      JOIN "SegmentMembership" b
        ON b."companyId" = a."companyId" AND b."segmentId" = ${otherId}::uuid AND b."contactId" = a."contactId"
      WHERE a."companyId" = ${companyId}::uuid AND a."segmentId" = ${segmentId}::uuid
    )
    SELECT s."id"::text AS "id", s."name", shared."n" AS "shared",
      (SELECT count(*)::int FROM "SegmentMembership" m
        WHERE m."companyId" = s."companyId" AND m."segmentId" = s."id") AS "size"
    FROM "Segment" s CROSS JOIN shared
    WHERE s."companyId" = ${companyId}::uuid AND s."id" IN (${segmentId}::uuid, ${otherId}::uuid)`);
  const find = (id: string) => rows.find((row) => row.id === id.toLowerCase());
  const segment = find(segmentId);
  const other = find(otherId);
  if (!segment || !other) throw new NotFoundError("Segment not found");
  return {
    segment: { id: segment.id, name: segment.name, size: Number(segment.size) },
    other: { id: other.id, name: other.name, size: Number(other.size) },
    shared: Number(segment.shared),
  };
}

/** The company's segments to compare with (the select's options), by name. */
export async function listSegmentChoices(
  companyId: string,
): Promise<{ id: string; name: string; type: "DYNAMIC" | "STATIC"; contactCount: number }[]> {
  if (!isUuid(companyId)) return [];
  const db = await getDb();
  return db.segment.findMany({
    where: { companyId },
    select: { id: true, name: true, type: true, contactCount: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 1000,
  });
}
