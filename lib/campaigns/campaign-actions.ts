import "server-only";
import { z } from "zod";
import {
  requestCampaignSend,
  requestSendResume,
  type SendMode,
  type SendRequest,
} from "@/inngest/dispatch/request-campaign-send";
import { type Actor, authorize, isPlatformAdmin, type Permission } from "@/lib/auth/authz";
import {
  AudienceInputSchema,
  CampaignDetailsInputSchema,
  type NormalizedAudience,
  ScheduleInputSchema,
  SplitInputSchema,
} from "@/lib/campaigns/schema";
import {
  type AudienceCount,
  audienceIds,
  countAudience,
  type SplitPart,
  setAudience,
  splitAudience,
} from "@/lib/data/campaigns/campaign-audience";
import { cancelCampaign, scheduleCampaign, unscheduleCampaign } from "@/lib/data/campaigns/campaign-schedule";
import {
  createCampaign,
  findCampaignCompanyId,
  getCampaign,
  updateCampaignDetails,
} from "@/lib/data/campaigns/campaigns";
import { isUuid, NotFoundError, ValidationError } from "@/lib/errors";
import { type ActionResult, toActionError } from "@/lib/segments/action-result";

/**
 * The work behind the campaign pages' server actions, with the actor passed in so
 * integration tests can call it; the "use server" files beside the routes only find the
 * actor. Another company's campaign is "not found" for a member, as is an unknown id.
 */

function campaignError(error: unknown) {
  if (error instanceof z.ZodError) {
    return toActionError(
      new ValidationError(
        "Please check the highlighted fields",
        error.issues.map((issue) => ({
          path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
          message: issue.message,
        })),
      ),
    );
  }
  // A NotFoundError("Campaign not found") answers "This campaign does not exist (any more)."
  return toActionError(error);
}

/** The company of the campaign this actor may act on (an admin: whichever owns it). */
export async function campaignCompanyFor(
  actor: Actor,
  scopeCompanyId: string,
  campaignId: unknown,
  permission: Permission,
): Promise<string> {
  if (!isUuid(campaignId)) throw new NotFoundError("Campaign not found");
  let companyId: string | null = scopeCompanyId;
  if (!(await getCampaign(scopeCompanyId, campaignId))) {
    companyId = isPlatformAdmin(actor) ? await findCampaignCompanyId(campaignId) : null;
  }
  if (!companyId) throw new NotFoundError("Campaign not found");
  authorize(actor, permission, companyId);
  return companyId;
}

/** A new draft in the company the actor works in. */
export async function createCampaignAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<{ id: string }>> {
  try {
    authorize(actor, "campaigns:write", scopeCompanyId);
    const details = CampaignDetailsInputSchema.parse(input);
    const created = await createCampaign(scopeCompanyId, details, actor.userId);
    return { ok: true, data: { id: created.id } };
  } catch (error) {
    return campaignError(error);
  }
}

export async function updateCampaignDetailsAs(
  actor: Actor,
  scopeCompanyId: string,
  campaignId: unknown,
  input: unknown,
): Promise<ActionResult> {
  try {
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:write");
    await updateCampaignDetails(companyId, campaignId as string, CampaignDetailsInputSchema.parse(input));
    return { ok: true };
  } catch (error) {
    return campaignError(error);
  }
}

/** Saves a draft's audience and answers with its live count. */
export async function setAudienceAs(
  actor: Actor,
  scopeCompanyId: string,
  campaignId: unknown,
  input: unknown,
): Promise<ActionResult<{ audience: NormalizedAudience; count: AudienceCount }>> {
  try {
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:write");
    const audience = AudienceInputSchema.parse(input);
    await setAudience(companyId, campaignId as string, audience);
    const campaign = await getCampaign(companyId, campaignId as string);
    return { ok: true, data: { audience, count: await countAudience(companyId, audience, campaign!.channel) } };
  } catch (error) {
    return campaignError(error);
  }
}

