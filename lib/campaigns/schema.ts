import { z } from "zod";
import type { CampaignChannel } from "@/lib/generated/prisma/enums";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";

/** A new campaign as the API (and later the campaign form) gives it: always created as a draft. */
export const CAMPAIGN_NAME_MAX = 200;
export const CAMPAIGN_SUBJECT_MAX = 500;

export const CAMPAIGN_CHANNELS = ["EMAIL", "CALL"] as const satisfies readonly CampaignChannel[];

export const CampaignCreateInputSchema = z.strictObject({
  name: z
    .string({ error: "Enter a name" })
    .superRefine(rejectUnstorableText)
    .trim()
    .min(1, "Enter a name")
    .max(CAMPAIGN_NAME_MAX, `At most ${CAMPAIGN_NAME_MAX} characters`),
  /** "email" or "call", in any letter case; email when left out. */
  channel: z
    .string({ error: 'Expected "email" or "call"' })
    .nullish()
    .transform((value, ctx): CampaignChannel => {
      const upper = (value ?? "").trim().toUpperCase() || "EMAIL";
      if ((CAMPAIGN_CHANNELS as readonly string[]).includes(upper)) return upper as CampaignChannel;
      ctx.addIssue({ code: "custom", message: 'Expected "email" or "call"' });
      return z.NEVER;
    }),
  subject: z
    .string({ error: "Expected text" })
    .superRefine(rejectUnstorableText)
    .trim()
    .max(CAMPAIGN_SUBJECT_MAX, `At most ${CAMPAIGN_SUBJECT_MAX} characters`)
    .nullish()
    .transform((value) => value || null),
});

export type CampaignCreateInput = z.input<typeof CampaignCreateInputSchema>;
export type NormalizedCampaignCreate = z.output<typeof CampaignCreateInputSchema>;

export const CAMPAIGN_MESSAGE_MAX = 20_000;
/** A campaign's audience: at most this many segments on each side. */
export const AUDIENCE_SEGMENTS_MAX = 20;

/** The editor's details form (also the update action): the name, channel, subject and message. */
export const CampaignDetailsInputSchema = CampaignCreateInputSchema.extend({
  message: z
    .string({ error: "Expected text" })
    .superRefine(rejectUnstorableText)
    .trim()
    .max(CAMPAIGN_MESSAGE_MAX, `At most ${CAMPAIGN_MESSAGE_MAX.toLocaleString("en-US")} characters`)
    .nullish()
    .transform((value) => value || null),
});

export type CampaignDetailsInput = z.input<typeof CampaignDetailsInputSchema>;
export type NormalizedCampaignDetails = z.output<typeof CampaignDetailsInputSchema>;

const segmentIdList = z
  .array(z.uuid({ error: "Not a segment id" }).transform((id) => id.toLowerCase()))
  .max(AUDIENCE_SEGMENTS_MAX, `At most ${AUDIENCE_SEGMENTS_MAX} segments`)
  .transform((ids) => [...new Set(ids)]);

/** Segments to include (in the user's order) and to exclude; a segment cannot be both. */
export const AudienceInputSchema = z
  .strictObject({ include: segmentIdList, exclude: segmentIdList.default([]) })
  .superRefine((audience, ctx) => {
    if (audience.include.some((id) => audience.exclude.includes(id))) {
      ctx.addIssue({ code: "custom", path: ["exclude"], message: "A segment cannot be both included and excluded" });
    }
  });

export type AudienceInput = z.input<typeof AudienceInputSchema>;
export type NormalizedAudience = z.output<typeof AudienceInputSchema>;

export const SPLIT_PARTS_MIN = 2;
export const SPLIT_PARTS_MAX = 20;

/** "Split the audience into N equal random parts", each a new static segment. */
export const SplitInputSchema = z.strictObject({
  campaignId: z.string().max(100),
  parts: z.coerce
    .number({ error: "Enter a number" })
    .int("Enter a whole number")
    .min(SPLIT_PARTS_MIN, `At least ${SPLIT_PARTS_MIN} parts`)
    .max(SPLIT_PARTS_MAX, `At most ${SPLIT_PARTS_MAX} parts`),
});

/**
 * "Schedule": when to send, as an ISO date-time with its offset (the browser converts the
 * user's local date-time field). Must be in the future: checked against the clock where
 * it is saved (lib/data/campaigns/campaign-schedule.ts), as a field error on scheduledAt.
 */
export const ScheduleInputSchema = z.strictObject({
  campaignId: z.string().max(100),
  scheduledAt: z
    .string({ error: "Choose a date and time" })
    .min(1, "Choose a date and time")
    .pipe(z.iso.datetime({ offset: true, error: "Choose a date and time" }))
    .transform((value) => new Date(value)),
  simulateEngagement: z.boolean().optional(),
});
