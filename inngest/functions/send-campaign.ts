import { campaignEngagementRequested, campaignSendRequested, inngest } from "@/inngest/client";
import { finishSending, sendBatch } from "@/lib/data/campaigns/campaign-sending";
import { getCampaign } from "@/lib/data/campaigns/campaigns";

/**
 * campaigns/send, on `campaign/send.requested`: sends a campaign whose audience was frozen
 * (lib/data/campaigns/campaign-sending.ts), one step per batch so a failure retries only its batch
 * and the campaign page shows progress between them; then SENT, and in demo mode asks
 * for the simulated engagement. One run per campaign at a time.
 */
export const sendCampaignFunction = inngest.createFunction(
  {
    id: "send-campaign",
    name: "campaigns/send",
    triggers: [campaignSendRequested],
    concurrency: [{ key: "event.data.campaignId", limit: 1 }, { limit: 2 }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { companyId, campaignId } = event.data;
    let batches = 0;
    for (;;) {
      const { sent, remaining } = await step.run("send-batch", () => sendBatch(companyId, campaignId));
      batches++;
      if (remaining === 0 || sent === 0) break;
    }
    const finished = await step.run("finish", () => finishSending(companyId, campaignId));
    const campaign = await step.run("read-campaign", () => getCampaign(companyId, campaignId));
    if (finished && campaign?.simulateEngagement) {
      await step.sendEvent("request-engagement", campaignEngagementRequested.create({ companyId, campaignId }));
    }
    return { campaignId, batches, finished };
  },
);
