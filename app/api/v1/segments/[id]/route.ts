import { recoverDeadRecalculations } from "@/inngest/dispatch/recover-dead-recalculations";
import { requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import { apiRoute, json } from "@/lib/api/handler";
import { getSegment } from "@/lib/data/segments/segment-reads";
import { deleteSegment, updateSegment } from "@/lib/data/segments/segment-writes";
import { NotFoundError } from "@/lib/errors";
import { apiDeleteSegmentQuerySchema, apiUpdateSegmentSchema } from "@/lib/segments/api-schema";
import { apiSegment } from "../serialize";

type Params = { id: string };

/** The segment with contactCount and lastRecalculatedAt; 404 for an id that is not this company's. */
export const GET = apiRoute<Params>(async ({ companyId, params }) => {
  await recoverDeadRecalculations(companyId);
  const segment = await getSegment(companyId, params.id);
  if (!segment) throw new NotFoundError("Segment not found");
  return json(apiSegment(segment));
});

/** Any of name, description, rules; a real change of the rules requests a recalculation. */
export const PATCH = apiRoute<Params>(async ({ companyId, params, body }) => {
  const before = await getSegment(companyId, params.id);
  if (!before) throw new NotFoundError("Segment not found");
  const patch = await body(apiUpdateSegmentSchema);
  let updated = await updateSegment(companyId, params.id, patch);
  if (updated.definitionVersion !== before.definitionVersion) {
    const recalculation = await requestRecalculation(companyId, updated.id, "API");
    updated = (await getSegment(companyId, updated.id)) ?? updated;
    return json({ ...apiSegment(updated), recalculation: { mode: recalculation.mode } });
  }
  return json(apiSegment(updated));
});

/**
 * 204; 409 segment_in_use naming them while a campaign that has not finished or another
 * segment's rules use it. ?force is still accepted (old clients) but overrides nothing.
 * Contacts stay.
 */
export const DELETE = apiRoute<Params>(async ({ companyId, params, query }) => {
  query(apiDeleteSegmentQuerySchema);
  await deleteSegment(companyId, params.id);
  return new Response(null, { status: 204 });
});
