import { eventType, Inngest } from "inngest";
import { z } from "zod";
import { isUuid } from "@/lib/errors";

/**
 * The app's Inngest client. The SDK reads its settings from the environment:
 * INNGEST_DEV=1 (or a dev-server URL) for local development, INNGEST_EVENT_KEY and
 * INNGEST_SIGNING_KEY for Inngest Cloud, INNGEST_BASE_URL for a self-hosted server
 * (docs/jobs.md).
 */
export const inngest = new Inngest({ id: "segments" });

const uuid = z.string().refine(isUuid, "must be a UUID");
/** A UTC calendar day, YYYY-MM-DD. */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

export const RECALCULATION_TRIGGERS = ["SAVE", "MANUAL", "SCHEDULE", "DEPENDENCY", "API", "EVENTS"] as const;
export type RecalculationTriggerName = (typeof RECALCULATION_TRIGGERS)[number];

/**
 * "Recalculate this segment": sent when a segment is saved, when "Recalculate now" is
 * clicked, by the 30-minute schedule, and when a segment it depends on changed.
 * Validated by the SDK when sent and when received (zod is a Standard Schema).
 */
export const segmentRecalculateRequested = eventType("segment/recalculate.requested", {
  schema: z.object({
    companyId: uuid,
    segmentId: uuid,
    trigger: z.enum(RECALCULATION_TRIGGERS),
    requestedById: uuid.optional(),
  }),
});
export type SegmentRecalculateRequestedData = z.infer<(typeof segmentRecalculateRequested)["schema"]>;

/**
 * Contacts entered or left segments: sent after every committed membership write (full
 * recalculation, real-time batch, static membership change) with the runs that wrote the
 * SegmentMembershipChange rows. Automations and outbound webhooks read those rows by run
 * (lib/data/segments/membership-changes.ts), so a retry or a duplicate delivery sees the
 * same rows and the consumers' own unique keys keep them exactly-once.
 */
export const segmentMembershipChanged = eventType("segment/membership.changed", {
  schema: z.object({ companyId: uuid, runIds: z.array(uuid).min(1).max(500) }),
});

/** Recompute the daily segment analytics of every day from `from` to `to` (UTC, inclusive). */
export const segmentDailyBackfill = eventType("analytics/segment-daily.backfill", {
  schema: z.object({ from: isoDay, to: isoDay }),
});

/** "Send this campaign": its audience is frozen already (startSending); the function sends the batches. */
export const campaignSendRequested = eventType("campaign/send.requested", {
  schema: z.object({ companyId: uuid, campaignId: uuid }),
});

/** Demo mode: write a sent campaign's simulated engagement over the following days. */
export const campaignEngagementRequested = eventType("campaign/engagement.requested", {
  schema: z.object({ companyId: uuid, campaignId: uuid }),
});
