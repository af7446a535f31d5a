import "server-only";
import { z } from "zod";
import { type Actor, authorize } from "@/lib/auth/authz";
import { TYPE_TO_CONFIRM_ABOVE } from "@/lib/contacts/delete-schema";
import { countContactsMatching, deleteContacts, deleteContactsMatching } from "@/lib/data/contacts/contact-deletion";
import type { AuditActor } from "@/lib/data/platform/audit-log";
import { ForbiddenError } from "@/lib/errors";
import type { ActionResult } from "@/lib/segments/action-result";

/**
 * Deleting contacts from the app (the list's "Delete selected" and "Delete all matching",
 * the contact page's "Delete contact" and "Forget"), with the actor passed in (./actions.ts
 * finds it). contacts:write in the company the actor works in; ids of another company
 * delete nothing.
 */

/** At most this many ticked rows per click: a few pages of the list. */
export const MAX_SELECTED = 1_000;

const selectedSchema = z.object({
  contactIds: z.array(z.string().max(100)).min(1, "Select at least one contact.").max(MAX_SELECTED),
  forget: z.boolean().optional(),
});

const matchingSchema = z.object({
  q: z.string().max(200).default(""),
  /** The count the user confirmed; the deletion is refused if the search now matches another number. */
  expectedCount: z.number().int().min(1),
  /** What the user typed (the count) when TYPE_TO_CONFIRM_ABOVE is passed. */
  typed: z.string().max(50).default(""),
});

const actorOf = (actor: Actor): AuditActor => ({ userId: actor.userId, label: actor.email });

const FORBIDDEN = "You may not delete contacts in this company.";
const FAILED = "The contacts could not be deleted. Please try again.";

export async function deleteSelectedContactsAs(
  actor: Actor,
  companyId: string,
  input: unknown,
): Promise<ActionResult<{ deleted: number }>> {
  const parsed = selectedSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid selection.", code: "validation_error" };
  }
  return run(actor, companyId, async () => {
    const { contactIds, forget } = parsed.data;
    const { deleted } = await deleteContacts(companyId, { contactIds }, actorOf(actor), { forget: forget === true });
    if (deleted === 0) {
      return { ok: false, error: "These contacts do not exist (any more).", code: "not_found" } as const;
    }
    return { ok: true, data: { deleted } } as const;
  });
}

export async function countMatchingContactsAs(
  actor: Actor,
  companyId: string,
  q: unknown,
): Promise<ActionResult<{ count: number }>> {
  const parsed = z
    .string()
    .max(200)
    .safeParse(q ?? "");
  if (!parsed.success) return { ok: false, error: "Enter at most 200 characters.", code: "validation_error" };
  return run(actor, companyId, async () => ({
    ok: true,
    data: { count: await countContactsMatching(companyId, parsed.data.trim() || undefined) },
  }));
}

export async function deleteMatchingContactsAs(
  actor: Actor,
  companyId: string,
  input: unknown,
): Promise<ActionResult<{ deleted: number }>> {
  const parsed = matchingSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid request.", code: "validation_error" };
  const { q, expectedCount, typed } = parsed.data;
  if (expectedCount > TYPE_TO_CONFIRM_ABOVE && typed.replace(/[,\s]/g, "") !== String(expectedCount)) {
    return {
      ok: false,
      error: `Type ${expectedCount} to confirm.`,
      code: "validation_error",
      issues: [{ path: ["typed"], message: `Type ${expectedCount} to confirm.` }],
    };
  }
  return run(actor, companyId, async () => {
    const search = q.trim() || undefined;
    // What the user confirmed must still be what would go.
    const now = await countContactsMatching(companyId, search);
    if (now !== expectedCount) {
      return {
        ok: false,
        error: `The search now matches ${now.toLocaleString("en-US")} contacts, not ${expectedCount.toLocaleString("en-US")}. Check and confirm again.`,
        code: "conflict",
      } as const;
    }
    const { deleted } = await deleteContactsMatching(companyId, search, actorOf(actor));
    return { ok: true, data: { deleted } } as const;
  });
}

async function run<T>(actor: Actor, companyId: string, work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    authorize(actor, "contacts:write", companyId);
    return await work();
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, error: FORBIDDEN, code: "forbidden" };
    console.error(error);
    return { ok: false, error: FAILED, code: "internal" };
  }
}
