import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { refreshPreferredOpenTimes } from "@/lib/data/contacts/contact-activity";
import { computeEngagementScores } from "@/lib/data/contacts/engagement-scores";
import { listCompaniesForAnalytics } from "@/lib/data/segments/segment-analytics";

/**
 * contacts/engagement-scores: nightly at 03:30 UTC (after the 02:00 analytics), for every
 * company: engagementScore, engagementTrend and conversionLikelihood (one set-based
 * UPDATE, lib/data/contacts/engagement-scores.ts), then preferredOpenHour / preferredOpenDay
 * (lib/data/contacts/contact-activity.ts). One step per company, so a retry redoes one company;
 * both updates write only the contacts whose values change.
 */
export const engagementScores = inngest.createFunction(
  {
    id: "contacts-engagement-scores",
    name: "contacts/engagement-scores",
    triggers: [cron("30 3 * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const companies = await step.run("list-companies", () => listCompaniesForAnalytics());
    let scoresChanged = 0;
    let openTimesChanged = 0;
    for (const companyId of companies) {
      const changed = await step.run(`scores-${companyId}`, async () => ({
        scores: await computeEngagementScores(companyId),
        openTimes: await refreshPreferredOpenTimes(companyId),
      }));
      scoresChanged += changed.scores;
      openTimesChanged += changed.openTimes;
    }
    return { companies: companies.length, scoresChanged, openTimesChanged };
  },
);
