import type { CustomFieldType } from "@/lib/generated/prisma/enums";

/** The fixed vocabulary of the demo data: companies, places, people's roles, fields, campaigns. */

export type DemoCompany = { name: string; slug: string; marketerName: string };

export const DEMO_COMPANIES: DemoCompany[] = [
  { name: "Acme Corp", slug: "acme", marketerName: "Maria Chen" },
  { name: "Globex", slug: "globex", marketerName: "Sam Patel" },
  { name: "Initech", slug: "initech", marketerName: "Peter Gibbons" },
  { name: "Umbrella", slug: "umbrella", marketerName: "Alice Abernathy" },
  { name: "Hooli", slug: "hooli", marketerName: "Gavin Belson" },
  { name: "Stark Industries", slug: "stark", marketerName: "Pepper Potts" },
  { name: "Wayne Enterprises", slug: "wayne", marketerName: "Lucius Fox" },
  { name: "Soylent", slug: "soylent", marketerName: "Sol Roth" },
];

/** Company k (0-based): the named ones first, then "Company 9", "Company 10", ... */
export function demoCompany(index: number): DemoCompany {
  return (
    DEMO_COMPANIES[index] ?? {
      name: `Company ${index + 1}`,
      slug: `company-${index + 1}`,
      marketerName: `Marketer ${index + 1}`,
    }
  );
}

export const ADMIN = { email: "admin@segments.dev", name: "Alex Admin", password: "admin-demo-1" };
export const MARKETER_PASSWORD = "marketer-demo-1";
export const marketerEmail = (slug: string) => `marketer@${slug}.dev`;

/** The sign-in lines the seed and `npm run dev` print. */
export function demoAccountLines(companies: { name: string; slug: string }[]): string[] {
  return [
    `platform admin     ${ADMIN.email} / ${ADMIN.password}`,
    ...companies.map((c) => `${c.name.padEnd(18)} ${marketerEmail(c.slug)} / ${MARKETER_PASSWORD}`),
  ];
}

export type CustomFieldSpec = { key: string; label: string; type: CustomFieldType; options?: string[] };

