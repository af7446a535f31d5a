import type { ContactAttributes } from "@/lib/contacts/attributes";
import type {
  ConversionLikelihood,
  Device,
  EngagementTrend,
  SubscriptionStatus,
  Weekday,
} from "@/lib/generated/prisma/enums";
import { CAMPAIGNS, type CampaignSpec, FORM_PAGES, SITE_PAGES } from "./catalog";
import { type ContactContext, draftContact, round2 } from "./contacts";
import {
  EventBatch,
  type EventContext,
  type EventOutcome,
  generateContactEvents,
  type SendSlot,
  UrlTable,
} from "./events";
import { namePools } from "./names";
import { type CompanyPlan, DAY, Profile } from "./plan";
import { Rng, uuidFor } from "./random";
import { conversionLikelihood, summarize } from "./summary";

/** A contact as the loader writes it (times in ms since the epoch). */
export type ContactRow = ContactAttributes & {
  engagementScore: number;
  engagementTrend: EngagementTrend;
  conversionLikelihood: ConversionLikelihood;
  /** When the status was set by the latest unsubscribed / email_bounced event; null without one. */
  subscriptionStatusAt: number | null;
  lastActivityAt: number | null;
  lastOpenedAt: number | null;
  lastClickedAt: number | null;
  lastEmailSentAt: number | null;
  lastOpenedDevice: Device | null;
  preferredOpenHour: number | null;
  preferredOpenDay: Weekday | null;
  customFields: Record<string, unknown>;
  createdAt: number;
};

export type CampaignRow = {
  id: string;
  name: string;
  subject: string;
  message: string;
  status: CampaignSpec["status"];
  createdAt: Date;
  sentAt: Date | null;
  scheduledAt: Date | null;
};

export type Chunk = { contacts: ContactRow[]; events: EventBatch };

const HOUR = 3_600_000;
const LIFETIME_OPENS_HISTORY: Record<Profile, number> = { 0: 0, 1: 12, 2: 40, 3: 90, 4: 220, 5: 45 };

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Generates one company's contacts and events, chunk by chunk, in a fixed order: the
 * same plan and clock always give the same rows.
 */
export class CompanyGenerator {
  readonly campaigns: CampaignRow[];
  readonly campaignIds: string[];
  readonly urls = new UrlTable();
  private readonly contactCtx: ContactContext;
  private readonly eventCtx: EventContext;

  constructor(
    readonly slug: string,
    readonly plan: CompanyPlan,
    readonly now: number,
  ) {
    const today = Math.floor(now / DAY) * DAY;
    const site = `https://${slug}.example`;
    this.campaigns = CAMPAIGNS.map((spec, i) => campaignRow(slug, spec, i, now, today));
    this.campaignIds = this.campaigns.map((c) => c.id);
    const slots: SendSlot[] = [];
    CAMPAIGNS.forEach((spec, i) => {
      const links = (spec.links ?? []).map((path) =>
        this.urls.index(`${site}${path}?utm_source=email&utm_campaign=${spec.key}`),
      );
      for (const days of spec.sendDaysAgo ?? []) {
        slots.push({ campaign: i + 1, at: sendTime(today, days, i), reach: spec.reach ?? 0.5, historic: false, links });
      }
      // The newsletter's issues before the 90-day window: only lapsed contacts got them.
      if (spec.key === "weekly-newsletter") {
        for (let days = 93; days <= 150; days += 7) {
          slots.push({ campaign: i + 1, at: sendTime(today, days, i), reach: 0.8, historic: true, links });
        }
      }
    });
    slots.sort((a, b) => a.at - b.at);
    this.contactCtx = {
      rng: new Rng(`${slug}/contacts`),
      pools: namePools(),
      usedEmails: new Set(),
      now,
      today,
    };
    this.eventCtx = {
      rng: new Rng(`${slug}/events`),
      now,
      today,
      slots: slots.filter((slot) => slot.at <= now),
      sitePages: SITE_PAGES.map(([path, weight]) => [this.urls.index(`${site}${path}`), weight] as const),
      formPages: FORM_PAGES.map((path) => this.urls.index(`${site}${path}`)),
      checkoutUrl: this.urls.index(`${site}/checkout`),
    };
  }

