import { DEVICES as CATALOG_DEVICES, EVENT_TYPES, type EventType } from "@/lib/segments/engine/fields";
import type { AccountType } from "./catalog";
import { type ContactDraft, DeviceHabit, round2 } from "./contacts";
import { DAY, PROFILES, Profile } from "./plan";
import type { Rng } from "./random";
import { utcOffsetMs } from "./timezones";

/** Event types by code: a code is the type's position in the catalog, which the loader's SQL array indexes. */
const code = (type: EventType) => EVENT_TYPES.indexOf(type);
export const T = {
  SENT: code("email_sent"),
  DELIVERED: code("email_delivered"),
  OPENED: code("email_opened"),
  CLICKED: code("email_clicked"),
  BOUNCED: code("email_bounced"),
  UNSUBSCRIBED: code("unsubscribed"),
  PAGE_VISITED: code("page_visited"),
  FORM_SUBMITTED: code("form_submitted"),
  PURCHASE: code("purchase"),
  CONVERSION: code("conversion"),
};

/** Device codes: 0 = none named. */
export const DEVICES = [null, ...CATALOG_DEVICES] as const;
const MOBILE = 1;
const DESKTOP = 2;
const TABLET = 3;

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Events in columns of small numbers (contact = index in the chunk, campaign and url =
 * 1-based index into the company's lists, 0 = none), which the loader joins back to ids:
 * far less to serialize than one string per cell.
 */
export class EventBatch {
  contact: number[] = [];
  type: number[] = [];
  at: number[] = [];
  campaign: number[] = [];
  url: number[] = [];
  device: number[] = [];
  revenue: string[] = [];

  get length(): number {
    return this.type.length;
  }

  push(contact: number, type: number, at: number, campaign = 0, url = 0, device = 0, revenue = ""): void {
    this.contact.push(contact);
    this.type.push(type);
    this.at.push(at);
    this.campaign.push(campaign);
    this.url.push(url);
    this.device.push(device);
    this.revenue.push(revenue);
  }
}

/** Distinct URLs of a company, numbered from 1. */
export class UrlTable {
  readonly urls: string[] = [];
  private readonly numbers = new Map<string, number>();
  index(url: string): number {
    let n = this.numbers.get(url);
    if (n === undefined) {
      this.urls.push(url);
      n = this.urls.length;
      this.numbers.set(url, n);
    }
    return n;
  }
}

/** One send of a campaign (a recurring campaign has several). */
export type SendSlot = {
  /** 1-based index into the company's campaign ids. */
  campaign: number;
  at: number;
  reach: number;
  /** Older than the 90-day window: only lapsed contacts got these. */
  historic: boolean;
  /** URL numbers its email links to. */
  links: number[];
};

export type EventContext = {
  rng: Rng;
  now: number;
  today: number;
  slots: SendSlot[];
  sitePages: (readonly [number, number])[];
  formPages: number[];
  checkoutUrl: number;
};

/**
 * What the events did to the contact: the latest unsubscribed / email_bounced event (ms),
 * which sets the subscription status as the rule language says (the latest-dated one).
 */
export type EventOutcome = { unsubscribedAt: number | null; bouncedAt: number | null };

const PURCHASE_WEIGHT: Record<AccountType, number> = { paid: 8, trial: 3, free: 1, churned: 0.5 };

export function generateContactEvents(
  ctx: EventContext,
  out: EventBatch,
  chunkIndex: number,
  contact: ContactDraft,
  target: number,
): EventOutcome {
  const { rng, now } = ctx;
  const spec = PROFILES[contact.profile];
  const outcome: EventOutcome = { unsubscribedAt: null, bouncedAt: null };
  let left = target;
  const emit = (type: number, at: number, campaign = 0, url = 0, device = 0, revenue = "") => {
    out.push(chunkIndex, type, at, campaign, url, device, revenue);
    left--;
  };

  const lapsed = contact.profile === Profile.LAPSED;
  const mailable = contact.subscriptionStatus === "ACTIVE";
  const eligible = mailable
    ? ctx.slots.filter((slot) => slot.at > contact.createdAt + HOUR && (lapsed || !slot.historic))
    : [];
  const eventsPerSend = 2 + spec.openRate * 1.3 * (1 + spec.clickRate * 1.4);
  const wanted = Math.round((target * (1 - spec.webShare)) / eventsPerSend);
  const sends = wanted >= eligible.length ? eligible : weightedSample(rng, eligible, wanted);

  // Everyone but NEVER opens at least one email (lapsed ones: an old one), so about 30%
  // of contacts never open while opens stay near 20% of sends.
  const openable = sends.filter((slot) => slot.historic === lapsed);
  const sureOpen = spec.openRate > 0 && openable.length ? rng.pick(openable) : undefined;

  for (const slot of sends) {
    if (left <= 0) break;
    const sentAt = slot.at + rng.int(0, 40) * MINUTE + rng.int(0, 59_999);
    if (sentAt > now) continue;
    emit(T.SENT, sentAt, slot.campaign);
    if (left <= 0) break;
    if (rng.chance(0.012)) {
      const bouncedAt = sentAt + rng.int(2_000, 60_000);
      emit(T.BOUNCED, bouncedAt, slot.campaign);
      // Soft or hard, a bounce event sets BOUNCED (the rule knows no soft bounce).
      outcome.bouncedAt = Math.max(outcome.bouncedAt ?? bouncedAt, bouncedAt);
      if (rng.chance(0.6)) break; // a hard bounce: no more mail
      continue;
    }
    const deliveredAt = sentAt + rng.int(1_000, 30_000);
    emit(T.DELIVERED, deliveredAt, slot.campaign);
    const openRate = lapsed && !slot.historic ? 0 : spec.openRate;
    let readAt = deliveredAt;
    if (left > 0 && (slot === sureOpen || rng.chance(openRate))) {
      const openedAt = firstOpenTime(ctx, contact, deliveredAt);
      if (openedAt <= now) {
        readAt = openedAt;
        const device = pickDevice(rng, contact.deviceHabit, true);
        emit(T.OPENED, openedAt, slot.campaign, 0, device);
        let reopenAt = openedAt;
        while (left > 0 && rng.chance(0.12)) {
          reopenAt += rng.int(10 * MINUTE, 36 * HOUR);
          if (reopenAt > now) break;
          emit(T.OPENED, reopenAt, slot.campaign, 0, pickDevice(rng, contact.deviceHabit, true));
        }
        if (left > 0 && rng.chance(spec.clickRate)) {
          let clickAt = openedAt + rng.int(5_000, 15 * MINUTE);
          const clickDevice = device || pickDevice(rng, contact.deviceHabit, false);
          for (let n = 0; n < 3 && left > 0 && clickAt <= now; n++) {
            emit(T.CLICKED, clickAt, slot.campaign, rng.pick(slot.links), clickDevice);
            if (!rng.chance(0.3)) break;
            clickAt += rng.int(30_000, 10 * MINUTE);
          }
          const convertedAt = clickAt + rng.int(2 * MINUTE, 3 * DAY);
          if (left > 0 && convertedAt <= now && rng.chance(0.05)) {
            emit(T.CONVERSION, convertedAt, slot.campaign, 0, 0, revenue(rng, 600));
          }
        }
      }
    }
    if (left > 0 && rng.chance(0.003)) {
      const unsubscribedAt = readAt + rng.int(MINUTE, 2 * DAY);
      if (unsubscribedAt <= now) {
        emit(T.UNSUBSCRIBED, unsubscribedAt, slot.campaign);
        outcome.unsubscribedAt = unsubscribedAt;
        break;
      }
    }
  }

  // The rest of the contact's share: activity on the company's site.
  const windowStart =
    lapsed && contact.createdAt < now - 150 * DAY ? now - 150 * DAY : Math.max(contact.createdAt, now - 90 * DAY);
  const windowEnd = lapsed ? Math.max(windowStart + DAY, now - 91 * DAY) : now;
  const purchaseWeight = PURCHASE_WEIGHT[contact.accountType ?? "free"];
  while (left > 0) {
    const at = Math.min(now, windowStart + Math.floor(rng.next() * (windowEnd - windowStart)));
    const kind = rng.weighted([
      [T.PAGE_VISITED, 80],
      [T.FORM_SUBMITTED, 6],
      [T.PURCHASE, purchaseWeight],
      [T.CONVERSION, 2],
    ]);
    if (kind === T.PAGE_VISITED) {
      const device = rng.chance(0.6) ? pickDevice(rng, contact.deviceHabit, false) : 0;
      emit(T.PAGE_VISITED, at, 0, rng.weighted(ctx.sitePages), device);
    } else if (kind === T.FORM_SUBMITTED) {
      emit(T.FORM_SUBMITTED, at, 0, rng.pick(ctx.formPages));
    } else if (kind === T.PURCHASE) {
      emit(T.PURCHASE, at, 0, ctx.checkoutUrl, 0, revenue(rng, 150));
    } else {
      emit(T.CONVERSION, at, 0, 0, 0, revenue(rng, 600));
    }
  }
  return outcome;
}

/** Opens cluster around the contact's habit hour, in its own timezone. */
function firstOpenTime(ctx: EventContext, contact: ContactDraft, deliveredAt: number): number {
  const { rng } = ctx;
  const offset = utcOffsetMs(contact.timezone, deliveredAt);
  const localDay = Math.floor((deliveredAt + offset) / DAY) * DAY;
  const roll = rng.next();
  const dayOffset = roll < 0.55 ? 0 : roll < 0.8 ? 1 : rng.int(2, 5);
  const jitter = rng.chance(0.8) ? rng.int(0, HOUR - 1) : Math.round(rng.normal() * 2 * HOUR);
  let openedAt = localDay + dayOffset * DAY + contact.habitHour * HOUR + jitter - offset;
  if (openedAt < deliveredAt + MINUTE) openedAt += DAY; // today's habit hour had passed
  return openedAt;
}

function pickDevice(rng: Rng, habit: DeviceHabit, mayBeUnknown: boolean): number {
  if (mayBeUnknown && rng.chance(0.04)) return 0; // some mail clients hide the device
  switch (habit) {
    case DeviceHabit.MOBILE:
      return MOBILE;
    case DeviceHabit.DESKTOP:
      return DESKTOP;
    case DeviceHabit.TABLET:
      return rng.chance(0.8) ? TABLET : MOBILE;
    default:
      return rng.weighted([
        [MOBILE, 5],
        [DESKTOP, 4],
        [TABLET, 1],
      ]);
  }
}

function revenue(rng: Rng, median: number): string {
  return Math.max(1, round2(Math.exp(Math.log(median) + rng.normal() * 0.9))).toFixed(2);
}

/** k slots chosen with probability by reach (Efraimidis-Spirakis), kept in time order. */
function weightedSample(rng: Rng, slots: SendSlot[], k: number): SendSlot[] {
  if (k <= 0) return [];
  const keyed = slots.map((slot, i) => ({ i, key: rng.next() ** (1 / slot.reach) }));
  keyed.sort((a, b) => b.key - a.key);
  return keyed
    .slice(0, k)
    .map((entry) => entry.i)
    .sort((a, b) => a - b)
    .map((i) => slots[i]!);
}
