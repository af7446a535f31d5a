import type { EventType } from "@/lib/segments/engine/fields";

/**
 * Which dynamic segments new events can move contacts in or out of (pure): those whose
 * rules name one of the events' types (`event.<type>`) or a contact field the events
 * update (lib/data/contacts/contact-activity.ts and the subscription status of lib/data/contacts/events.ts).
 */

/** The contact fields (`contact.<key>`) each event type changes when it arrives. */
export const CONTACT_FIELDS_CHANGED_BY: Record<EventType, readonly string[]> = {
  email_sent: ["lastEmailSentAt", "openedLastEmail"],
  email_delivered: [],
  email_opened: ["lastOpenedAt", "lastActivityAt", "lastOpenedDevice", "openedLastEmail"],
  email_clicked: ["lastClickedAt", "lastActivityAt"],
  email_bounced: ["subscriptionStatus"],
  unsubscribed: ["subscriptionStatus"],
  page_visited: ["lastActivityAt"],
  form_submitted: ["lastActivityAt"],
  purchase: ["lastActivityAt"],
  conversion: ["lastActivityAt"],
};

/** The rule fields (`event.…`, `contact.…`) that events of these types can change. */
export function fieldsChangedByEvents(types: Iterable<EventType>): Set<string> {
  const fields = new Set<string>();
  for (const type of types) {
    fields.add(`event.${type}`);
    for (const field of CONTACT_FIELDS_CHANGED_BY[type] ?? []) fields.add(`contact.${field}`);
  }
  return fields;
}

/** Every `field` a stored definition names, at any depth, exclusions included; tolerant of bad JSON. */
export function fieldsOfDefinition(rules: unknown): Set<string> {
  const fields = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 20 || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.field === "string") fields.add(record.field);
    visit(record.groups, depth + 1);
    visit(record.exclusions, depth + 1);
    visit(record.conditions, depth + 1);
  };
  visit(rules, 0);
  return fields;
}

/** Whether a definition names any of the changed fields. */
export function isAffectedBy(rules: unknown, changed: ReadonlySet<string>): boolean {
  for (const field of fieldsOfDefinition(rules)) if (changed.has(field)) return true;
  return false;
}
