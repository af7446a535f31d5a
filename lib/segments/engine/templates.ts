import type { Condition, Group, SegmentDefinition } from "./types";
import { isGroup } from "./types";

/**
 * The product brief's named segments (../../shared/brief-segments.md) as data: the
 * builder's "Start from a template" menu and the engine's named tests read them here, so
 * they are written once. A campaign or segment the brief names in angle brackets
 * ("<Product Launch Q4>") stays a placeholder; `fillTemplate` puts in the company's id,
 * or leaves it empty for the user to choose.
 */

export type TemplateCategory =
  | "Engagement"
  | "Demographics and lifecycle"
  | "Advanced logic"
  | "Behaviour"
  | "Lead score"
  | "Custom fields"
  | "Exclusions"
  | "A/B test";

export type SegmentTemplate = {
  key: string;
  name: string;
  category: TemplateCategory;
  /** One line for the menu. */
  summary: string;
  definition: SegmentDefinition;
};

/** The brief's shorthand: one condition object. */
export function C(
  field: string,
  operator: string,
  value?: unknown,
  extra: Pick<Condition, "window" | "filter"> = {},
): Condition {
  return { field, operator, ...(value === undefined ? {} : { value }), ...extra } as Condition;
}
export const all = (...conditions: (Condition | Group)[]): Group => ({ match: "all", conditions });
export const any = (...conditions: (Condition | Group)[]): Group => ({ match: "any", conditions });
export const def = (groups: Group[], exclusions?: Group[]): SegmentDefinition => ({
  match: "all",
  groups,
  ...(exclusions ? { exclusions } : {}),
});

const days30 = { window: { lastDays: 30 } };
const engagedOrHighValue = any(
  all(C("event.email_opened", "count_at_least", 3, days30), C("event.email_clicked", "count_at_least", 1, days30)),
  all(C("contact.leadScore", "greater_or_equal", 75), C("customField.customer_ltv", "greater_or_equal", 1000)),
);
const unqualifiedOrBounced = any(
  C("contact.tags", "contains_any", ["unqualified"]),
  C("customField.bounced", "is_true"),
);

