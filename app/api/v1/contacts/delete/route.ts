import { apiRoute, json } from "@/lib/api/handler";
import { bulkDeleteContactsSchema } from "@/lib/contacts/delete-schema";
import { deleteContacts } from "@/lib/data/contacts/contact-deletion";
import { apiKeyActor } from "@/lib/data/platform/audit-log";

/**
 * `{ contactIds?, emails?, forget? }` → `{ deleted, unknownContactIds, unknownEmails }`,
 * in one transaction; ids and emails of no contact of the company come back as unknown.
 */
export const POST = apiRoute(async ({ companyId, keyId, body }) => {
  const { contactIds, emails, forget } = await body(bulkDeleteContactsSchema);
  const actor = await apiKeyActor(companyId, keyId);
  const { deleted, unknownContactIds, unknownEmails } = await deleteContacts(companyId, { contactIds, emails }, actor, {
    forget: forget === true,
  });
  return json({ deleted, unknownContactIds, unknownEmails });
});
