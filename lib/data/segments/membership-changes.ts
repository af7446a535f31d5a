import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";

/** One contact entering or leaving one segment, as a run recorded it. */
export type MembershipChangeDto = {
  /** SegmentMembershipChange id (unique per company): the key consumers deduplicate on. */
  changeId: string;
  runId: string;
  segmentId: string;
  contactId: string;
  kind: "ENTERED" | "EXITED";
  at: Date;
};

/** Most rows one call returns: consumers page with `afterChangeId`. */
export const MEMBERSHIP_CHANGE_PAGE = 5_000;

/**
 * The entered/exited rows the given runs wrote, oldest first, for the consumers of
 * `segment/membership.changed` (automations, webhooks). Company first, in the where.
 */
export async function listMembershipChangesOfRuns(
  companyId: string,
  runIds: readonly string[],
  options: { afterChangeId?: string; limit?: number } = {},
): Promise<MembershipChangeDto[]> {
  const ids = runIds.filter(isUuid);
  if (!isUuid(companyId) || ids.length === 0) return [];
  const db = await getDb();
  const rows = await db.segmentMembershipChange.findMany({
    where: {
      companyId,
      recalculationId: { in: ids },
      ...(options.afterChangeId ? { id: { gt: BigInt(options.afterChangeId) } } : {}),
    },
    orderBy: { id: "asc" },
    take: Math.min(options.limit ?? MEMBERSHIP_CHANGE_PAGE, MEMBERSHIP_CHANGE_PAGE),
    select: { id: true, recalculationId: true, segmentId: true, contactId: true, kind: true, at: true },
  });
  return rows.map((row) => ({
    changeId: row.id.toString(),
    runId: row.recalculationId,
    segmentId: row.segmentId,
    contactId: row.contactId,
    kind: row.kind,
    at: row.at,
  }));
}
