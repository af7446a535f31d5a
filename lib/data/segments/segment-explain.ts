import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { EventType } from "@/lib/generated/prisma/enums";
import { type ExplainNode, explainDefinition, forEachCondition, parseFieldRef } from "@/lib/segments/engine";
import { loadSegmentCatalog, validDefinitionOrThrow } from "./segment-catalog";

/**
 * "Why is this contact (not) in the segment?": the reference evaluator's tree for one
 * contact, every group and condition marked matched / not matched with the contact's
 * actual value. Same semantics as the compiled SQL (the differential test holds them
 * together), so the verdict agrees with a recalculation run at the same moment.
 */

export type ExplainOptions = {
  /** "Today" for the rules (default: the current time). */
  now?: Date;
  /** The segment being edited, so a reference to itself is reported as a cycle. */
  segmentId?: string;
};

/**
 * The explain tree of `definition` (untrusted: ValidationError when invalid for the
 * company) for one contact; null when the contact is not this company's.
 */
export async function explainContact(
  companyId: string,
  definition: unknown,
  contactId: string,
  options: ExplainOptions = {},
): Promise<ExplainNode | null> {
  const catalog = await loadSegmentCatalog(companyId);
  const valid = validDefinitionOrThrow(definition, catalog, options.segmentId);
  if (!isUuid(companyId) || !isUuid(contactId)) return null;
  const db = await getDb();
  const contact = await db.contact.findUnique({ where: { companyId_id: { companyId, id: contactId } } });
  if (!contact) return null;

  // Only what the definition can look at: events of the types it names, campaigns when a
  // condition filters on campaign names.
  const eventTypes = new Set<EventType>();
  let needsCampaigns = false;
  forEachCondition(valid, (condition) => {
    const ref = parseFieldRef(condition.field);
    if ("kind" in ref && ref.kind === "event") eventTypes.add(ref.eventType);
    if (condition.filter?.campaignNameContains !== undefined) needsCampaigns = true;
  });
  const [events, memberships, campaigns] = await Promise.all([
    eventTypes.size === 0
      ? []
      : db.contactEvent.findMany({
          where: { companyId, contactId: contact.id, type: { in: [...eventTypes] } },
          select: { type: true, occurredAt: true, campaignId: true, url: true, device: true },
        }),
    db.segmentMembership.findMany({ where: { companyId, contactId: contact.id }, select: { segmentId: true } }),
    needsCampaigns ? db.campaign.findMany({ where: { companyId }, select: { id: true, name: true } }) : [],
  ]);

  return explainDefinition(
    valid,
    {
      contact,
      events,
      memberships: new Set(memberships.map((m) => m.segmentId.toLowerCase())),
      campaigns,
      customFieldTypes: catalog.customFieldTypes,
      now: options.now ?? new Date(),
    },
    { segmentNames: catalog.segmentNames },
  );
}
