"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import {
  type BuilderCreateInput,
  checkEmailsAs,
  createSegmentAs,
  previewSegmentAs,
  searchContactsAs,
  suggestValuesAs,
} from "@/lib/segments/builder-actions";

// Input schema + the use-case in lib/segments/builder-actions.ts (which checks the
// rules and names); lib/actions/client.ts does the rest. The builder on /segments/[id]/edit
// uses the same preview and pickers.

const companyId = z.string().optional();

export const createSegmentAction = asActionResult(
  authedAction
    .inputSchema(z.custom<BuilderCreateInput>((input) => typeof input === "object" && input !== null))
    .action(async ({ parsedInput, ctx }) => {
      const result = await createSegmentAs(ctx.actor, ctx.companyId, parsedInput);
      if (result.ok) revalidatePath("/segments");
      return result;
    }),
);

export const previewSegmentAction = asActionResult(
  authedAction
    .inputSchema(z.object({ companyId, segmentId: z.string().optional(), rules: z.unknown() }))
    .action(({ parsedInput, ctx }) => previewSegmentAs(ctx.actor, ctx.companyId, parsedInput)),
);

export const suggestValuesAction = asActionResult(
  authedAction
    .inputSchema(z.object({ companyId, field: z.string(), q: z.string() }))
    .action(({ parsedInput, ctx }) => suggestValuesAs(ctx.actor, ctx.companyId, parsedInput)),
);

export const searchContactsAction = asActionResult(
  authedAction
    .inputSchema(z.object({ companyId, q: z.string(), page: z.number() }))
    .action(({ parsedInput, ctx }) => searchContactsAs(ctx.actor, ctx.companyId, parsedInput)),
);

export const checkEmailsAction = asActionResult(
  authedAction
    .inputSchema(z.object({ companyId, emails: z.array(z.string()) }))
    .action(({ parsedInput, ctx }) => checkEmailsAs(ctx.actor, ctx.companyId, parsedInput)),
);
