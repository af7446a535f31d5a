import type { World, WorldContact, WorldEvent } from "./world";

/**
 * A small hand-written world for the named tests: every contact exists to sit just inside
 * or just outside one of the brief's named segments. "Now" is 2025-06-15 12:00 UTC.
 */

export const NOW = new Date("2025-06-15T12:00:00.000Z");
export const COMPANY = "0a000000-0000-4000-8000-000000000001";
export const OTHER_COMPANY = "0b000000-0000-4000-8000-000000000002";

export const CAMPAIGN = {
  productLaunch: "0c000000-0000-4000-8000-00000000000a",
  featureAnnouncement: "0c000000-0000-4000-8000-00000000000b",
  productNewsletter: "0c000000-0000-4000-8000-00000000000c",
  otherCompanyProduct: "0c000000-0000-4000-8000-00000000000d",
};

export const SEGMENT = {
  allActive: "0d000000-0000-4000-8000-000000000001",
  recentPurchasers: "0d000000-0000-4000-8000-000000000002",
  unengaged: "0d000000-0000-4000-8000-000000000003",
  productUsers: "0d000000-0000-4000-8000-000000000004",
  otherCompany: "0d000000-0000-4000-8000-000000000005",
};

/** An instant `offset` days from today (UTC), at a time of day. */
export function at(offset: number, time = "12:00:00.000"): string {
  const day = new Date(Date.UTC(2025, 5, 15 + offset));
  return `${day.toISOString().slice(0, 10)}T${time}Z`;
}

/** A `YYYY-MM-DD` date `offset` days from today. */
export function date(offset: number): string {
  return at(offset).slice(0, 10);
}

type Spec = Partial<Omit<WorldContact, "id" | "companyId" | "email">> & {
  events?: Omit<WorldEvent, "companyId" | "contactId">[];
  company?: string;
};

const ev = (type: string, occurredAt: string, extra: Partial<WorldEvent> = {}) => ({ type, occurredAt, ...extra });
const times = (n: number, make: (i: number) => Omit<WorldEvent, "companyId" | "contactId">) =>
  Array.from({ length: n }, (_, i) => make(i));