  /** Contacts [start, end) in order, with their events; call with consecutive ranges. */
  chunk(start: number, end: number): Chunk {
    const { plan } = this;
    const { rng, today } = this.contactCtx;
    const events = new EventBatch();
    const contacts: ContactRow[] = [];
    for (let i = start; i < end; i++) {
      const draft = draftContact(this.contactCtx, i, plan.ids[i]!, plan.createdAt[i]!, plan.profile[i] as Profile);
      const from = events.length;
      const outcome = generateContactEvents(this.eventCtx, events, i - start, draft, plan.eventTarget[i]!);
      const summary = summarize(events, from, events.length, draft.timezone, today);
      const { status, statusAt } = subscriptionAfter(draft.subscriptionStatus, outcome);

      const fields = draft.customFields;
      if (draft.profile !== Profile.NEVER || rng.chance(0.5)) {
        if (rng.chance(0.9)) fields.lifetime_opens = summary.opens + rng.int(0, LIFETIME_OPENS_HISTORY[draft.profile]);
      }
      if (summary.purchaseRevenue > 0) {
        fields.total_revenue = round2(Number(fields.total_revenue ?? 0) + summary.purchaseRevenue);
      }
      if (summary.latestPurchaseAt !== null) {
        const day = isoDate(summary.latestPurchaseAt);
        const known = fields.last_purchase_date as string | undefined;
        if (!known || known < day) fields.last_purchase_date = day;
      }
      const revenue = Number(fields.total_revenue ?? 0);
      if (draft.accountType === "paid" && revenue > 0) fields.customer_ltv = round2(revenue * (1.2 + rng.next() * 1.3));
      else if (revenue > 0) fields.customer_ltv = revenue;
      if (status === "BOUNCED") fields.bounced = true;
      else if (rng.chance(0.75)) fields.bounced = false;

      contacts.push({
        id: draft.id,
        email: draft.email,
        firstName: draft.firstName,
        lastName: draft.lastName,
        phone: draft.phone,
        companyName: draft.companyName,
        jobTitle: draft.jobTitle,
        source: draft.source,
        country: draft.country,
        state: draft.state,
        city: draft.city,
        timezone: draft.timezone,
        lifecycleStage: draft.lifecycleStage,
        subscriptionStatus: status,
        subscriptionStatusAt: statusAt,
        leadScore: draft.leadScore,
        engagementScore: summary.engagementScore,
        engagementTrend: summary.engagementTrend,
        conversionLikelihood: conversionLikelihood(draft.leadScore, summary.engagementScore),
        lastActivityAt: summary.lastActivityAt,
        lastOpenedAt: summary.lastOpenedAt,
        lastClickedAt: summary.lastClickedAt,
        lastEmailSentAt: summary.lastEmailSentAt,
        lastOpenedDevice: summary.lastOpenedDevice,
        preferredOpenHour: summary.preferredOpenHour,
        preferredOpenDay: summary.preferredOpenDay,
        tags: draft.tags,
        customFields: fields,
        createdAt: draft.createdAt,
      });
    }
    return { contacts, events };
  }
}

/** Campaign sends go out at 14:00 UTC on weekdays (a weekend day moves back to Friday). */
function sendTime(today: number, daysAgo: number, campaignIndex: number): number {
  let day = today - daysAgo * DAY;
  const weekday = new Date(day).getUTCDay();
  if (weekday === 6) day -= DAY;
  if (weekday === 0) day -= 2 * DAY;
  return day + 14 * HOUR + campaignIndex * 15 * 60_000;
}

function campaignRow(slug: string, spec: CampaignSpec, index: number, now: number, today: number): CampaignRow {
  const sends = (spec.sendDaysAgo ?? []).map((days) => sendTime(today, days, index)).filter((at) => at <= now);
  const first = sends.length ? Math.min(...sends) : now - 2 * DAY;
  return {
    id: uuidFor(`segments-demo/${slug}/campaign/${spec.key}`),
    name: spec.name,
    subject: spec.subject,
    message: `${spec.subject}\n\nHi {{firstName}},\n\n...`,
    status: spec.status,
    createdAt: new Date(first - 3 * DAY),
    sentAt: spec.status === "SENT" && sends.length ? new Date(Math.max(...sends)) : null,
    scheduledAt: spec.status === "SCHEDULED" ? new Date(today + 7 * DAY + 14 * HOUR) : null,
  };
}

/**
 * The status as the rule language sets it: the latest-dated unsubscribed / email_bounced
 * event decides (the same instant: UNSUBSCRIBED); without one, the draft's status (from
 * before the event window) stands with no time, as an import would leave it.
 */
export function subscriptionAfter(
  before: SubscriptionStatus,
  outcome: EventOutcome,
): { status: SubscriptionStatus; statusAt: number | null } {
  const { unsubscribedAt, bouncedAt } = outcome;
  if (unsubscribedAt !== null && (bouncedAt === null || unsubscribedAt >= bouncedAt)) {
    return { status: "UNSUBSCRIBED", statusAt: unsubscribedAt };
  }
  if (bouncedAt !== null) return { status: "BOUNCED", statusAt: bouncedAt };
  return { status: before, statusAt: null };
}