export const SEGMENT_TEMPLATES: readonly SegmentTemplate[] = [
  {
    key: "active-subscribers",
    name: "Active Subscribers",
    category: "Engagement",
    summary: "Opened in the last 30 days and still subscribed",
    definition: def([
      all(C("contact.lastOpenedAt", "within_last_days", 30), C("contact.subscriptionStatus", "equals", "ACTIVE")),
    ]),
  },
  {
    key: "highly-engaged",
    name: "Highly Engaged",
    category: "Engagement",
    summary: "5+ opens and 2+ clicks in 30 days, active this week",
    definition: def([
      all(
        C("event.email_opened", "count_at_least", 5, days30),
        C("event.email_clicked", "count_at_least", 2, days30),
        C("contact.lastActivityAt", "within_last_days", 7),
      ),
    ]),
  },
  {
    key: "inactive",
    name: "Inactive",
    category: "Engagement",
    summary: "Subscribed, but no open for more than 90 days",
    definition: def([
      all(C("contact.lastOpenedAt", "more_than_days_ago", 90), C("contact.subscriptionStatus", "equals", "ACTIVE")),
    ]),
  },
  {
    key: "never-engaged",
    name: "Never Engaged",
    category: "Engagement",
    summary: "Never opened or clicked, added over 30 days ago",
    definition: def([
      all(
        C("event.email_opened", "has_not_done"),
        C("event.email_clicked", "has_not_done"),
        C("contact.createdAt", "more_than_days_ago", 30),
      ),
    ]),
  },
  {
    key: "location-based",
    name: "Location-Based",
    category: "Demographics and lifecycle",
    summary: "California, United States, or San Francisco",
    definition: def([
      any(
        all(C("contact.country", "equals", "United States"), C("contact.state", "equals", "California")),
        C("contact.city", "equals", "San Francisco"),
      ),
    ]),
  },
  {
    key: "company-size",
    name: "Company Size",
    category: "Demographics and lifecycle",
    summary: "Companies of 51-200 people",
    definition: def([all(C("customField.company_size", "equals", "51-200"))]),
  },
  {
    key: "industry",
    name: "Industry",
    category: "Demographics and lifecycle",
    summary: "SaaS, Technology or Software",
    definition: def([all(C("customField.industry", "in", ["SaaS", "Technology", "Software"]))]),
  },
  {
    key: "new-leads",
    name: "New Leads (Last 7 Days)",
    category: "Demographics and lifecycle",
    summary: "Added this week, not emailed yet",
    definition: def([all(C("contact.createdAt", "within_last_days", 7), C("event.email_sent", "has_not_done"))]),
  },
  {
    key: "trial-users",
    name: "Trial Users",
    category: "Demographics and lifecycle",
    summary: "On a trial that ends within 7 days",
    definition: def([
      all(C("customField.account_type", "equals", "trial"), C("customField.trial_end_date", "within_next_days", 7)),
    ]),
  },
  {
    key: "customers",
    name: "Customers",
    category: "Demographics and lifecycle",
    summary: "Paid accounts that bought in the last 90 days",
    definition: def([
      all(C("customField.account_type", "equals", "paid"), C("customField.last_purchase_date", "within_last_days", 90)),
    ]),
  },
  {
    key: "engaged-or-high-value",
    name: "Engaged OR High-Value",
    category: "Advanced logic",
    summary: "Recently engaged, or a high score and lifetime value",
    definition: def([engagedOrHighValue]),
  },
  {
    key: "engaged-or-high-value-na",
    name: "Engaged OR High-Value, in North America, not unqualified",
    category: "Advanced logic",
    summary: "The rule language's full example: nested groups and an exclusion",
    definition: def(
      [engagedOrHighValue, all(C("contact.country", "in", ["United States", "Canada"]))],
      [unqualifiedOrBounced],
    ),
  },
  {
    key: "advanced-multi-condition",
    name: "Advanced Multi-Condition",
    category: "Advanced logic",
    summary: "North American time zones, recent clickers, minus unqualified or bounced",
    definition: def(
      [
        all(
          C("contact.country", "in", ["United States", "Canada"]),
          C("contact.timezone", "in", ["PST", "MST", "CST", "EST"]),
        ),
        all(C("contact.lastOpenedAt", "within_last_days", 60), C("event.email_clicked", "count_at_least", 5)),
      ],
      [unqualifiedOrBounced],
    ),
  },
  {
    key: "click-but-never-convert",
    name: "Click-But-Never-Convert",
    category: "Behaviour",
    summary: "10+ clicks, no conversion, clicked this month",
    definition: def([
      all(
        C("event.email_clicked", "count_at_least", 10),
        C("event.conversion", "has_not_done"),
        C("contact.lastClickedAt", "within_last_days", 30),
      ),
    ]),
  },
  {
    key: "mobile-openers",
    name: "Mobile Openers",
    category: "Behaviour",
    summary: "Open on mobile, never on desktop",
    definition: def([
      all(
        C("contact.lastOpenedDevice", "equals", "mobile"),
        C("event.email_opened", "count_at_least", 5, { filter: { device: "mobile" } }),
        C("event.email_opened", "has_not_done", undefined, { filter: { device: "desktop" } }),
      ),
    ]),
  },
  {
    key: "morning-weekday-openers",
    name: "Morning Weekday Openers",
    category: "Behaviour",
    summary: "Usually open between 9 and 11 on weekdays",
    definition: def([
      all(
        C("contact.preferredOpenHour", "between", [9, 11]),
        C("contact.preferredOpenDay", "in", ["MON", "TUE", "WED", "THU", "FRI"]),
      ),
    ]),
  },
  {
    key: "clicked-specific-link",
    name: "Clicked Specific Link",
    category: "Behaviour",
    summary: "Clicked pricing but not demo in a campaign",
    definition: def([
      all(
        C("event.email_clicked", "has_done", undefined, {
          filter: { campaignId: "<Product Launch Q4>", urlContains: "pricing" },
        }),
        C("event.email_clicked", "has_not_done", undefined, {
          filter: { campaignId: "<Product Launch Q4>", urlContains: "demo" },
        }),
      ),
    ]),
  },
  {
    key: "opened-but-did-not-click",
    name: "Opened But Didn't Click",
    category: "Behaviour",
    summary: "Opened a campaign sent 3+ days ago, never clicked it",
    definition: def([
      all(
        C("event.email_opened", "has_done", undefined, { filter: { campaignId: "<Feature Announcement>" } }),
        C("event.email_clicked", "has_not_done", undefined, { filter: { campaignId: "<Feature Announcement>" } }),
        C("event.email_sent", "has_done", undefined, {
          window: { moreThanDaysAgo: 2 },
          filter: { campaignId: "<Feature Announcement>" },
        }),
      ),
    ]),
  },
  {
    key: "hot-leads",
    name: "Hot Leads",
    category: "Lead score",
    summary: "Score 80-100, active in 14 days, opened the last email",
    definition: def([
      all(
        C("contact.leadScore", "between", [80, 100]),
        C("contact.lastActivityAt", "within_last_days", 14),
        C("contact.openedLastEmail", "is_true"),
      ),
    ]),
  },
  {
    key: "warm-leads",
    name: "Warm Leads",
    category: "Lead score",
    summary: "Score 50-79, active in 30 days",
    definition: def([
      all(C("contact.leadScore", "between", [50, 79]), C("contact.lastActivityAt", "within_last_days", 30)),
    ]),
  },
  {
    key: "cold-leads",
    name: "Cold Leads",
    category: "Lead score",
    summary: "Score below 50, or inactive for 60+ days",
    definition: def([
      any(C("contact.leadScore", "between", [0, 49]), C("contact.lastActivityAt", "more_than_days_ago", 60)),
    ]),
  },
  {
    key: "interested-in-marketing-tools",
    name: "Interested in Marketing Tools",
    category: "Custom fields",
    summary: "Interests include email marketing, automation or analytics",
    definition: def([all(C("customField.interests", "contains_any", ["email marketing", "automation", "analytics"]))]),
  },
  {
    key: "trial-expiring-soon",
    name: "Trial Expiring Soon",
    category: "Custom fields",
    summary: "Trial ends within 7 days",
    definition: def([all(C("customField.trial_end_date", "within_next_days", 7))]),
  },
  {
    key: "anniversary-outreach",
    name: "Anniversary Outreach",
    category: "Custom fields",
    summary: "Signed up in this month of an earlier year",
    definition: def([all(C("customField.signup_date", "anniversary_this_month"))]),
  },
  {
    key: "high-value-cohort",
    name: "High-Value Cohort",
    category: "Custom fields",
    summary: "Revenue over 5,000 and 50+ lifetime opens",
    definition: def([
      all(C("customField.total_revenue", "greater_than", 5000), C("customField.lifetime_opens", "greater_than", 50)),
    ]),
  },
  {
    key: "active-not-recent-buyers",
    name: "Active, Not Recent Buyers or Unengaged",
    category: "Exclusions",
    summary: "A segment minus two others",
    definition: def(
      [all(C("segment", "in_segment", "<All Active Subscribers>"))],
      [any(C("segment", "in_segment", "<Recent Purchasers>"), C("segment", "in_segment", "<Unengaged (90+ days)>"))],
    ),
  },
  {
    key: "product-users-not-recently-mailed",
    name: "Product Users, Not Recently Mailed",
    category: "Exclusions",
    summary: "A segment minus contacts mailed about Product this week",
    definition: def(
      [all(C("segment", "in_segment", "<Product Users>"))],
      [
        all(
          C("event.email_sent", "has_done", undefined, {
            window: { lastDays: 7 },
            filter: { campaignNameContains: "Product" },
          }),
        ),
      ],
    ),
  },
  {
    key: "ab-segment-a",
    name: "Segment A (lead score above 60)",
    category: "A/B test",
    summary: "The brief's A/B test, variant A",
    definition: def([all(C("contact.leadScore", "greater_than", 60))]),
  },
  {
    key: "ab-segment-b",
    name: "Segment B (lead score 40-60)",
    category: "A/B test",
    summary: "The brief's A/B test, variant B",
    definition: def([all(C("contact.leadScore", "between", [40, 60]))]),
  },
];

