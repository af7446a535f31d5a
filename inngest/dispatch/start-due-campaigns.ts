import "server-only";
import { listDueCampaigns } from "@/lib/data/campaigns/campaign-schedule";
import { isSkippedStart } from "@/lib/data/campaigns/campaign-sending";
import { requestCampaignSend } from "./request-campaign-send";

/**
 * Starts the company's scheduled campaigns that are due, as "Send now" would. The
 * campaigns/send-scheduled cron does this for every company; without an Inngest server
 * the campaigns pages call this when rendered, so a demo still sends on time (or when
 * someone next looks). A campaign started meanwhile by the cron or another viewer, or
 * whose audience became empty, is skipped. Returns the ids started.
 */
export async function startDueCampaigns(
  companyId: string,
  options: { now?: Date; defer?: (task: () => Promise<void>) => void } = {},
): Promise<string[]> {
  const now = options.now ?? new Date();
  const started: string[] = [];
  for (const due of await listDueCampaigns(companyId, now)) {
    try {
      await requestCampaignSend(companyId, due.id, {
        due: now,
        simulateEngagement: due.simulateEngagement,
        defer: options.defer,
      });
      started.push(due.id);
    } catch (error) {
      if (!isSkippedStart(error, due.id)) throw error;
    }
  }
  return started;
}
