"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import { deleteSegmentAs, segmentDeleteInfoAs } from "@/lib/segments/segment-actions";

// Input schema + the use-case in lib/segments/segment-actions.ts; lib/actions/client.ts does the rest.

/** The segment and what deleting it would touch, for the confirmation dialog. */
export const getSegmentDeleteInfoAction = asActionResult(
  authedAction
    .inputSchema(z.string())
    .action(({ parsedInput: id, ctx }) => segmentDeleteInfoAs(ctx.actor, ctx.companyId, id)),
);

/** Deletes a segment (never its contacts); refused while a campaign or another segment uses it. */
export const deleteSegmentAction = asActionResult(
  authedAction.inputSchema(z.object({ id: z.string() })).action(async ({ parsedInput, ctx }) => {
    const result = await deleteSegmentAs(ctx.actor, ctx.companyId, parsedInput);
    if (result.ok) revalidatePath("/segments");
    return result;
  }),
);
