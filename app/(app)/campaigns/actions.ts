"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import {
  cancelCampaignAs,
  createCampaignAs,
  resumeSendingAs,
  scheduleCampaignAs,
  sendCampaignAs,
  setAudienceAs,
  splitAudienceAs,
  unscheduleCampaignAs,
  updateCampaignDetailsAs,
} from "@/lib/campaigns/campaign-actions";
import { env } from "@/lib/env";

// The campaign id + the use-case in lib/campaigns/campaign-actions.ts, which parses
// the form with lib/campaigns/schema.ts (its transforms run once, there); lib/actions/client.ts
// does the rest.

const campaignId = z.string();
const formInput = z.unknown();
const byCampaignId = authedAction.bindArgsSchemas([campaignId]);

export const createCampaignAction = asActionResult(
  authedAction.inputSchema(formInput).action(async ({ parsedInput, ctx }) => {
    const result = await createCampaignAs(ctx.actor, ctx.companyId, parsedInput);
    if (result.ok) revalidatePath("/campaigns");
    return result;
  }),
);

export const updateCampaignDetailsAction = asActionResult(
  byCampaignId.inputSchema(formInput).action(async ({ parsedInput, bindArgsParsedInputs: [id], ctx }) => {
    const result = await updateCampaignDetailsAs(ctx.actor, ctx.companyId, id, parsedInput);
    if (result.ok) revalidatePath(`/campaigns/${id}`);
    return result;
  }),
);

export const setAudienceAction = asActionResult(
  byCampaignId
    .inputSchema(formInput)
    .action(({ parsedInput, bindArgsParsedInputs: [id], ctx }) =>
      setAudienceAs(ctx.actor, ctx.companyId, id, parsedInput),
    ),
);

export const splitAudienceAction = asActionResult(
  authedAction.inputSchema(formInput).action(async ({ parsedInput, ctx }) => {
    const result = await splitAudienceAs(ctx.actor, ctx.companyId, parsedInput);
    if (result.ok) revalidatePath("/segments");
    return result;
  }),
);

/** Without an Inngest server the batches run after the response (after()), so the page shows progress. */
export const sendCampaignAction = asActionResult(
  authedAction.inputSchema(formInput).action(async ({ parsedInput, ctx }) => {
    const result = await sendCampaignAs(ctx.actor, ctx.companyId, parsedInput, {
      demoMode: env.DEMO_MODE,
      defer: after,
    });
    revalidatePath("/campaigns");
    return result;
  }),
);

export const scheduleCampaignAction = asActionResult(
  authedAction.inputSchema(formInput).action(async ({ parsedInput, ctx }) => {
    const result = await scheduleCampaignAs(ctx.actor, ctx.companyId, parsedInput, { demoMode: env.DEMO_MODE });
    revalidatePath("/campaigns");
    return result;
  }),
);

export const unscheduleCampaignAction = asActionResult(
  authedAction.inputSchema(campaignId).action(async ({ parsedInput: id, ctx }) => {
    const result = await unscheduleCampaignAs(ctx.actor, ctx.companyId, id);
    revalidatePath("/campaigns");
    return result;
  }),
);

export const cancelCampaignAction = asActionResult(
  authedAction.inputSchema(campaignId).action(async ({ parsedInput: id, ctx }) => {
    const result = await cancelCampaignAs(ctx.actor, ctx.companyId, id);
    revalidatePath("/campaigns");
    return result;
  }),
);

export const resumeSendingAction = asActionResult(
  authedAction.inputSchema(campaignId).action(async ({ parsedInput: id, ctx }) => {
    const result = await resumeSendingAs(ctx.actor, ctx.companyId, id, { defer: after });
    revalidatePath("/campaigns");
    return result;
  }),
);
