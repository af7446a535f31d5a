import "server-only";
import { z } from "zod";
import { type Actor, authorize, isPlatformAdmin, type Permission } from "@/lib/auth/authz";
import {
  findSegmentCompanyId,
  getSegment,
  getSegmentUsage,
  type SegmentUsage,
} from "@/lib/data/segments/segment-reads";
import { deleteSegment } from "@/lib/data/segments/segment-writes";
import { isUuid, NotFoundError } from "@/lib/errors";
import { type ActionResult, toActionError } from "./action-result";

/**
 * The work behind the segments list's server actions, with the actor passed in (no
 * next-auth here), so integration tests can call it directly. app/(app)/segments/actions.ts
 * only finds the actor and forwards.
 */

/**
 * The company of the segment this actor may act on: the company they work in; for a
 * platform admin, whichever company owns it. A member asking for another company's
 * segment gets NotFoundError, exactly as for an id that does not exist.
 */
export async function segmentCompanyFor(
  actor: Actor,
  scopeCompanyId: string,
  segmentId: string,
  permission: Permission,
): Promise<string> {
  if (!isUuid(segmentId)) throw new NotFoundError("Segment not found");
  let companyId: string | null = scopeCompanyId;
  if (!(await getSegment(scopeCompanyId, segmentId))) {
    companyId = isPlatformAdmin(actor) ? await findSegmentCompanyId(segmentId) : null;
  }
  if (!companyId) throw new NotFoundError("Segment not found");
  authorize(actor, permission, companyId);
  return companyId;
}

export const deleteSegmentInputSchema = z.object({
  id: z.string().max(100),
});

export type DeleteSegmentInput = z.input<typeof deleteSegmentInputSchema>;

export type DeleteSegmentInfo = { id: string; name: string; contactCount: number; usage: SegmentUsage };

/** What the delete dialog shows before the user confirms. */
export async function segmentDeleteInfoAs(
  actor: Actor,
  scopeCompanyId: string,
  id: unknown,
): Promise<ActionResult<DeleteSegmentInfo>> {
  try {
    const segmentId = z.string().max(100).parse(id);
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, segmentId, "segments:write");
    const [segment, usage] = await Promise.all([
      getSegment(companyId, segmentId),
      getSegmentUsage(companyId, segmentId),
    ]);
    if (!segment || !usage) throw new NotFoundError("Segment not found");
    return {
      ok: true,
      data: { id: segment.id, name: segment.name, contactCount: segment.contactCount, usage },
    };
  } catch (error) {
    return toActionError(error instanceof z.ZodError ? new NotFoundError() : error);
  }
}

/** Deletes the segment (never its contacts) if this actor may; refusals come back as messages. */
export async function deleteSegmentAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<{ name: string }>> {
  const parsed = deleteSegmentInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid request.", code: "validation_error" };
  try {
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, parsed.data.id, "segments:write");
    const deleted = await deleteSegment(companyId, parsed.data.id);
    return { ok: true, data: { name: deleted.name } };
  } catch (error) {
    return toActionError(error);
  }
}
