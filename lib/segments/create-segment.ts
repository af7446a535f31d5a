import "server-only";
import type { z } from "zod";
import { type RecalculationRequest, requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import type { SegmentDetail } from "@/lib/data/segments/segment-reads";
import { type AddMembersResult, addStaticMembers } from "@/lib/data/segments/segment-static-members";
import { createSegment } from "@/lib/data/segments/segment-writes";
import type { createSegmentInputSchema } from "./schema";

/** A segment to create (parsed by a schema built on createSegmentInputSchema), with a static one's first members. */
export type NewSegment = z.output<typeof createSegmentInputSchema> & { contactIds?: string[]; emails?: string[] };

export type CreatedSegment = {
  segment: SegmentDetail;
  /** Dynamic: its first recalculation, run now or queued for the background job. */
  recalculation?: RecalculationRequest["mode"];
  /** Static: the contacts added, when some were given. */
  members?: AddMembersResult;
};

/**
 * Creating a segment, written once for the builder (createSegmentAs) and POST
 * /api/v1/segments: the engine checks a dynamic segment's rules against the company's
 * catalog and its first recalculation is requested; a static one gets the given contacts.
 * `via` records where the request came from (recalculation trigger, how members were added).
 */
export async function createSegmentWithMembers(
  companyId: string,
  input: NewSegment,
  by: { userId: string | null; via: "builder" | "api" },
): Promise<CreatedSegment> {
  const { contactIds = [], emails = [], ...segment } = input;
  const created = await createSegment(companyId, by.userId, segment);
  if (created.type === "DYNAMIC") {
    const trigger = by.via === "api" ? "API" : "SAVE";
    const request = await requestRecalculation(companyId, created.id, trigger, by.userId ?? undefined);
    return { segment: created, recalculation: request.mode };
  }
  if (!contactIds.length && !emails.length) return { segment: created };
  const addedVia = by.via === "api" ? "API" : "MANUAL";
  return { segment: created, members: await addStaticMembers(companyId, created.id, { contactIds, emails }, addedVia) };
}
