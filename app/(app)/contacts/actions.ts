"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import { countMatchingContactsAs, deleteMatchingContactsAs, deleteSelectedContactsAs } from "./delete-actions";

// Input schema + the use-case in ./delete-actions.ts; lib/actions/client.ts does the rest.

/** "Delete selected" on the list, "Delete contact" and "Forget" on a contact's page. */
export const deleteContactsAction = asActionResult(
  authedAction
    .inputSchema(z.object({ contactIds: z.array(z.string()), forget: z.boolean().optional() }))
    .action(async ({ parsedInput, ctx }) => {
      const result = await deleteSelectedContactsAs(ctx.actor, ctx.companyId, parsedInput);
      if (result.ok) revalidateContacts();
      return result;
    }),
);

/** The exact count "Delete all matching" would delete. */
export const countMatchingContactsAction = asActionResult(
  authedAction
    .inputSchema(z.string())
    .action(({ parsedInput: q, ctx }) => countMatchingContactsAs(ctx.actor, ctx.companyId, q)),
);

/** "Delete all N matching this search". */
export const deleteMatchingContactsAction = asActionResult(
  authedAction
    .inputSchema(z.object({ q: z.string(), expectedCount: z.number(), typed: z.string() }))
    .action(async ({ parsedInput, ctx }) => {
      const result = await deleteMatchingContactsAs(ctx.actor, ctx.companyId, parsedInput);
      if (result.ok) revalidateContacts();
      return result;
    }),
);

/** Counts on the list, segment sizes and the audit log all changed. */
function revalidateContacts() {
  revalidatePath("/contacts");
  revalidatePath("/segments");
  revalidatePath("/settings/audit-log");
}
