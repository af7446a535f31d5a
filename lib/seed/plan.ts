import { Rng, uuidFor } from "./random";

export const DAY = 86_400_000;

/**
 * How engaged a contact is with email: drives how many events it gets, how often it opens
 * and clicks. NEVER contacts are sent mail but never open; LAPSED ones opened months ago
 * and stopped (so "Inactive: last opened more than 90 days ago" finds people).
 */
export const Profile = { NEVER: 0, LOW: 1, MEDIUM: 2, HIGH: 3, SUPER: 4, LAPSED: 5 } as const;
export type Profile = (typeof Profile)[keyof typeof Profile];

export type ProfileSpec = {
  share: number;
  /** Relative share of the company's events. */
  weight: number;
  /** Chance that a delivered email is opened (besides the one open every non-NEVER contact makes). */
  openRate: number;
  /** Chance that an opened email is clicked. */
  clickRate: number;
  /** Share of the contact's events that are site activity rather than email. */
  webShare: number;
};

export const PROFILES: Record<Profile, ProfileSpec> = {
  [Profile.NEVER]: { share: 0.2, weight: 0.7, openRate: 0, clickRate: 0, webShare: 0.03 },
  [Profile.LOW]: { share: 0.37, weight: 0.85, openRate: 0.02, clickRate: 0.1, webShare: 0.05 },
  [Profile.MEDIUM]: { share: 0.26, weight: 1.05, openRate: 0.08, clickRate: 0.18, webShare: 0.07 },
  [Profile.HIGH]: { share: 0.095, weight: 1.7, openRate: 0.3, clickRate: 0.25, webShare: 0.1 },
  [Profile.SUPER]: { share: 0.015, weight: 4, openRate: 0.7, clickRate: 0.45, webShare: 0.1 },
  [Profile.LAPSED]: { share: 0.06, weight: 0.7, openRate: 0.3, clickRate: 0.15, webShare: 0.05 },
};

const PROFILE_CHOICES = (Object.keys(PROFILES) as unknown as Profile[]).map(
  (p) => [Number(p) as Profile, PROFILES[p].share] as const,
);

/**
 * The first pass over a company's contacts: when each was created, its profile, and its
 * exact share of the events, so that the second pass (which generates contacts in chunks)
 * ends on exactly the requested number of events.
 */
export type CompanyPlan = {
  slug: string;
  /** Contact ids in ascending order: loading in id order keeps index inserts sequential. */
  ids: string[];
  createdAt: Float64Array;
  profile: Uint8Array;
  eventTarget: Uint32Array;
};

export function planCompany(slug: string, contacts: number, events: number, now: number): CompanyPlan {
  const rng = new Rng(`${slug}/plan`);
  const ids = Array.from({ length: contacts }, (_, i) => uuidFor(`segments-demo/${slug}/contact/${i}`)).sort();
  const createdAt = new Float64Array(contacts);
  const profile = new Uint8Array(contacts);
  const weights = new Float64Array(contacts);
  let totalWeight = 0;
  for (let i = 0; i < contacts; i++) {
    const roll = rng.next();
    // ~2.5% added in the last 7 days, ~9% more in the last 90, the rest over two years.
    const ageDays = roll < 0.025 ? rng.next() * 7 : roll < 0.115 ? 7 + rng.next() * 83 : 90 + rng.next() * 640;
    createdAt[i] = Math.floor((now - ageDays * DAY) / 1000) * 1000;
    let p = rng.weighted(PROFILE_CHOICES);
    if (p === Profile.LAPSED && ageDays < 160) p = Profile.LOW; // lapsing needs a past
    profile[i] = p;
    // Recent contacts had less time to collect events.
    const weight = PROFILES[p].weight * Math.max(0.15, Math.min(1, ageDays / 90));
    weights[i] = weight;
    totalWeight += weight;
  }
  const eventTarget = new Uint32Array(contacts);
  let cumulative = 0;
  let assigned = 0;
  for (let i = 0; i < contacts; i++) {
    cumulative += weights[i]!;
    const upTo = i === contacts - 1 ? events : Math.floor((events * cumulative) / totalWeight);
    eventTarget[i] = Math.max(0, upTo - assigned);
    assigned += eventTarget[i]!;
  }
  return { slug, ids, createdAt, profile, eventTarget };
}
