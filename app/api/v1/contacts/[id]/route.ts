import { apiRoute, json } from "@/lib/api/handler";
import { apiContact } from "@/lib/api/serialize";
import { getContact } from "@/lib/data/contacts";
import { NotFoundError } from "@/lib/errors";

/** The contact with its tags, custom fields and segments; 404 for an id that is not this company's. */
export const GET = apiRoute<{ id: string }>(async ({ companyId, params }) => {
  const contact = await getContact(companyId, params.id);
  if (!contact) throw new NotFoundError("Contact not found");
  return json(apiContact(contact));
});
