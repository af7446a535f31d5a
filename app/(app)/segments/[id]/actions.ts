"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import { explainContactAs, recalculateSegmentAs } from "./detail-actions";
import { computeAnalyticsNowAs, segmentOverlapAs } from "./insight-actions";
import { addStaticMembersAs, removeStaticMembersAs, searchContactsToAddAs } from "./static-member-actions";

// Input schema + the use-case in ./detail-actions.ts, ./insight-actions.ts or
// ./static-member-actions.ts; lib/actions/client.ts does the rest.

const segmentId = z.string();
const contactIds = z.array(z.string());

/** "Recalculate now" on the detail page. */
export const recalculateSegmentAction = asActionResult(
  authedAction.inputSchema(segmentId).action(async ({ parsedInput: id, ctx }) => {
    const result = await recalculateSegmentAs(ctx.actor, ctx.companyId, id);
    if (result.ok) revalidateSegment(id);
    return result;
  }),
);

/** The explain tree of the segment's rules for the contact with this email. */
export const explainContactAction = asActionResult(
  authedAction
    .inputSchema(z.object({ segmentId, email: z.string() }))
    .action(({ parsedInput, ctx }) => explainContactAs(ctx.actor, ctx.companyId, parsedInput)),
);

/** Contacts the segment shares with another segment of its company. */
export const segmentOverlapAction = asActionResult(
  authedAction
    .inputSchema(z.object({ segmentId, otherId: z.string() }))
    .action(({ parsedInput, ctx }) => segmentOverlapAs(ctx.actor, ctx.companyId, parsedInput)),
);

/** Runs the analytics backfill of the last 30 days for the segment's company. */
export const computeAnalyticsNowAction = asActionResult(
  authedAction.inputSchema(segmentId).action(async ({ parsedInput: id, ctx }) => {
    const result = await computeAnalyticsNowAs(ctx.actor, ctx.companyId, id);
    if (result.ok) revalidatePath(`/segments/${id}`);
    return result;
  }),
);

/** Contacts to offer in a static segment's "Add contacts" search. */
export const searchContactsToAddAction = asActionResult(
  authedAction
    .inputSchema(z.object({ segmentId, q: z.string() }))
    .action(({ parsedInput, ctx }) => searchContactsToAddAs(ctx.actor, ctx.companyId, parsedInput)),
);

/** Adds the picked contacts to a static segment. */
export const addStaticMembersAction = asActionResult(
  authedAction.inputSchema(z.object({ segmentId, contactIds })).action(async ({ parsedInput, ctx }) => {
    const result = await addStaticMembersAs(ctx.actor, ctx.companyId, parsedInput);
    if (result.ok) revalidateSegment(parsedInput.segmentId);
    return result;
  }),
);

/** Removes the selected members from a static segment. */
export const removeStaticMembersAction = asActionResult(
  authedAction.inputSchema(z.object({ segmentId, contactIds })).action(async ({ parsedInput, ctx }) => {
    const result = await removeStaticMembersAs(ctx.actor, ctx.companyId, parsedInput);
    if (result.ok) revalidateSegment(parsedInput.segmentId);
    return result;
  }),
);

function revalidateSegment(id: string): void {
  revalidatePath(`/segments/${id}`);
  revalidatePath("/segments");
}
