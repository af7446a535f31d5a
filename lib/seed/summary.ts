import type { ConversionLikelihood, Device, EngagementTrend, Weekday } from "@/lib/generated/prisma/enums";
import { DEVICES, type EventBatch, T } from "./events";
import { DAY } from "./plan";
import { localClock } from "./timezones";

/**
 * The contact columns that follow from its events, computed while generating so the
 * contacts are written once with their final values. They follow segment-rules.md;
 * refreshContactActivity() and refreshPreferredOpenTimes() recompute them in SQL after
 * the load and rewrite only rows that disagree (the seed reports how many: normally 0).
 */
export type ActivitySummary = {
  lastActivityAt: number | null;
  lastOpenedAt: number | null;
  lastClickedAt: number | null;
  lastEmailSentAt: number | null;
  lastOpenedDevice: Device | null;
  preferredOpenHour: number | null;
  preferredOpenDay: Weekday | null;
  opens: number;
  latestPurchaseAt: number | null;
  purchaseRevenue: number;
  engagementScore: number;
  engagementTrend: EngagementTrend;
};

const ACTIVITY = new Set<number>([T.OPENED, T.CLICKED, T.PAGE_VISITED, T.FORM_SUBMITTED, T.PURCHASE, T.CONVERSION]);
/** Tie order for lastOpenedDevice: desktop, mobile, tablet. */
const DEVICE_RANK = [99, 1, 0, 2];
const WEEKDAYS: Weekday[] = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];
const SCORE_POINTS: Record<number, number> = {
  [T.OPENED]: 4,
  [T.CLICKED]: 8,
  [T.PAGE_VISITED]: 2,
  [T.FORM_SUBMITTED]: 10,
  [T.PURCHASE]: 12,
  [T.CONVERSION]: 15,
};

const utcDay = (ms: number) => Math.floor(ms / DAY);

export function summarize(
  events: EventBatch,
  from: number,
  to: number,
  timezone: string | null,
  today: number,
): ActivitySummary {
  let lastActivityAt: number | null = null;
  let lastOpenedAt: number | null = null;
  let lastClickedAt: number | null = null;
  let lastEmailSentAt: number | null = null;
  let deviceAt = -1;
  let device = 0;
  let opens = 0;
  let latestPurchaseAt: number | null = null;
  let purchaseRevenue = 0;
  let score = 0;
  let recent = 0; // activity in the last 15 days
  let earlier = 0; // activity 15-29 days ago
  const hourCounts = new Array<number>(24).fill(0);
  const dayCounts = new Array<number>(8).fill(0);
  const clock = localClock(timezone);
  const todayDay = utcDay(today);

  for (let i = from; i < to; i++) {
    const type = events.type[i]!;
    const at = events.at[i]!;
    const daysAgo = todayDay - utcDay(at);
    if (type === T.SENT && (lastEmailSentAt === null || at > lastEmailSentAt)) lastEmailSentAt = at;
    if (type === T.CLICKED && (lastClickedAt === null || at > lastClickedAt)) lastClickedAt = at;
    if (type === T.PURCHASE) {
      purchaseRevenue += Number(events.revenue[i]);
      if (latestPurchaseAt === null || at > latestPurchaseAt) latestPurchaseAt = at;
    }
    if (type === T.OPENED) {
      opens++;
      if (lastOpenedAt === null || at > lastOpenedAt) lastOpenedAt = at;
      const d = events.device[i]!;
      if (d && (at > deviceAt || (at === deviceAt && DEVICE_RANK[d]! < DEVICE_RANK[device]!))) {
        deviceAt = at;
        device = d;
      }
      if (daysAgo >= 0 && daysAgo <= 90) {
        const local = clock(at);
        hourCounts[local.hour]!++;
        dayCounts[local.isoWeekday]!++;
      }
    }
    if (ACTIVITY.has(type)) {
      if (lastActivityAt === null || at > lastActivityAt) lastActivityAt = at;
      if (daysAgo >= 0 && daysAgo <= 30) score += SCORE_POINTS[type] ?? 0;
      if (daysAgo >= 0 && daysAgo < 15) recent++;
      else if (daysAgo >= 15 && daysAgo < 30) earlier++;
    }
  }

  return {
    lastActivityAt,
    lastOpenedAt,
    lastClickedAt,
    lastEmailSentAt,
    lastOpenedDevice: DEVICES[device] ?? null,
    preferredOpenHour: mode(hourCounts, 0),
    preferredOpenDay: ((d) => (d === null ? null : WEEKDAYS[d - 1]!))(mode(dayCounts, 1)),
    opens,
    latestPurchaseAt,
    purchaseRevenue,
    engagementScore: Math.min(100, score),
    engagementTrend: recent > earlier * 1.3 + 1 ? "RISING" : recent < earlier * 0.7 - 1 ? "DECLINING" : "STABLE",
  };
}

/** The index with the highest count, the lowest on ties; null when all are zero. */
function mode(counts: number[], start: number): number | null {
  let best: number | null = null;
  for (let i = start; i < counts.length; i++) {
    if (counts[i]! > 0 && (best === null || counts[i]! > counts[best]!)) best = i;
  }
  return best;
}

export function conversionLikelihood(leadScore: number | null, engagementScore: number): ConversionLikelihood {
  const value = 0.55 * (leadScore ?? 30) + 0.45 * engagementScore;
  return value < 30 ? "LOW" : value < 50 ? "POSSIBLE" : value < 70 ? "LIKELY" : "VERY_LIKELY";
}
