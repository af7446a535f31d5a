"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/segments-admin/action-result";
import { requireCompanyScope } from "@/lib/session";
import { countMatchingContactsAs, deleteMatchingContactsAs, deleteSelectedContactsAs } from "./delete-actions";

// Thin wrappers: find who is asking, then ./delete-actions.ts decides.

/** "Delete selected" on the list, "Delete contact" and "Forget" on a contact's page. */
export async function deleteContactsAction(input: {
  contactIds: string[];
  forget?: boolean;
}): Promise<ActionResult<{ deleted: number }>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await deleteSelectedContactsAs(actor, companyId, input);
  if (result.ok) revalidateContacts();
  return result;
}

/** The exact count "Delete all matching" would delete. */
export async function countMatchingContactsAction(q: string): Promise<ActionResult<{ count: number }>> {
  const { actor, companyId } = await requireCompanyScope();
  return countMatchingContactsAs(actor, companyId, q);
}

/** "Delete all N matching this search". */
export async function deleteMatchingContactsAction(input: {
  q: string;
  expectedCount: number;
  typed: string;
}): Promise<ActionResult<{ deleted: number }>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await deleteMatchingContactsAs(actor, companyId, input);
  if (result.ok) revalidateContacts();
  return result;
}

/** Counts on the list, segment sizes and the audit log all changed. */
function revalidateContacts() {
  revalidatePath("/contacts");
  revalidatePath("/segments");
  revalidatePath("/settings/audit-log");
}