export const INDUSTRIES = [
  "SaaS",
  "Technology",
  "Software",
  "Retail",
  "Healthcare",
  "Finance",
  "Education",
  "Manufacturing",
];
export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-1000", "1000+"];
export const INTERESTS = ["email marketing", "automation", "analytics", "crm", "social media", "seo", "content"];
export const ACCOUNT_TYPES = ["trial", "paid", "free", "churned"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const CUSTOM_FIELDS: CustomFieldSpec[] = [
  { key: "industry", label: "Industry", type: "SELECT", options: INDUSTRIES },
  { key: "company_size", label: "Company size", type: "SELECT", options: COMPANY_SIZES },
  { key: "interests", label: "Interests", type: "MULTI_SELECT", options: INTERESTS },
  { key: "trial_end_date", label: "Trial end date", type: "DATE" },
  { key: "signup_date", label: "Signup date", type: "DATE" },
  { key: "total_revenue", label: "Total revenue", type: "NUMBER" },
  { key: "customer_ltv", label: "Customer LTV", type: "NUMBER" },
  { key: "lifetime_opens", label: "Lifetime opens", type: "NUMBER" },
  { key: "last_purchase_date", label: "Last purchase date", type: "DATE" },
  { key: "account_type", label: "Account type", type: "SELECT", options: [...ACCOUNT_TYPES] },
  { key: "bounced", label: "Bounced", type: "BOOLEAN" },
];

/** A place: the timezone as an IANA name, and the US/Canada abbreviation where one applies. */
export type Place = { country: string; state: string; city: string; zone: string; abbrev?: string; dial: string };

const us = (state: string, city: string, zone: string, abbrev: string): Place => ({
  country: "United States",
  state,
  city,
  zone,
  abbrev,
  dial: "+1",
});

/** [place, weight]: the United States dominates, as in most B2B marketing lists. */
export const PLACES: [Place, number][] = [
  [us("California", "San Francisco", "America/Los_Angeles", "PST"), 9],
  [us("California", "Los Angeles", "America/Los_Angeles", "PST"), 6],
  [us("California", "San Diego", "America/Los_Angeles", "PST"), 3],
  [us("California", "San Jose", "America/Los_Angeles", "PST"), 3],
  [us("Washington", "Seattle", "America/Los_Angeles", "PST"), 4],
  [us("Oregon", "Portland", "America/Los_Angeles", "PST"), 2],
  [us("Colorado", "Denver", "America/Denver", "MST"), 3],
  [us("Arizona", "Phoenix", "America/Phoenix", "MST"), 2],
  [us("Utah", "Salt Lake City", "America/Denver", "MST"), 1],
  [us("Texas", "Austin", "America/Chicago", "CST"), 4],
  [us("Texas", "Houston", "America/Chicago", "CST"), 3],
  [us("Texas", "Dallas", "America/Chicago", "CST"), 3],
  [us("Illinois", "Chicago", "America/Chicago", "CST"), 5],
  [us("Minnesota", "Minneapolis", "America/Chicago", "CST"), 2],
  [us("New York", "New York", "America/New_York", "EST"), 9],
  [us("New York", "Brooklyn", "America/New_York", "EST"), 2],
  [us("Massachusetts", "Boston", "America/New_York", "EST"), 4],
  [us("Florida", "Miami", "America/New_York", "EST"), 3],
  [us("Georgia", "Atlanta", "America/New_York", "EST"), 3],
  [us("North Carolina", "Raleigh", "America/New_York", "EST"), 2],
  [us("Pennsylvania", "Philadelphia", "America/New_York", "EST"), 2],
  [{ country: "Canada", state: "Ontario", city: "Toronto", zone: "America/Toronto", abbrev: "EST", dial: "+1" }, 5],
  [{ country: "Canada", state: "Ontario", city: "Ottawa", zone: "America/Toronto", abbrev: "EST", dial: "+1" }, 1],
  [{ country: "Canada", state: "Quebec", city: "Montreal", zone: "America/Toronto", abbrev: "EST", dial: "+1" }, 2],
  [
    {
      country: "Canada",
      state: "British Columbia",
      city: "Vancouver",
      zone: "America/Vancouver",
      abbrev: "PST",
      dial: "+1",
    },
    3,
  ],
  [{ country: "Canada", state: "Alberta", city: "Calgary", zone: "America/Edmonton", abbrev: "MST", dial: "+1" }, 1],
  [{ country: "United Kingdom", state: "England", city: "London", zone: "Europe/London", dial: "+44" }, 6],
  [{ country: "United Kingdom", state: "England", city: "Manchester", zone: "Europe/London", dial: "+44" }, 2],
  [{ country: "United Kingdom", state: "Scotland", city: "Edinburgh", zone: "Europe/London", dial: "+44" }, 1],
  [{ country: "Germany", state: "Berlin", city: "Berlin", zone: "Europe/Berlin", dial: "+49" }, 3],
  [{ country: "Germany", state: "Bavaria", city: "Munich", zone: "Europe/Berlin", dial: "+49" }, 2],
  [{ country: "Germany", state: "Hamburg", city: "Hamburg", zone: "Europe/Berlin", dial: "+49" }, 1],
  [{ country: "France", state: "Île-de-France", city: "Paris", zone: "Europe/Paris", dial: "+33" }, 3],
  [{ country: "France", state: "Auvergne-Rhône-Alpes", city: "Lyon", zone: "Europe/Paris", dial: "+33" }, 1],
  [{ country: "Netherlands", state: "North Holland", city: "Amsterdam", zone: "Europe/Amsterdam", dial: "+31" }, 2],
  [{ country: "Spain", state: "Madrid", city: "Madrid", zone: "Europe/Madrid", dial: "+34" }, 1],
  [{ country: "Australia", state: "New South Wales", city: "Sydney", zone: "Australia/Sydney", dial: "+61" }, 3],
  [{ country: "Australia", state: "Victoria", city: "Melbourne", zone: "Australia/Melbourne", dial: "+61" }, 2],
  [{ country: "India", state: "Karnataka", city: "Bengaluru", zone: "Asia/Kolkata", dial: "+91" }, 3],
  [{ country: "India", state: "Maharashtra", city: "Mumbai", zone: "Asia/Kolkata", dial: "+91" }, 2],
  [{ country: "Brazil", state: "São Paulo", city: "São Paulo", zone: "America/Sao_Paulo", dial: "+55" }, 2],
  [{ country: "Brazil", state: "Rio de Janeiro", city: "Rio de Janeiro", zone: "America/Sao_Paulo", dial: "+55" }, 1],
  [{ country: "Japan", state: "Tokyo", city: "Tokyo", zone: "Asia/Tokyo", dial: "+81" }, 1],
  [{ country: "Mexico", state: "Mexico City", city: "Mexico City", zone: "America/Mexico_City", dial: "+52" }, 1],
];

/** Written as some imports do: PostgreSQL does not know these, so rules fall back to UTC. */
export const UNKNOWN_TIMEZONES = ["Pacific Time (US & Canada)", "Eastern Time (US & Canada)"];

export const JOB_TITLES = [
  "Marketing Manager",
  "Head of Marketing",
  "VP of Marketing",
  "CMO",
  "Growth Marketer",
  "Content Strategist",
  "Marketing Operations Manager",
  "Demand Generation Manager",
  "Product Manager",
  "Product Marketing Manager",
  "Software Engineer",
  "Engineering Manager",
  "CTO",
  "CEO",
  "Founder",
  "COO",
  "Sales Director",
  "Account Executive",
  "Sales Development Representative",
  "Customer Success Manager",
  "Operations Manager",
  "Data Analyst",
  "Business Analyst",
  "HR Manager",
  "Designer",
  "Consultant",
  "Office Manager",
  "Student",
];

export const SOURCES: [string, number][] = [
  ["web form", 30],
  ["landing page", 15],
  ["import", 18],
  ["api", 8],
  ["webinar", 8],
  ["referral", 7],
  ["paid ads", 8],
  ["trade show", 4],
  ["organic search", 2],
];

export const FREE_MAIL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me"];

/** [tag, share of contacts]: lower-case, as rules compare them. */
export const TAGS: [string, number][] = [
  ["newsletter", 0.4],
  ["webinar", 0.12],
  ["product-updates", 0.15],
  ["unqualified", 0.07],
  ["beta", 0.06],
  ["vip", 0.03],
  ["partner", 0.03],
  ["enterprise", 0.08],
  ["smb", 0.12],
  ["event-attendee", 0.05],
];

export type CampaignSpec = {
  key: string;
  name: string;
  subject: string;
  status: "SENT" | "DRAFT" | "SCHEDULED";
  /** Days before now of each send (a recurring campaign sends several times). */
  sendDaysAgo?: number[];
  /** Share of the eligible contacts each send reaches. */
  reach?: number;
  /** Paths its emails link to. */
  links?: string[];
};

const every = (start: number, step: number, until: number) => {
  const days: number[] = [];
  for (let d = start; d <= until; d += step) days.push(d);
  return days;
};

export const CAMPAIGNS: CampaignSpec[] = [
  {
    key: "weekly-newsletter",
    name: "Weekly Newsletter",
    subject: "This week: tips, stories and what's new",
    status: "SENT",
    sendDaysAgo: every(2, 7, 89),
    reach: 0.55,
    links: ["/blog/weekly-roundup", "/blog/email-deliverability-checklist", "/blog/segmentation-101", "/events"],
  },
  {
    key: "product-tips",
    name: "Product Tips",
    subject: "Three ways to get more out of your workspace",
    status: "SENT",
    sendDaysAgo: every(4, 14, 89),
    reach: 0.35,
    links: ["/docs/getting-started", "/docs/automation", "/blog/product-tips", "/pricing"],
  },
  {
    key: "product-launch-q4",
    name: "Product Launch Q4",
    subject: "Introducing our biggest release yet",
    status: "SENT",
    sendDaysAgo: [55],
    reach: 0.7,
    links: ["/pricing", "/demo", "/blog/product-launch-q4", "/features"],
  },
  {
    key: "feature-announcement",
    name: "Feature Announcement",
    subject: "New: segments that update themselves",
    status: "SENT",
    sendDaysAgo: [12],
    reach: 0.65,
    links: ["/features/segments", "/blog/dynamic-segments", "/demo"],
  },
  {
    key: "webinar-invitation",
    name: "Webinar Invitation",
    subject: "Live: building a lifecycle program in 30 minutes",
    status: "SENT",
    sendDaysAgo: [34, 27],
    reach: 0.3,
    links: ["/webinars/lifecycle-marketing", "/webinars/register"],
  },
  {
    key: "customer-stories",
    name: "Customer Success Stories",
    subject: "How teams like yours doubled their open rates",
    status: "SENT",
    sendDaysAgo: [5],
    reach: 0.5,
    links: ["/customers", "/blog/case-study-northwind", "/pricing"],
  },
  { key: "holiday-promo", name: "Holiday Promo", subject: "Our holiday offer (draft)", status: "DRAFT" },
  { key: "product-update-q1", name: "Product Update Q1", subject: "What's coming in Q1", status: "SCHEDULED" },
];

/** Site pages for page visits; weights favour the home page and pricing. */
export const SITE_PAGES: [string, number][] = [
  ["/", 20],
  ["/pricing", 14],
  ["/features", 10],
  ["/features/segments", 5],
  ["/demo", 6],
  ["/blog/segmentation-101", 5],
  ["/blog/email-deliverability-checklist", 4],
  ["/blog/product-launch-q4", 4],
  ["/docs/getting-started", 6],
  ["/docs/automation", 3],
  ["/integrations", 5],
  ["/customers", 4],
  ["/about", 3],
  ["/contact", 3],
  ["/careers", 2],
];

export const FORM_PAGES = ["/demo", "/contact", "/webinars/register", "/trial", "/newsletter"];
