"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import { type BuilderUpdateInput, updateSegmentAs } from "@/lib/segments/builder-actions";

// Input schema + the use-case in lib/segments/builder-actions.ts (which checks the
// rules and names); lib/actions/client.ts does the rest.

export const updateSegmentAction = asActionResult(
  authedAction
    .inputSchema(z.custom<BuilderUpdateInput>((input) => typeof input === "object" && input !== null))
    .action(async ({ parsedInput, ctx }) => {
      const result = await updateSegmentAs(ctx.actor, ctx.companyId, parsedInput);
      if (result.ok) {
        revalidatePath("/segments");
        revalidatePath(`/segments/${result.data.id}`);
      }
      return result;
    }),
);
