import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { isAffectedBy } from "@/lib/segments/event-dependents";
import { requestRecalculation } from "./request-recalculation";

/** Why contacts changed: recorded on the membership history rows the change causes. */
export type ContactChangeCause = "event" | "contact_update" | "import" | "automation" | "manual" | "api";

/**
 * CONTRACT of issue 15 (every write that can change a contact's membership calls this,
 * after its transaction committed): the contacts that changed and the rule fields the
 * change touched, in the rule language's names (`contact.tags`, `contact.lifecycleStage`,
 * `custom.<key>`, `event.<type>`), and the static segments whose members it changed.
 */
export type ContactsChange = {
  contactIds: readonly string[];
  /** Rule fields that may have changed for these contacts. */
  fields: readonly string[];
  /** Static segments these contacts were added to or removed from. */
  staticSegmentIds?: readonly string[];
  cause: ContactChangeCause;
  /** e.g. the event type, the import id, the workflow id. */
  causeDetail?: string;
};

/**
 * Brings the memberships that the change can affect up to date. This first form asks for
 * a full recalculation of each active dynamic segment whose rules read a changed field
 * (and of the dependents of changed static segments); the real-time work of issue 15
 * replaces it with a re-evaluation of the changed contacts only.
 */
export async function dispatchContactsChanged(companyId: string, change: ContactsChange): Promise<void> {
  if (!isUuid(companyId) || change.contactIds.length === 0) return;
  const changed = new Set(change.fields);
  const db = await getDb();
  const segments = await db.segment.findMany({
    where: { companyId, type: "DYNAMIC", status: "ACTIVE" },
    select: { id: true, rules: true },
    orderBy: { id: "asc" },
  });
  const targets = [
    ...segments.filter((segment) => isAffectedBy(segment.rules, changed)).map((segment) => segment.id),
    ...(change.staticSegmentIds ?? []).filter(isUuid),
  ];
  for (const segmentId of targets) {
    try {
      await requestRecalculation(companyId, segmentId, "EVENTS");
    } catch (error) {
      console.warn(`Recalculation after a contact change failed for segment ${segmentId}:`, error);
    }
  }
}