const specs: Record<string, Spec> = {
  // Highly Engaged, Active Subscribers, Hot, Location-Based, engaged in "Engaged OR High-Value".
  hannah: {
    country: "United States",
    state: "California",
    leadScore: 85,
    lastActivityAt: at(-2),
    lastOpenedAt: at(-2),
    lastEmailSentAt: at(-3),
    tags: ["vip"],
    events: [
      ...times(6, (i) => ev("email_opened", at(-2 - i), { device: "desktop" })),
      ev("email_clicked", at(-2), { campaignId: CAMPAIGN.productNewsletter, url: "https://x.com/blog" }),
      ev("email_clicked", at(-3), { campaignId: CAMPAIGN.productNewsletter, url: "https://x.com/blog" }),
    ],
  },
  // Highly Engaged on every boundary: 5th open and a click at the first instant of the 30-day window.
  olive: {
    leadScore: 80,
    lastActivityAt: at(-7, "00:00:00.000"),
    lastOpenedAt: at(-8),
    lastEmailSentAt: at(-7),
    events: [
      ...[-8, -9, -10, -11].map((d) => ev("email_opened", at(d))),
      ev("email_opened", at(-30, "00:00:00.000")),
      ev("email_opened", at(-31, "23:59:59.999")),
      ev("email_clicked", at(-30, "00:00:00.000")),
      ev("email_clicked", at(-12)),
    ],
  },
  // As olive, but the last activity is one day too old.
  olga: {
    lastActivityAt: at(-8),
    events: [...times(5, (i) => ev("email_opened", at(-8 - i))), ...times(2, (i) => ev("email_clicked", at(-8 - i)))],
  },
  ivan: {
    leadScore: 30,
    lastOpenedAt: at(-91),
    lastActivityAt: at(-91),
    events: [ev("email_opened", at(-91))],
  },
  // Last opened on the 90th day back (its last millisecond): not "more than 90 days ago".
  ian: {
    lastOpenedAt: at(-90, "23:59:59.999"),
    lastActivityAt: at(-90, "23:59:59.999"),
    events: [ev("email_opened", at(-90, "23:59:59.999"))],
  },
  una: {
    subscriptionStatus: "UNSUBSCRIBED",
    lastOpenedAt: at(-200),
    lastActivityAt: at(-200),
    events: [ev("email_opened", at(-200))],
  },
  act_unsub: { subscriptionStatus: "UNSUBSCRIBED", lastOpenedAt: at(-1) },
  nora: { createdAt: at(-31) },
  ned: { createdAt: at(-30, "00:00:00.000") },
  lea: { createdAt: at(-3) },
  leo: { createdAt: at(-7, "00:00:00.000"), events: [ev("email_sent", at(-1))] },
  tom: { customFields: { account_type: "Trial", trial_end_date: date(7) } },
  tess: { customFields: { account_type: "trial", trial_end_date: date(8) } },
  tia: { customFields: { account_type: "paid", trial_end_date: date(0), last_purchase_date: date(-90) } },
  tod: { customFields: { account_type: "paid", trial_end_date: date(-1), last_purchase_date: date(-91) } },
  ann: { customFields: { signup_date: "2019-06-30" } },
  andy: { customFields: { signup_date: "2019-07-01" } },
  amy: { customFields: { signup_date: "2020-6-15" } }, // malformed: never matches
  carl: {
    lastClickedAt: at(-30),
    lastActivityAt: at(-30),
    events: times(10, (i) =>
      ev("email_clicked", at(-30 - i), { campaignId: CAMPAIGN.productNewsletter, url: "https://x.com/a" }),
    ),
  },
  cora: {
    lastClickedAt: at(-1),
    events: [...times(10, (i) => ev("email_clicked", at(-1 - i))), ev("conversion", at(-1))],
  },
  cal: { lastClickedAt: at(0), events: times(9, (i) => ev("email_clicked", at(-i))) },
  opal: {
    events: [
      ev("email_sent", at(-3), { campaignId: CAMPAIGN.featureAnnouncement }),
      ev("email_opened", at(-2), { campaignId: CAMPAIGN.featureAnnouncement }),
      ev("email_clicked", at(-2), { campaignId: CAMPAIGN.productLaunch, url: "https://x.com/other" }),
    ],
  },
  otto: {
    events: [
      ev("email_sent", at(-2, "00:00:00.000"), { campaignId: CAMPAIGN.featureAnnouncement }),
      ev("email_opened", at(-1), { campaignId: CAMPAIGN.featureAnnouncement }),
    ],
  },
  oscar: {
    events: [
      ev("email_sent", at(-5), { campaignId: CAMPAIGN.featureAnnouncement }),
      ev("email_opened", at(-4), { campaignId: CAMPAIGN.featureAnnouncement }),
      ev("email_clicked", at(-4), { campaignId: CAMPAIGN.featureAnnouncement, url: "https://x.com/x" }),
    ],
  },
  mia: {
    lastOpenedDevice: "mobile",
    events: [
      ...times(5, (i) => ev("email_opened", at(-1 - i), { device: "mobile" })),
      ev("email_opened", at(-6), { device: "tablet" }),
    ],
  },
  max: {
    lastOpenedDevice: "mobile",
    events: [
      ...times(5, (i) => ev("email_opened", at(-1 - i), { device: "mobile" })),
      ev("email_opened", at(-100), { device: "desktop" }),
    ],
  },
  mel: { lastOpenedDevice: "desktop", events: times(5, (i) => ev("email_opened", at(-1 - i), { device: "mobile" })) },
  pia: {
    events: [
      ev("email_clicked", at(-1), { campaignId: CAMPAIGN.productLaunch, url: "https://x.com/Pricing?ref=1" }),
      ev("email_sent", at(-3), { campaignId: CAMPAIGN.productLaunch }),
    ],
  },
  pete: {
    events: [
      ev("email_clicked", at(-1), { campaignId: CAMPAIGN.productLaunch, url: "https://x.com/pricing" }),
      ev("email_clicked", at(-1), { campaignId: CAMPAIGN.productLaunch, url: "https://x.com/DEMO" }),
      ev("email_sent", at(-8), { campaignId: CAMPAIGN.productNewsletter }),
    ],
  },
  pam: {
    events: [
      ev("email_clicked", at(-1), { campaignId: CAMPAIGN.productNewsletter, url: "https://x.com/pricing" }),
      ev("email_sent", at(-1), { campaignId: CAMPAIGN.featureAnnouncement }),
      // Another company's campaign named "Product B": unknown to this company, never matches.
      ev("email_sent", at(-1), { campaignId: CAMPAIGN.otherCompanyProduct }),
    ],
  },
  eve: { country: "canada", leadScore: 75, customFields: { customer_ltv: 1000 } },
  uma: {
    country: "United States",
    tags: ["unqualified"],
    events: [...times(3, (i) => ev("email_opened", at(-1 - i))), ev("email_clicked", at(-1))],
  },
  bo: { country: "Canada", leadScore: 90, customFields: { customer_ltv: 5000, bounced: true } },
  gus: { country: "Germany", leadScore: 76, customFields: { customer_ltv: 2000 } },
  hal: { leadScore: 74, customFields: { customer_ltv: 100000 } },
  mo: { preferredOpenHour: 9, preferredOpenDay: "MON" },
  mike: { preferredOpenHour: 11, preferredOpenDay: "FRI" },
  moe: { preferredOpenHour: 12, preferredOpenDay: "TUE" },
  meg: { preferredOpenHour: 10, preferredOpenDay: "SAT" },
  sf: { city: "San Francisco" },
  la: { country: "United States", state: "california" },
  ny: { country: "United States", state: "New York" },
  cs: { customFields: { company_size: "51-200" } },
  cs2: { customFields: { company_size: "51-2000" } },
  ind: { customFields: { industry: "saas" } },
  ind2: { customFields: { industry: "Tech" } },
  ind3: { customFields: { industry: "Software" } },
  int: { customFields: { interests: ["Email Marketing", "SEO"] } },
  int2: { customFields: { interests: ["seo"] } },
  int3: { customFields: { interests: "automation" } }, // malformed: not a list
  hv: { customFields: { total_revenue: 5000.01, lifetime_opens: 51 } },
  hv2: { customFields: { total_revenue: 5000, lifetime_opens: 100 } },
  hv3: { customFields: { total_revenue: "9000", lifetime_opens: 60 } }, // malformed number
  hot: { leadScore: 100, lastActivityAt: at(-14, "00:00:00.000"), lastEmailSentAt: at(-5), lastOpenedAt: at(-5) },
  hot2: { leadScore: 90, lastActivityAt: at(-1), lastEmailSentAt: at(-1) },
  hot3: { leadScore: 95, lastActivityAt: at(-1), lastOpenedAt: at(-1) },
  warm: { leadScore: 50, lastActivityAt: at(-30) },
  warm2: { leadScore: 79, lastActivityAt: at(-31) },
  cold: { leadScore: 0 },
  cold2: { leadScore: 49 },
  cold3: { lastActivityAt: at(-61) },
  cold4: { leadScore: 60, lastActivityAt: at(-60) },
  adv: {
    country: "United States",
    timezone: "pst",
    lastOpenedAt: at(-60, "00:00:00.000"),
    events: times(5, (i) => ev("email_clicked", at(-1 - i))),
  },
  adv2: {
    country: "United States",
    timezone: "America/Los_Angeles",
    lastOpenedAt: at(-60, "00:00:00.000"),
    events: times(5, (i) => ev("email_clicked", at(-1 - i))),
  },
  adv3: {
    country: "Canada",
    timezone: "EST",
    tags: ["unqualified"],
    lastOpenedAt: at(-60, "00:00:00.000"),
    events: times(5, (i) => ev("email_clicked", at(-1 - i))),
  },
  esp1: { events: [ev("email_clicked", at(-1), { campaignId: "c_123", url: "https://shop.example/pricing" })] },
  esp2: { events: [ev("email_clicked", at(-1), { campaignId: "C_123", url: "https://shop.example/pricing" })] },
  esp3: { events: [ev("email_clicked", at(-1), { campaignId: "c_123", url: "https://x.com/demo" })] },
  nulltags: { tags: null },
  // Another company's twin of hannah: matches everything hannah matches, but is never in company A's results.
  b_hannah: {
    company: OTHER_COMPANY,
    country: "United States",
    state: "California",
    city: "San Francisco",
    leadScore: 85,
    lastActivityAt: at(-2),
    lastOpenedAt: at(-2),
    lastEmailSentAt: at(-3),
    customFields: { account_type: "trial", trial_end_date: date(1), signup_date: "2019-06-01" },
    events: [...times(12, (i) => ev("email_opened", at(-1 - i))), ...times(12, (i) => ev("email_clicked", at(-1 - i)))],
  },
};

