import "server-only";
import { campaignSendRequested, inngest } from "@/inngest/client";
import { writeDueEngagement } from "@/lib/data/campaigns/campaign-engagement";
import {
  type SendStart,
  sendAllBatches,
  startSending,
  takeOverStalledSending,
} from "@/lib/data/campaigns/campaign-sending";
import { forgetInngestReachability, isInngestReachable } from "./inngest-reachability";

export type SendMode = "queued" | "inline";
export type SendRequest = SendStart & { mode: SendMode };
export type SendOptions = { simulateEngagement?: boolean; defer?: (task: () => Promise<void>) => void };

/**
 * Sends a campaign: freezes its audience now (in the request, so the user sees the
 * recipients at once and the segments are locked), then sends the batches on Inngest
 * when a server is reachable, otherwise without it: `defer` runs the batches after the
 * response (next/server after() in a server action), or here when not given (tests, API).
 * `due`: only a SCHEDULED campaign due by then (the scheduler).
 * The caller has authorized the actor for the company.
 */
export async function requestCampaignSend(
  companyId: string,
  campaignId: string,
  options: SendOptions & { due?: Date } = {},
): Promise<SendRequest> {
  const start = await startSending(companyId, campaignId, {
    simulateEngagement: options.simulateEngagement,
    due: options.due,
  });
  return { ...start, mode: await sendBatches(companyId, campaignId, options) };
}

/** "Resume sending" of a stalled send: the recipients not sent yet, the same way. */
export async function requestSendResume(
  companyId: string,
  campaignId: string,
  options: SendOptions & { now?: Date } = {},
): Promise<SendMode> {
  await takeOverStalledSending(companyId, campaignId, options.now);
  return sendBatches(companyId, campaignId, options);
}

async function sendBatches(companyId: string, campaignId: string, options: SendOptions): Promise<SendMode> {
  if (await isInngestReachable()) {
    try {
      await inngest.send(campaignSendRequested.create({ companyId, campaignId }));
      return "queued";
    } catch (error) {
      console.warn(
        `Inngest send failed, sending campaign ${campaignId} inline: ${error instanceof Error ? error.message : String(error)}`,
      );
      forgetInngestReachability();
    }
  }
  const work = async () => {
    await sendAllBatches(companyId, campaignId);
    // Without a worker, what is due later is written when the campaign page is viewed.
    if (options.simulateEngagement) await writeDueEngagement(companyId, campaignId);
  };
  if (options.defer) {
    options.defer(() =>
      work().catch((error: unknown) => {
        console.error(`Sending campaign ${campaignId} failed`, error);
      }),
    );
  } else {
    await work();
  }
  return "inline";
}
