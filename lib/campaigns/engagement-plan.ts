/**
 * Simulated engagement for demo mode: what one recipient of a campaign does after the
 * email is delivered. Deterministic (a hash of campaign and contact ids), so re-running
 * the simulation over a window never invents different behaviour; pure, so it is tested
 * without a database. Rates follow typical B2B email figures and rise with the contact's
 * engagement score.
 */

export type PlannedEvent = {
  type: "email_opened" | "email_clicked" | "unsubscribed" | "purchase";
  occurredAt: Date;
  device?: "mobile" | "desktop" | "tablet";
  url?: string;
  revenue?: number;
};

const HOUR = 3_600_000;
/** Nothing is simulated later than this after delivery. */
export const SIMULATION_SPAN_MS = 7 * 24 * HOUR;

/** FNV-1a over the text, then a mix: a uniform number in [0, 1). */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}

export function planEngagement(
  campaignId: string,
  contactId: string,
  deliveredAt: Date,
  engagementScore: number | null,
): PlannedEvent[] {
  const u = (salt: string) => unitHash(`${campaignId}:${contactId}:${salt}`);
  const score = Math.min(100, Math.max(0, engagementScore ?? 40));
  const openChance = 0.12 + 0.5 * (score / 100);
  if (u("open") >= openChance) return [];

  // A third open within 20 minutes; the rest spread over days (exponential, mean 10 h).
  const delay = u("when") < 0.33 ? u("soon") * 20 * 60_000 : -Math.log(1 - u("later")) * 10 * HOUR;
  const openedAt = new Date(deliveredAt.getTime() + Math.min(delay, SIMULATION_SPAN_MS - 2 * HOUR));
  const d = u("device");
  const device = d < 0.55 ? "mobile" : d < 0.93 ? "desktop" : "tablet";
  const events: PlannedEvent[] = [{ type: "email_opened", occurredAt: openedAt, device }];

  if (u("unsubscribe") < 0.02) {
    events.push({ type: "unsubscribed", occurredAt: new Date(openedAt.getTime() + 2 * 60_000) });
    return events;
  }
  if (u("click") < 0.18 + 0.2 * (score / 100)) {
    const clickedAt = new Date(openedAt.getTime() + (1 + u("click-delay") * 29) * 60_000);
    const url = u("url") < 0.6 ? "https://example.com/offer" : "https://example.com/pricing";
    events.push({ type: "email_clicked", occurredAt: clickedAt, url });
    if (u("buy") < 0.1) {
      const revenue = Math.round((25 + u("amount") * 475) * 100) / 100;
      events.push({ type: "purchase", occurredAt: new Date(clickedAt.getTime() + u("buy-delay") * HOUR), revenue });
    }
  }
  return events;
}