export const NAMES = Object.keys(specs);
/** Company A's contacts (b_* belong to the other company). */
export const COMPANY_NAMES = NAMES.filter((name) => !name.startsWith("b_"));

/** Deterministic contact ids: name → id. */
export const ID: Record<string, string> = Object.fromEntries(
  NAMES.map((name, i) => [name, `0e000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`]),
);
export const NAME_OF: Record<string, string> = Object.fromEntries(NAMES.map((name) => [ID[name], name]));

export function namedWorld(): World {
  const contacts: WorldContact[] = [];
  const events: WorldEvent[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const { events: contactEvents = [], company = COMPANY, ...fields } = spec;
    contacts.push({ createdAt: at(-10), ...fields, id: ID[name]!, companyId: company, email: `${name}@example.com` });
    for (const event of contactEvents) events.push({ ...event, companyId: company, contactId: ID[name]! });
  }
  const member = (segmentId: string, names: string[], companyId = COMPANY) =>
    names.map((name) => ({ companyId, segmentId, contactId: ID[name]! }));
  const fieldTypes = {
    industry: "SELECT",
    company_size: "SELECT",
    interests: "MULTI_SELECT",
    trial_end_date: "DATE",
    signup_date: "DATE",
    total_revenue: "NUMBER",
    customer_ltv: "NUMBER",
    lifetime_opens: "NUMBER",
    last_purchase_date: "DATE",
    account_type: "SELECT",
    bounced: "BOOLEAN",
  } as const;
  return {
    companies: [
      { id: COMPANY, name: "Acme" },
      { id: OTHER_COMPANY, name: "Other" },
    ],
    customFields: [COMPANY, OTHER_COMPANY].flatMap((companyId) =>
      Object.entries(fieldTypes).map(([key, type]) => ({ companyId, key, type })),
    ),
    campaigns: [
      { id: CAMPAIGN.productLaunch, companyId: COMPANY, name: "Product Launch Q4" },
      { id: CAMPAIGN.featureAnnouncement, companyId: COMPANY, name: "Feature Announcement" },
      { id: CAMPAIGN.productNewsletter, companyId: COMPANY, name: "Product Newsletter" },
      { id: CAMPAIGN.otherCompanyProduct, companyId: OTHER_COMPANY, name: "Product B" },
    ],
    segments: [
      { id: SEGMENT.allActive, companyId: COMPANY, name: "All Active Subscribers" },
      { id: SEGMENT.recentPurchasers, companyId: COMPANY, name: "Recent Purchasers" },
      { id: SEGMENT.unengaged, companyId: COMPANY, name: "Unengaged (90+ days)" },
      { id: SEGMENT.productUsers, companyId: COMPANY, name: "Product Users" },
      { id: SEGMENT.otherCompany, companyId: OTHER_COMPANY, name: "B segment" },
    ],
    contacts,
    events,
    memberships: [
      ...member(SEGMENT.allActive, ["hannah", "olive", "eve", "una"]),
      ...member(SEGMENT.recentPurchasers, ["olive"]),
      ...member(SEGMENT.unengaged, ["una"]),
      ...member(SEGMENT.productUsers, ["pia", "pete", "pam"]),
      ...member(SEGMENT.otherCompany, ["b_hannah"], OTHER_COMPANY),
    ],
  };
}

// The brief's shorthand, shared with the templates.
export { all, any, C, def } from "@/lib/segments/engine/templates";