export function findTemplate(key: string): SegmentTemplate | undefined {
  return SEGMENT_TEMPLATES.find((template) => template.key === key);
}

// ---------------------------------------------------------------------------------------
// Placeholders

export type PlaceholderKind = "campaign" | "segment";

/** A campaign or segment the template names in angle brackets, at its place in the definition. */
export type TemplatePlaceholder = { kind: PlaceholderKind; name: string };

/** "<Product Launch Q4>" → "Product Launch Q4"; anything else → undefined. */
export function placeholderName(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^<(.+)>$/.exec(value);
  return match?.[1];
}

/**
 * The condition with its placeholder (if any) replaced: `resolve` returns the company's
 * id for the named campaign or segment, or undefined when it has none; then the value is
 * left empty (the schema asks the user to choose) and the placeholder is returned so that
 * the builder can say which one the template meant.
 */
export function fillConditionPlaceholder(
  condition: Condition,
  resolve: (placeholder: TemplatePlaceholder) => string | undefined,
): { condition: Condition; unresolved?: TemplatePlaceholder } {
  const segmentName = condition.field === "segment" ? placeholderName(condition.value) : undefined;
  if (segmentName !== undefined) {
    const placeholder: TemplatePlaceholder = { kind: "segment", name: segmentName };
    const id = resolve(placeholder);
    return { condition: { ...condition, value: id ?? "" }, ...(id ? {} : { unresolved: placeholder }) };
  }
  const campaignName = placeholderName(condition.filter?.campaignId);
  if (campaignName !== undefined) {
    const placeholder: TemplatePlaceholder = { kind: "campaign", name: campaignName };
    const id = resolve(placeholder);
    return {
      condition: { ...condition, filter: { ...condition.filter, campaignId: id ?? "" } },
      ...(id ? {} : { unresolved: placeholder }),
    };
  }
  return { condition };
}

/** The template's definition with every placeholder resolved (or emptied: see fillConditionPlaceholder). */
export function fillTemplate(
  definition: SegmentDefinition,
  resolve: (placeholder: TemplatePlaceholder) => string | undefined,
): SegmentDefinition {
  const fillGroup = (group: Group): Group => ({
    match: group.match,
    conditions: group.conditions.map((item) =>
      isGroup(item) ? fillGroup(item) : fillConditionPlaceholder(item, resolve).condition,
    ),
  });
  return {
    match: definition.match,
    groups: definition.groups.map(fillGroup),
    ...(definition.exclusions ? { exclusions: definition.exclusions.map(fillGroup) } : {}),
  };
}

/** Resolves placeholders by name (case-insensitive) among the company's campaigns and segments. */
export function resolveByName(catalog: {
  campaigns: readonly { id: string; name: string }[];
  segments: readonly { id: string; name: string }[];
}): (placeholder: TemplatePlaceholder) => string | undefined {
  return ({ kind, name }) => {
    const list = kind === "campaign" ? catalog.campaigns : catalog.segments;
    const wanted = name.toLowerCase();
    return list.find((item) => item.name.toLowerCase() === wanted)?.id;
  };
}
