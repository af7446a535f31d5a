import { z } from "zod";
import type { CampaignChannel } from "@/lib/generated/prisma/enums";

/** A new campaign as the API (and later the campaign form) gives it: always created as a draft. */
export const CAMPAIGN_NAME_MAX = 200;
export const CAMPAIGN_SUBJECT_MAX = 500;

export const CAMPAIGN_CHANNELS = ["EMAIL", "CALL"] as const satisfies readonly CampaignChannel[];

export const CampaignCreateInputSchema = z.strictObject({
  name: z
    .string({ error: "Enter a name" })
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
    .trim()
    .max(CAMPAIGN_SUBJECT_MAX, `At most ${CAMPAIGN_SUBJECT_MAX} characters`)
    .nullish()
    .transform((value) => value || null),
});

export type CampaignCreateInput = z.input<typeof CampaignCreateInputSchema>;
export type NormalizedCampaignCreate = z.output<typeof CampaignCreateInputSchema>;
