import "server-only";
import { z } from "zod";
import { requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import type { Actor } from "@/lib/auth/authz";
import {
  addStaticMembers,
  type ContactChoice,
  removeStaticMembers,
  searchContactsForSegment,
} from "@/lib/data/segments/segment-static-members";
import { NotFoundError } from "@/lib/errors";
import { type ActionResult, toActionError } from "@/lib/segments/action-result";
import { rejectUnstorableText, stripUnstorableText } from "@/lib/segments/engine/storable-text";
import { segmentCompanyFor } from "@/lib/segments/segment-actions";

/**
 * Adding and removing a static segment's members by hand on the detail page, with the
 * actor passed in (./actions.ts finds it). segments:write in the segment's company; a
 * segment or contact of another company is "not found".
 */

/** At most this many contacts per click: a page of the members table, a few picks. */
export const MAX_MEMBERS_PER_CHANGE = 500;

const contactIdsSchema = z.object({
  segmentId: z.string().max(100),
  contactIds: z
    .array(z.string().max(100))
    .min(1, "Select at least one contact.")
    .max(MAX_MEMBERS_PER_CHANGE)
    .superRefine(rejectUnstorableText),
});

const searchSchema = z.object({
  segmentId: z.string().max(100),
  q: z.string().max(200).transform(stripUnstorableText),
});

/** Contacts of the segment's company matching the search, for the "Add contacts" picker. */
export async function searchContactsToAddAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<ContactChoice[]>> {
  const parsed = searchSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Enter at most 200 characters.", code: "validation_error" };
  try {
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, parsed.data.segmentId, "segments:write");
    return { ok: true, data: await searchContactsForSegment(companyId, parsed.data.segmentId, parsed.data.q) };
  } catch (error) {
    return toActionError(error);
  }
}

export type AddMembersOutcome = { added: number; alreadyMembers: number; notFound: number };

/** Adds the picked contacts to the static segment; ids not of its company are counted as not found. */
export async function addStaticMembersAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<AddMembersOutcome>> {
  const parsed = contactIdsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { segmentId, contactIds } = parsed.data;
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, segmentId, "segments:write");
    const result = await addStaticMembers(companyId, segmentId, { contactIds }, "MANUAL");
    const notFound = result.unknownContactIds.length;
    if (result.added > 0) await recalculateDependents(companyId, segmentId, actor);
    const distinct = new Set(contactIds.map((id) => id.toLowerCase())).size;
    return { ok: true, data: { added: result.added, alreadyMembers: distinct - notFound - result.added, notFound } };
  } catch (error) {
    return toActionError(error);
  }
}

/** Removes the selected members from the static segment (ids that are not members are ignored). */
export async function removeStaticMembersAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<{ removed: number }>> {
  const parsed = contactIdsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { segmentId, contactIds } = parsed.data;
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, segmentId, "segments:write");
    const result = await removeStaticMembers(companyId, segmentId, contactIds);
    if (result.removed > 0) await recalculateDependents(companyId, segmentId, actor);
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

/**
 * Segments whose rules refer to this one follow its new membership: queued on Inngest, or
 * run here without a worker (requestRecalculation of a static segment runs its dependents).
 */
async function recalculateDependents(companyId: string, segmentId: string, actor: Actor): Promise<void> {
  try {
    await requestRecalculation(companyId, segmentId, "MANUAL", actor.userId);
  } catch (error) {
    // The members changed either way; the schedule catches the dependents up.
    if (!(error instanceof NotFoundError)) console.error("recalculating dependents failed", error);
  }
}

function invalid(error: z.ZodError): { ok: false; error: string; code: "validation_error" } {
  return { ok: false, error: error.issues[0]?.message ?? "Invalid input.", code: "validation_error" };
}
