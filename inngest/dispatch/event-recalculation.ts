import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { EventType } from "@/lib/segments/engine/fields";
import { fieldsChangedByEvents, isAffectedBy } from "@/lib/segments/event-dependents";
import { requestRecalculation } from "./request-recalculation";

/**
 * After events were stored: asks for the recalculation of the company's active dynamic
 * segments whose rules read what the events changed (trigger EVENTS). Repeats collapse:
 * each segment is asked for once per batch; a segment already QUEUED is left alone (its
 * run has not started, so it will read these events); and on the background worker,
 * requests for one segment within 10 s become one run (its debounce). Segments that
 * depend on these (in_segment) follow through the usual dependency chain.
 */
export async function requestRecalculationForEvents(
  companyId: string,
  types: readonly EventType[],
): Promise<{ requested: string[] }> {
  if (!isUuid(companyId) || types.length === 0) return { requested: [] };
  const changed = fieldsChangedByEvents(new Set(types));
  const db = await getDb();
  const segments = await db.segment.findMany({
    where: { companyId, type: "DYNAMIC", status: "ACTIVE", recalculationState: { not: "QUEUED" } },
    select: { id: true, rules: true },
    orderBy: { id: "asc" },
  });
  const requested: string[] = [];
  for (const segment of segments) {
    if (!isAffectedBy(segment.rules, changed)) continue;
    try {
      await requestRecalculation(companyId, segment.id, "EVENTS");
      requested.push(segment.id);
    } catch (error) {
      // Deleted meanwhile, or a failed run (recorded on the segment): the schedule retries.
      console.warn(`Recalculation after events failed for segment ${segment.id}:`, error);
    }
  }
  return { requested };
}
