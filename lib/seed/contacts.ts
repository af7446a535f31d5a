import type { ContactAttributes } from "@/lib/contacts/attributes";
import type { LifecycleStage, SubscriptionStatus } from "@/lib/generated/prisma/enums";
import {
  type AccountType,
  COMPANY_SIZES,
  FREE_MAIL_DOMAINS,
  INDUSTRIES,
  INTERESTS,
  JOB_TITLES,
  PLACES,
  SOURCES,
  TAGS,
  UNKNOWN_TIMEZONES,
} from "./catalog";
import { asciiSlug, type NamePools } from "./names";
import { DAY, Profile } from "./plan";
import type { Rng } from "./random";

/** A contact's own attributes, before its events decide status, activity and scores. */
/** subscriptionStatus: from before the event window (an old unsubscribe or bounce); events may change it. */
export type ContactDraft = ContactAttributes & {
  createdAt: number;
  profile: Profile;
  accountType: AccountType | null;
  /** The local hour this contact usually reads email at, and how it reads it. */
  habitHour: number;
  deviceHabit: DeviceHabit;
  customFields: Record<string, unknown>;
};

export const DeviceHabit = { MOBILE: 0, DESKTOP: 1, MIXED: 2, TABLET: 3 } as const;
export type DeviceHabit = (typeof DeviceHabit)[keyof typeof DeviceHabit];

const EMAIL_PATTERNS: [(first: string, last: string) => string, number][] = [
  [(f, l) => `${f}.${l}`, 45],
  [(f, l) => `${f}${l}`, 15],
  [(f, l) => `${f[0]}${l}`, 20],
  [(f, l) => `${f}_${l}`, 8],
  [(f) => f, 7],
  [(f, l) => `${f}.${l[0]}`, 5],
];

const LIFECYCLE_BY_ACCOUNT: Record<AccountType, [LifecycleStage, number][]> = {
  paid: [
    ["CUSTOMER", 90],
    ["SQL", 10],
  ],
  churned: [
    ["CHURNED", 85],
    ["CUSTOMER", 15],
  ],
  trial: [
    ["MQL", 40],
    ["SQL", 35],
    ["LEAD", 25],
  ],
  free: [
    ["SUBSCRIBER", 45],
    ["LEAD", 45],
    ["MQL", 10],
  ],
};

const LEAD_SCORE_RANGE: Record<LifecycleStage, [number, number]> = {
  SUBSCRIBER: [0, 45],
  LEAD: [5, 65],
  MQL: [35, 85],
  SQL: [55, 98],
  CUSTOMER: [45, 100],
  CHURNED: [0, 40],
};

const PROFILE_SCORE_BONUS: Record<Profile, number> = { 0: -10, 1: -3, 2: 4, 3: 12, 4: 20, 5: -8 };

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type ContactContext = {
  rng: Rng;
  pools: NamePools;
  /** Unnumbered emails already used in this company. */
  usedEmails: Set<string>;
  now: number;
  today: number;
};

export function draftContact(
  ctx: ContactContext,
  ordinal: number,
  id: string,
  createdAt: number,
  profile: Profile,
): ContactDraft {
  const { rng, pools } = ctx;
  const firstName = rng.pick(pools.firstNames);
  const lastName = rng.pick(pools.lastNames);
  const companyName = rng.chance(0.9) ? rng.pick(pools.companyNames) : null;
  const place = rng.chance(0.96) ? rng.weighted(PLACES) : null;
  const northAmerica = place?.abbrev !== undefined;

  let timezone: string | null = null;
  if (place) {
    const roll = rng.next();
    if (northAmerica) {
      timezone =
        roll < 0.4 ? place.abbrev! : roll < 0.92 ? place.zone : roll < 0.95 ? rng.pick(UNKNOWN_TIMEZONES) : null;
    } else {
      timezone = roll < 0.9 ? place.zone : null;
    }
  }

  const accountType = rng.chance(0.93)
    ? rng.weighted<AccountType>([
        ["trial", 15],
        ["paid", 30],
        ["free", 40],
        ["churned", 15],
      ])
    : null;
  const lifecycleStage = rng.chance(0.97) ? rng.weighted(LIFECYCLE_BY_ACCOUNT[accountType ?? "free"]) : null;
  let leadScore: number | null = null;
  if (rng.chance(0.98)) {
    const [low, high] = LEAD_SCORE_RANGE[lifecycleStage ?? "LEAD"];
    leadScore = Math.max(0, Math.min(100, rng.int(low, high) + PROFILE_SCORE_BONUS[profile]));
  }

  const roll = rng.next();
  const subscriptionStatus: SubscriptionStatus = roll < 0.02 ? "UNSUBSCRIBED" : roll < 0.03 ? "BOUNCED" : "ACTIVE";

  const tags: string[] = [];
  for (const [tag, share] of TAGS) if (rng.chance(share)) tags.push(tag);
  if (profile === Profile.SUPER && !tags.includes("vip") && rng.chance(0.3)) tags.push("vip");

  const habitRoll = rng.next();
  const habitHour =
    habitRoll < 0.4
      ? rng.int(8, 11)
      : habitRoll < 0.7
        ? rng.int(12, 17)
        : habitRoll < 0.9
          ? rng.int(18, 22)
          : rng.int(0, 23);
  const deviceHabit = rng.weighted<DeviceHabit>([
    [DeviceHabit.MOBILE, 35],
    [DeviceHabit.DESKTOP, 30],
    [DeviceHabit.MIXED, 30],
    [DeviceHabit.TABLET, 5],
  ]);

  return {
    id,
    email: makeEmail(ctx, ordinal, firstName, lastName, companyName),
    firstName: rng.chance(0.98) ? firstName : null,
    lastName: rng.chance(0.96) ? lastName : null,
    phone: place && rng.chance(0.72) ? makePhone(rng, place.dial) : null,
    companyName,
    jobTitle: rng.chance(0.85) ? rng.pick(JOB_TITLES) : null,
    source: rng.chance(0.95) ? rng.weighted(SOURCES) : null,
    country: place?.country ?? null,
    state: place && rng.chance(0.95) ? place.state : null,
    city: place && rng.chance(0.97) ? place.city : null,
    timezone,
    lifecycleStage,
    subscriptionStatus,
    leadScore,
    tags,
    createdAt,
    profile,
    accountType,
    habitHour,
    deviceHabit,
    customFields: draftCustomFields(ctx, createdAt, accountType),
  };
}

