import { z } from "zod";
import { recoverDeadRecalculations } from "@/inngest/dispatch/recover-dead-recalculations";
import { apiRoute, json } from "@/lib/api/handler";
import { encodeCursor, listQuerySchema } from "@/lib/api/pagination";
import { listSegmentPage } from "@/lib/data/segments/segment-pages";
import { getSegment } from "@/lib/data/segments/segment-reads";
import { NotFoundError } from "@/lib/errors";
import { API_SEGMENT_SORTS, apiCreateSegmentSchema } from "@/lib/segments/api-schema";
import { createSegmentWithMembers } from "@/lib/segments/create-segment";
import { apiSegment, apiSegmentSummary } from "./serialize";

/** The cursor holds the sort it was made for, the last row's sort value and its id. */
const ListQuery = listQuerySchema(z.tuple([z.enum(API_SEGMENT_SORTS), z.enum(["asc", "desc"]), z.string(), z.uuid()]))
  .extend({
    sort: z.enum(API_SEGMENT_SORTS, { error: 'expected "name" or "createdAt"' }).default("createdAt"),
    order: z.enum(["asc", "desc"], { error: 'expected "asc" or "desc"' }).optional(),
  })
  .superRefine((query, ctx) => {
    const order = query.order ?? (query.sort === "name" ? "asc" : "desc");
    if (!query.cursor) return;
    const [sort, cursorOrder, value] = query.cursor;
    const valid = sort === "createdAt" ? !Number.isNaN(Date.parse(value)) : true;
    if (sort !== query.sort || cursorOrder !== order || !valid) {
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: "Invalid cursor: pass the nextCursor of the previous page with the same sort and order",
      });
    }
  });

/** `{ segments: [...], nextCursor }`: newest first by default, or by name. */
export const GET = apiRoute(async ({ companyId, query }) => {
  const { q, cursor, limit, sort, order: givenOrder } = query(ListQuery);
  const order = givenOrder ?? (sort === "name" ? "asc" : "desc");
  const after = cursor ? { value: cursor[2], id: cursor[3] } : undefined;
  await recoverDeadRecalculations(companyId);
  const page = await listSegmentPage(companyId, { q, sort, order, after, limit });
  return json({
    segments: page.segments.map(apiSegmentSummary),
    nextCursor: page.next ? encodeCursor([sort, order, page.next.value, page.next.id]) : null,
  });
});

/**
 * Creates a dynamic segment (rules checked against the company's catalog, then its first
 * recalculation requested) or a static one (with the given contacts added), 201.
 */
export const POST = apiRoute(async ({ companyId, body }) => {
  const created = await createSegmentWithMembers(companyId, await body(apiCreateSegmentSchema), {
    userId: null,
    via: "api",
  });
  const segment = apiSegment(await reload(companyId, created.segment.id));
  if (created.recalculation) return json({ ...segment, recalculation: { mode: created.recalculation } }, 201);
  return json({ ...segment, ...(created.members ? { members: created.members } : {}) }, 201);
});

async function reload(companyId: string, id: string) {
  const segment = await getSegment(companyId, id);
  if (!segment) throw new NotFoundError("Segment not found"); // deleted meanwhile
  return segment;
}
