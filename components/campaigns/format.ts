import type { BadgeTone } from "@/components/ui/badge";
import type { CampaignChannel, CampaignStatus } from "@/lib/generated/prisma/enums";

export const STATUS_TONES: Record<CampaignStatus, BadgeTone> = {
  DRAFT: "neutral",
  SCHEDULED: "brand",
  SENDING: "amber",
  SENT: "green",
  CANCELLED: "red",
};

export const STATUS_LABELS: Record<CampaignStatus, string> = {
  DRAFT: "Draft",
  SCHEDULED: "Scheduled",
  SENDING: "Sending",
  SENT: "Sent",
  CANCELLED: "Cancelled",
};

export const CHANNEL_LABELS: Record<CampaignChannel, string> = { EMAIL: "Email", CALL: "Call list" };

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** 0.253 → "25.3%". */
export function formatRate(value: number): string {
  return percent.format(value);
}

export function formatMoney(value: number): string {
  return money.format(value);
}
