"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import type { SendMode, SendRequest } from "@/inngest/dispatch/request-campaign-send";
import type { NormalizedAudience } from "@/lib/campaigns/schema";
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
} from "@/lib/campaigns-admin/campaign-actions";
import type { AudienceCount, SplitPart } from "@/lib/data/campaign-audience";
import { env } from "@/lib/env";
import type { ActionResult } from "@/lib/segments-admin/action-result";
import { requireCompanyScope } from "@/lib/session";

// Thin wrappers: find who is asking, then lib/campaigns-admin/campaign-actions.ts decides.

export async function createCampaignAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await createCampaignAs(actor, companyId, input);
  if (result.ok) revalidatePath("/campaigns");
  return result;
}

export async function updateCampaignDetailsAction(id: string, input: unknown): Promise<ActionResult> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await updateCampaignDetailsAs(actor, companyId, id, input);
  if (result.ok) revalidatePath(`/campaigns/${id}`);
  return result;
}

export async function setAudienceAction(
  id: string,
  input: unknown,
): Promise<ActionResult<{ audience: NormalizedAudience; count: AudienceCount }>> {
  const { actor, companyId } = await requireCompanyScope();
  return setAudienceAs(actor, companyId, id, input);
}

export async function splitAudienceAction(input: unknown): Promise<ActionResult<SplitPart[]>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await splitAudienceAs(actor, companyId, input);
  if (result.ok) revalidatePath("/segments");
  return result;
}

/** Without an Inngest server the batches run after the response (after()), so the page shows progress. */
export async function sendCampaignAction(input: unknown): Promise<ActionResult<SendRequest>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await sendCampaignAs(actor, companyId, input, { demoMode: env.DEMO_MODE, defer: after });
  revalidatePath("/campaigns");
  return result;
}

export async function scheduleCampaignAction(input: unknown): Promise<ActionResult> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await scheduleCampaignAs(actor, companyId, input, { demoMode: env.DEMO_MODE });
  revalidatePath("/campaigns");
  return result;
}

export async function unscheduleCampaignAction(id: string): Promise<ActionResult> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await unscheduleCampaignAs(actor, companyId, id);
  revalidatePath("/campaigns");
  return result;
}

export async function cancelCampaignAction(id: string): Promise<ActionResult> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await cancelCampaignAs(actor, companyId, id);
  revalidatePath("/campaigns");
  return result;
}

export async function resumeSendingAction(id: string): Promise<ActionResult<{ mode: SendMode }>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await resumeSendingAs(actor, companyId, id, { defer: after });
  revalidatePath("/campaigns");
  return result;
}
