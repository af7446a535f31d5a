import { bulkEnvelope } from "@/lib/api/bulk";
import { apiRoute, json } from "@/lib/api/handler";
import { upsertContacts } from "@/lib/data/contacts/contact-upsert";

const MAX_CONTACTS_PER_REQUEST = 1_000;

const Body = bulkEnvelope("contacts", MAX_CONTACTS_PER_REQUEST, "contacts");

/** Upsert by email: `{ created, updated, errors: [{ index, message }] }`; valid rows are kept. */
export const POST = apiRoute(async ({ companyId, body }) => {
  const { contacts } = await body(Body);
  return json(await upsertContacts(companyId, contacts));
});