/** The live count of the campaign's saved audience. */
export async function audienceCountAs(
  actor: Actor,
  scopeCompanyId: string,
  campaignId: unknown,
): Promise<ActionResult<AudienceCount>> {
  try {
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:read");
    const campaign = await getCampaign(companyId, campaignId as string);
    const audience = await audienceIds(companyId, campaignId as string);
    return { ok: true, data: await countAudience(companyId, audience, campaign!.channel) };
  } catch (error) {
    return campaignError(error);
  }
}

/** Splits the audience into N new static segments (needs segments:write too). */
export async function splitAudienceAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<SplitPart[]>> {
  try {
    const { campaignId, parts } = SplitInputSchema.parse(input);
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:write");
    authorize(actor, "segments:write", companyId);
    return { ok: true, data: await splitAudience(companyId, campaignId, parts) };
  } catch (error) {
    return campaignError(error);
  }
}

const SendInputSchema = z.strictObject({
  campaignId: z.string().max(100),
  simulateEngagement: z.boolean().optional(),
});

/**
 * Freezes the audience and sends. "Simulate engagement" is honoured in demo mode only
 * (`demoMode`, from DEMO_MODE), never on real data.
 */
export async function sendCampaignAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
  options: { demoMode: boolean; defer?: (task: () => Promise<void>) => void },
): Promise<ActionResult<SendRequest>> {
  try {
    const { campaignId, simulateEngagement } = SendInputSchema.parse(input);
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:write");
    const request = await requestCampaignSend(companyId, campaignId, {
      simulateEngagement: options.demoMode && simulateEngagement === true,
      defer: options.defer,
    });
    return { ok: true, data: request };
  } catch (error) {
    return campaignError(error);
  }
}

/** Schedules a draft with an audience for a time in the future (`now`: the clock, for tests). */
export async function scheduleCampaignAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
  options: { demoMode: boolean; now?: Date },
): Promise<ActionResult> {
  try {
    const { campaignId, scheduledAt, simulateEngagement } = ScheduleInputSchema.parse(input);
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:write");
    await scheduleCampaign(
      companyId,
      campaignId,
      { scheduledAt, simulateEngagement: options.demoMode && simulateEngagement === true },
      options.now,
    );
    return { ok: true };
  } catch (error) {
    return campaignError(error);
  }
}

/** A status change of the campaign the actor may write: `change` gets its company and id. */
async function changeCampaignAs(
  actor: Actor,
  scopeCompanyId: string,
  campaignId: unknown,
  change: (companyId: string, id: string) => Promise<unknown>,
): Promise<ActionResult> {
  try {
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:write");
    await change(companyId, campaignId as string);
    return { ok: true };
  } catch (error) {
    return campaignError(error);
  }
}

/** SCHEDULED → DRAFT. */
export function unscheduleCampaignAs(actor: Actor, scopeCompanyId: string, campaignId: unknown) {
  return changeCampaignAs(actor, scopeCompanyId, campaignId, unscheduleCampaign);
}

/** Cancels a scheduled campaign, or a send (it stops after the batch under way). */
export function cancelCampaignAs(actor: Actor, scopeCompanyId: string, campaignId: unknown) {
  return changeCampaignAs(actor, scopeCompanyId, campaignId, cancelCampaign);
}

/** "Resume sending" of a stalled send: the recipients not sent yet. */
export async function resumeSendingAs(
  actor: Actor,
  scopeCompanyId: string,
  campaignId: unknown,
  options: { defer?: (task: () => Promise<void>) => void; now?: Date } = {},
): Promise<ActionResult<{ mode: SendMode }>> {
  try {
    const companyId = await campaignCompanyFor(actor, scopeCompanyId, campaignId, "campaigns:write");
    const campaign = await getCampaign(companyId, campaignId as string);
    const mode = await requestSendResume(companyId, campaignId as string, {
      simulateEngagement: campaign?.simulateEngagement,
      defer: options.defer,
      now: options.now,
    });
    return { ok: true, data: { mode } };
  } catch (error) {
    return campaignError(error);
  }
}
