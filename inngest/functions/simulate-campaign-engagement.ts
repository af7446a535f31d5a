import { campaignEngagementRequested, inngest } from "@/inngest/client";
import { writeDueEngagement } from "@/lib/data/campaigns/campaign-engagement";

/** When, after sending, the simulated engagement due by then is written. */
export const ENGAGEMENT_WAVES = ["10m", "1h", "6h", "1d", "3d", "7d"] as const;

/**
 * campaigns/simulate-engagement (demo mode): writes a sent campaign's simulated opens,
 * clicks, unsubscribes and purchases as they fall due, in waves over the week after
 * sending (lib/data/campaigns/campaign-engagement.ts); each wave writes what is due up to its time.
 */
export const simulateCampaignEngagementFunction = inngest.createFunction(
  {
    id: "simulate-campaign-engagement",
    name: "campaigns/simulate-engagement",
    triggers: [campaignEngagementRequested],
    concurrency: [{ key: "event.data.campaignId", limit: 1 }],
    retries: 2,
  },
  async ({ event, step }) => {
    const { companyId, campaignId } = event.data;
    let written = 0;
    for (const wave of ENGAGEMENT_WAVES) {
      await step.sleep(`wait-${wave}`, wave);
      written += await step.run(`write-${wave}`, () => writeDueEngagement(companyId, campaignId));
    }
    return { campaignId, written };
  },
);
