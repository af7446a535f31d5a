import { apiRoute, json } from "@/lib/api/handler";
import { apiContact } from "@/lib/api/serialize";
import { deleteContactQuerySchema } from "@/lib/contacts/delete-schema";
import { deleteContacts } from "@/lib/data/contacts/contact-deletion";
import { getContact } from "@/lib/data/contacts/contacts";
import { apiKeyActor } from "@/lib/data/platform/audit-log";
import { NotFoundError } from "@/lib/errors";

/** The contact with its tags, custom fields and segments; 404 for an id that is not this company's. */
export const GET = apiRoute<{ id: string }>(async ({ companyId, params }) => {
  const contact = await getContact(companyId, params.id);
  if (!contact) throw new NotFoundError("Contact not found");
  return json(apiContact(contact));
});

/** 204; with ?forget=true the email is also erased everywhere (GDPR). 404 for an id that is not this company's. */
export const DELETE = apiRoute<{ id: string }>(async ({ companyId, keyId, params, query }) => {
  const { forget } = query(deleteContactQuerySchema);
  const actor = await apiKeyActor(companyId, keyId);
  const result = await deleteContacts(companyId, { contactIds: [params.id] }, actor, { forget: forget === "true" });
  if (result.deleted === 0) throw new NotFoundError("Contact not found");
  return new Response(null, { status: 204 });
});
