import { apiRoute, json } from "@/lib/api/handler";
import { apiCustomField } from "@/lib/api/serialize";
import { CustomFieldDefinitionInputSchema } from "@/lib/contacts/custom-field-schema";
import { createCustomField, listCustomFields } from "@/lib/data/contacts/custom-fields";

/** `{ customFields: [...] }`, by label. */
export const GET = apiRoute(async ({ companyId }) => {
  const fields = await listCustomFields(companyId);
  return json({ customFields: fields.map(apiCustomField) });
});

/** A new custom field, 201; 409 when the key is taken. */
export const POST = apiRoute(async ({ companyId, body }) => {
  const input = await body(CustomFieldDefinitionInputSchema);
  return json(apiCustomField(await createCustomField(companyId, input)), 201);
});
