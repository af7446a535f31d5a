import type { CampaignStatus } from "@/lib/generated/prisma/enums";

/** A send with no progress for this long is stalled (e.g. the server died during an inline send). */
export const SEND_STALL_MS = 10 * 60_000;

/** SENDING and no batch finished (nor the send started) for SEND_STALL_MS: offer "Resume sending". */
export function isSendingStalled(campaign: { status: CampaignStatus; updatedAt: Date }, now = new Date()): boolean {
  return campaign.status === "SENDING" && now.getTime() - campaign.updatedAt.getTime() >= SEND_STALL_MS;
}