function makeEmail(ctx: ContactContext, ordinal: number, first: string, last: string, company: string | null): string {
  const { rng } = ctx;
  const f = asciiSlug(first) || "contact";
  const l = asciiSlug(last) || "person";
  const local = rng.weighted(EMAIL_PATTERNS)(f, l);
  const domain =
    company && rng.chance(0.55)
      ? `${asciiSlug(company).slice(0, 24)}.${rng.pick(["com", "com", "io", "co", "net"])}`
      : rng.pick(FREE_MAIL_DOMAINS);
  const plain = `${local}@${domain}`;
  if (!ctx.usedEmails.has(plain)) {
    ctx.usedEmails.add(plain);
    return plain;
  }
  // Letters-only local part plus the ordinal: can never collide with another contact's.
  return `${local}${ordinal + 1}@${domain}`;
}

function makePhone(rng: Rng, dial: string): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
  if (dial === "+1") return `+1 ${rng.int(201, 989)}-555-${digits(4)}`;
  return `${dial} ${rng.int(10, 99)} ${digits(4)} ${digits(4)}`;
}

function draftCustomFields(ctx: ContactContext, createdAt: number, accountType: AccountType | null) {
  const { rng, today } = ctx;
  const fields: Record<string, unknown> = {};
  if (rng.chance(0.9)) fields.industry = rng.weighted(INDUSTRIES.map((value, i) => [value, i < 3 ? 2 : 1] as const));
  if (rng.chance(0.85))
    fields.company_size = rng.weighted(COMPANY_SIZES.map((value, i) => [value, [3, 4, 3, 2, 1][i]!] as const));
  const interestsRoll = rng.next();
  if (interestsRoll < 0.8) fields.interests = rng.sample(INTERESTS, rng.int(1, 3));
  else if (interestsRoll < 0.85) fields.interests = [];
  if (accountType) fields.account_type = accountType;
  if (rng.chance(0.9)) {
    const signup = rng.chance(0.75) ? createdAt : createdAt - rng.int(1, 365) * DAY;
    fields.signup_date = isoDate(signup);
  }
  if (accountType === "trial") {
    // Spread around today, so "trial expiring in the next 7 days" finds people.
    fields.trial_end_date = isoDate(today + rng.int(-14, 30) * DAY);
  } else if ((accountType === "paid" || accountType === "churned") && rng.chance(0.4)) {
    fields.trial_end_date = isoDate(Math.min(createdAt + 14 * DAY, today));
  }
  if (accountType === "paid" || accountType === "churned") {
    const median = accountType === "paid" ? 1500 : 700;
    fields.total_revenue = round2(Math.exp(Math.log(median) + rng.normal() * 1.1));
  } else if (rng.chance(0.5)) {
    fields.total_revenue = 0;
  }
  if (accountType === "churned") {
    fields.last_purchase_date = isoDate(today - rng.int(120, 700) * DAY);
  } else if (accountType === "paid" && rng.chance(0.9)) {
    fields.last_purchase_date = isoDate(today - rng.int(0, 200) * DAY);
  }
  return fields;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
