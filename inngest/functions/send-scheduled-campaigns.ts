import { cron } from "inngest";
import { campaignSendRequested, inngest } from "@/inngest/client";
import { listDueCampaigns } from "@/lib/data/campaigns/campaign-schedule";
import { isSkippedStart, startSending } from "@/lib/data/campaigns/campaign-sending";
import { ALL_COMPANIES } from "@/lib/segments/list-params";

/**
 * campaigns/send-scheduled, every minute: every company's SCHEDULED campaigns whose time
 * has come are started as "Send now" starts them (the audience frozen in a step), then
 * one campaign/send.requested each sends the batches (campaigns/send). Cross-company on
 * purpose (a platform job); everything after the listing is scoped by each companyId.
 */
export const sendScheduledCampaigns = inngest.createFunction(
  {
    id: "send-scheduled-campaigns",
    name: "campaigns/send-scheduled",
    triggers: [cron("* * * * *")],
    concurrency: [{ limit: 1 }],
    retries: 2,
  },
  async ({ step }) => {
    const due = await step.run("list-due", () => listDueCampaigns(ALL_COMPANIES, new Date()));
    const started: typeof due = [];
    for (const campaign of due) {
      const ok = await step.run(`start-${campaign.id}`, async () => {
        try {
          await startSending(campaign.companyId, campaign.id, {
            due: new Date(),
            simulateEngagement: campaign.simulateEngagement,
          });
          return true;
        } catch (error) {
          if (isSkippedStart(error, campaign.id)) return false;
          throw error;
        }
      });
      if (ok) started.push(campaign);
    }
    if (started.length > 0) {
      await step.sendEvent(
        "request-sends",
        started.map((c) => campaignSendRequested.create({ companyId: c.companyId, campaignId: c.id })),
      );
    }
    return { due: due.length, started: started.length };
  },
);
