import { engagementScores } from "./engagement-scores";
import { recalculateAllSegments } from "./recalculate-all-segments";
import { recalculateSegmentFunction } from "./recalculate-segment";
import { segmentDailyAnalytics } from "./segment-daily-analytics";
import { sendCampaignFunction } from "./send-campaign";
import { sendScheduledCampaigns } from "./send-scheduled-campaigns";
import { simulateCampaignEngagementFunction } from "./simulate-campaign-engagement";

/** Every Inngest function of the app, served at /api/inngest (app/api/inngest/route.ts). */
export const functions = [
  recalculateAllSegments,
  recalculateSegmentFunction,
  segmentDailyAnalytics,
  engagementScores,
  sendCampaignFunction,
  sendScheduledCampaigns,
  simulateCampaignEngagementFunction,
];
