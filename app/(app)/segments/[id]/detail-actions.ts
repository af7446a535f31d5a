import "server-only";
import { z } from "zod";
import { requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import type { Actor } from "@/lib/auth/authz";
import { explainContact } from "@/lib/data/segments/segment-explain";
import { findContactIdByEmail } from "@/lib/data/segments/segment-member-list";
import { getSegment } from "@/lib/data/segments/segment-reads";
import { NotFoundError } from "@/lib/errors";
import { type ActionResult, toActionError } from "@/lib/segments/action-result";
import type { ExplainNode } from "@/lib/segments/engine";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";
import { segmentCompanyFor } from "@/lib/segments/segment-actions";

/**
 * The work behind the detail page's server actions, with the actor passed in so
 * integration tests can call it without next-auth; ./actions.ts only finds the actor.
 */

export type RecalculateOutcome =
  | { mode: "queued" }
  | { mode: "inline"; status: "SUCCEEDED" | "FAILED" | "NONE"; entered: number; exited: number; error: string | null };

/** "Recalculate now": needs segments:write in the segment's company. */
export async function recalculateSegmentAs(
  actor: Actor,
  scopeCompanyId: string,
  id: unknown,
): Promise<ActionResult<RecalculateOutcome>> {
  try {
    const segmentId = z.string().max(100).parse(id);
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, segmentId, "segments:write");
    const request = await requestRecalculation(companyId, segmentId, "MANUAL", actor.userId);
    if (request.mode === "queued") return { ok: true, data: { mode: "queued" } };
    const run = request.result;
    return {
      ok: true,
      data: {
        mode: "inline",
        status: run?.status ?? "NONE",
        entered: run?.entered ?? 0,
        exited: run?.exited ?? 0,
        error: run?.error ?? null,
      },
    };
  } catch (error) {
    return toActionError(error instanceof z.ZodError ? new NotFoundError() : error);
  }
}

export type ExplainOutcome = { contactId: string; email: string; tree: ExplainNode };

const explainInputSchema = z.object({
  segmentId: z.string().max(100),
  email: z.string().max(320).superRefine(rejectUnstorableText),
});

/** "Why is this contact (not) in the segment?" for a contact of the segment's company, by email. */
export async function explainContactAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<ExplainOutcome>> {
  const parsed = explainInputSchema.safeParse(input);
  if (!parsed.success) {
    // A refined email (e.g. a NUL character in it) says why; a missing one asks for it.
    const refined = parsed.error.issues.find((issue) => issue.code === "custom" && issue.path[0] === "email");
    return {
      ok: false,
      error: refined ? `Email ${refined.message}.` : "Enter an email address.",
      code: "validation_error",
    };
  }
  const email = parsed.data.email.trim().toLowerCase();
  if (!email) return { ok: false, error: "Enter an email address.", code: "validation_error" };
  try {
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, parsed.data.segmentId, "segments:read");
    const segment = await getSegment(companyId, parsed.data.segmentId);
    if (!segment) throw new NotFoundError("Segment not found");
    if (segment.type === "STATIC" || !segment.rules) {
      return {
        ok: false,
        error: "A static segment has no rules: its members are added by hand, import or API.",
        code: "validation_error",
      };
    }
    const contactId = await findContactIdByEmail(companyId, email);
    if (!contactId) return { ok: false, error: `No contact with the email “${email}”.`, code: "not_found" };
    const tree = await explainContact(companyId, segment.rules, contactId, { segmentId: segment.id });
    if (!tree) return { ok: false, error: `No contact with the email “${email}”.`, code: "not_found" };
    return { ok: true, data: { contactId, email, tree } };
  } catch (error) {
    return toActionError(error);
  }
}
