import { z } from "zod";

/** One bulk delete request names at most this many contacts (more: several calls, or "delete all matching" in the app). */
export const MAX_CONTACTS_PER_DELETE = 1_000;

/** "Delete all matching" above this many contacts asks the user to type the count. */
export const TYPE_TO_CONFIRM_ABOVE = 100;

const limit = `at most ${MAX_CONTACTS_PER_DELETE.toLocaleString("en-US")} per request`;

/** `?forget=true` on DELETE /api/v1/contacts/:id. */
export const deleteContactQuerySchema = z.object({
  forget: z.enum(["true", "false"], { error: 'expected "true" or "false"' }).optional(),
});

/** POST /api/v1/contacts/delete: `{ contactIds?, emails?, forget? }`, at least one contact. */
export const bulkDeleteContactsSchema = z
  .strictObject({
    contactIds: z
      .array(z.string({ error: "expected a contact id" }).max(100), { error: "expected a list of contact ids" })
      .max(MAX_CONTACTS_PER_DELETE, limit)
      .optional(),
    emails: z
      .array(z.string({ error: "expected an email address" }).trim().max(320), {
        error: "expected a list of email addresses",
      })
      .max(MAX_CONTACTS_PER_DELETE, limit)
      .optional(),
    forget: z
      .boolean({ error: "expected true (erase the email everywhere: GDPR) or false" })
      .optional()
      .meta({ description: "Also erase the email wherever it survives (GDPR erasure); audited." }),
  })
  .refine((body) => (body.contactIds?.length ?? 0) + (body.emails?.length ?? 0) > 0, {
    path: ["contactIds"],
    message: "send contactIds and/or emails",
  })
  .refine((body) => (body.contactIds?.length ?? 0) + (body.emails?.length ?? 0) <= MAX_CONTACTS_PER_DELETE, {
    path: ["contactIds"],
    message: `${limit}, ids and emails together`,
  });

export type BulkDeleteContactsInput = z.infer<typeof bulkDeleteContactsSchema>;
