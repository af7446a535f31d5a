import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { type RowError, rowMessage } from "@/lib/api/bulk";
import { EventInputSchema, type NormalizedEvent } from "@/lib/contacts/event-schema";
import { refreshContactActivity } from "@/lib/data/contacts/contact-activity";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";

/**
 * Contact events in bulk (POST /api/v1/events): each row names an existing contact of the
 * company by email or id; events never create contacts. Valid rows are inserted with one
 * statement; then the touched contacts' activity columns (lastActivityAt, lastOpenedAt,
 * lastClickedAt, lastEmailSentAt, lastOpenedDevice) are recomputed from their events, and
 * unsubscribes and bounces set the subscription status.
 */

export type RecordEventsResult = {
  accepted: number;
  errors: RowError[];
  /** The contacts that got events (for recalculating the segments that depend on them). */
  contactIds: string[];
  /** The types of the stored events. */
  types: NormalizedEvent["type"][];
};

/** A resolved event: the contact is an id of this company. */
type ResolvedEvent = NormalizedEvent & { index: number; contactId: string };

/** Event types that change the contact's subscription status. */
const STATUS_OF_EVENT: Partial<Record<NormalizedEvent["type"], SubscriptionStatus>> = {
  unsubscribed: "UNSUBSCRIBED",
  email_bounced: "BOUNCED",
};

export async function recordEvents(companyId: string, rows: readonly unknown[]): Promise<RecordEventsResult> {
  if (!isUuid(companyId)) throw new Error("recordEvents: companyId must be a UUID");
  const errors: RowError[] = [];
  const parsed: (NormalizedEvent & { index: number })[] = [];
  rows.forEach((row, index) => {
    const result = EventInputSchema.safeParse(row);
    if (result.success) parsed.push({ ...result.data, index });
    else errors.push({ index, message: rowMessage(result.error.issues) });
  });

  const { resolved, unresolved } = await resolveContacts(companyId, parsed);
  errors.push(...unresolved);
  errors.sort((a, b) => a.index - b.index);
  if (resolved.length === 0) return { accepted: 0, errors, contactIds: [], types: [] };

  const db = await getDb();
  const records = resolved.map((e) => ({
    contactId: e.contactId,
    type: e.type,
    occurredAt: e.occurredAt.toISOString(),
    campaignId: e.campaignId ?? null,
    url: e.url ?? null,
    device: e.device ?? null,
    revenue: e.revenue ?? null,
  }));
  // The join drops a contact deleted since it was resolved instead of failing the batch.
  const accepted = await db.$executeRaw(sql`
    INSERT INTO "ContactEvent" ("companyId", "contactId", "type", "occurredAt", "campaignId", "url", "device", "revenue")
    SELECT c."companyId", c."id", r."type"::"EventType", r."occurredAt", r."campaignId", r."url", r."device"::"Device", r."revenue"
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(
      "contactId" uuid, "type" text, "occurredAt" timestamptz, "campaignId" text, "url" text, "device" text, "revenue" numeric)
    JOIN "Contact" c ON c."companyId" = ${companyId}::uuid AND c."id" = r."contactId"`);

  const contactIds = [...new Set(resolved.map((e) => e.contactId))];
  await applySubscriptionEvents(companyId, resolved);
  await refreshContactActivity(companyId, contactIds);
  return { accepted, errors, contactIds, types: [...new Set(resolved.map((e) => e.type))] };
}

/** Turns each event's email or contactId into a contact id of the company; the rest are errors. */
async function resolveContacts(
  companyId: string,
  events: readonly (NormalizedEvent & { index: number })[],
): Promise<{ resolved: ResolvedEvent[]; unresolved: RowError[] }> {
  const emails = [...new Set(events.flatMap((e) => (e.email ? [e.email] : [])))];
  const ids = [
    ...new Set(events.flatMap((e) => (e.contactId && isUuid(e.contactId) ? [e.contactId.toLowerCase()] : []))),
  ];
  const db = await getDb();
  const [byEmailRows, byIdRows] = await Promise.all([
    emails.length
      ? db.$queryRaw<{ id: string; email: string }[]>(sql`
          SELECT "id", "email" FROM "Contact" WHERE "companyId" = ${companyId}::uuid AND "email" = ANY(${emails}::text[])`)
      : [],
    ids.length
      ? db.$queryRaw<{ id: string }[]>(sql`
          SELECT "id" FROM "Contact" WHERE "companyId" = ${companyId}::uuid AND "id" = ANY(${ids}::uuid[])`)
      : [],
  ]);
  const idOfEmail = new Map(byEmailRows.map((row) => [row.email, row.id]));
  const knownIds = new Set(byIdRows.map((row) => row.id));

  const resolved: ResolvedEvent[] = [];
  const unresolved: RowError[] = [];
  for (const event of events) {
    if (event.email !== undefined) {
      const id = idOfEmail.get(event.email);
      if (id) resolved.push({ ...event, contactId: id });
      else unresolved.push({ index: event.index, message: `email: no contact with the email ${event.email}` });
    } else {
      const id = event.contactId?.toLowerCase();
      if (id && knownIds.has(id)) resolved.push({ ...event, contactId: id });
      else unresolved.push({ index: event.index, message: `contactId: no contact with the id ${event.contactId}` });
    }
  }
  return { resolved, unresolved };
}

/**
 * Unsubscribed → UNSUBSCRIBED, email_bounced → BOUNCED, when the event is the contact's
 * latest-dated of those two types, whatever order they arrive in (the rule language,
 * ../shared/segment-rules.md). Within the batch the latest one per contact is the
 * candidate (an unsubscribe wins a tie); it then applies only if dated after
 * subscriptionStatusAt, the time of the event that last set the status or of a contact
 * write that did: an older event arriving late, or one dated at or before a contact
 * write, changes nothing. At the same instant as a winning bounce, an unsubscribe wins.
 */
async function applySubscriptionEvents(companyId: string, events: readonly ResolvedEvent[]): Promise<void> {
  const latest = new Map<string, { at: number; status: SubscriptionStatus }>();
  for (const event of events) {
    const status = STATUS_OF_EVENT[event.type];
    if (!status) continue;
    const at = event.occurredAt.getTime();
    const current = latest.get(event.contactId);
    if (!current || at > current.at || (at === current.at && status === "UNSUBSCRIBED")) {
      latest.set(event.contactId, { at, status });
    }
  }
  if (latest.size === 0) return;
  const changes = [...latest].map(([contactId, { at, status }]) => ({
    contactId,
    status,
    at: new Date(at).toISOString(),
  }));
  const db = await getDb();
  // The same-instant case: the status at that time was set by a bounce event (one is
  // stored at that instant), not by a contact write, which holds against it.
  await db.$executeRaw(sql`
    UPDATE "Contact" c SET "subscriptionStatus" = r."status"::"SubscriptionStatus", "subscriptionStatusAt" = r."at",
      "updatedAt" = now()
    FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS r("contactId" uuid, "status" text, "at" timestamptz)
    WHERE c."companyId" = ${companyId}::uuid AND c."id" = r."contactId"
      AND (c."subscriptionStatusAt" IS NULL OR r."at" > c."subscriptionStatusAt"
        OR (r."at" = c."subscriptionStatusAt" AND r."status" = 'UNSUBSCRIBED' AND c."subscriptionStatus" = 'BOUNCED'
          AND EXISTS (
            SELECT 1 FROM "ContactEvent" e
            WHERE e."companyId" = c."companyId" AND e."contactId" = c."id"
              AND e."type" = 'email_bounced' AND e."occurredAt" = r."at")))`);
}
