import { z } from "zod";
import { requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import { apiRoute, json } from "@/lib/api/handler";
import { encodeCursor, listQuerySchema } from "@/lib/api/pagination";
import { addStaticMembers, listSegmentMembers, removeStaticMembers } from "@/lib/data/segments/segment-static-members";
import { apiAddMembersSchema, apiRemoveMembersSchema } from "@/lib/segments/api-schema";
import { apiSegmentMember } from "../../serialize";

type Params = { id: string };

/** The cursor holds the last contact id served. */
const ListQuery = listQuerySchema(
  z.tuple([z.uuid()]).transform(([id]) => id),
  { defaultLimit: 100, maxLimit: 500 },
);

/** `{ contacts, total, nextCursor }`, in contact id order. */
export const GET = apiRoute<Params>(async ({ companyId, params, query }) => {
  const { q, cursor, limit } = query(ListQuery);
  const page = await listSegmentMembers(companyId, params.id, { q, after: cursor, limit });
  return json({
    contacts: page.contacts.map(apiSegmentMember),
    total: page.total,
    nextCursor: page.next ? encodeCursor([page.next]) : null,
  });
});

/** Static only: `{ contactIds?, emails? }` → `{ added, unknownContactIds, unknownEmails }`; 409 for a dynamic segment. */
export const POST = apiRoute<Params>(async ({ companyId, params, body }) => {
  const input = await body(apiAddMembersSchema);
  const result = await addStaticMembers(companyId, params.id, input, "API");
  if (result.added > 0) await refreshDependents(companyId, params.id);
  return json(result);
});

/** Static only: `{ contactIds }` → `{ removed }`; 409 for a dynamic segment. */
export const DELETE = apiRoute<Params>(async ({ companyId, params, body }) => {
  const { contactIds } = await body(apiRemoveMembersSchema);
  const result = await removeStaticMembers(companyId, params.id, contactIds);
  if (result.removed > 0) await refreshDependents(companyId, params.id);
  return json(result);
});

/** Segments whose rules say "in this segment" change with its members. */
async function refreshDependents(companyId: string, id: string): Promise<void> {
  await requestRecalculation(companyId, id, "API");
}
