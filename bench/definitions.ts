/**
 * The benchmark's fixed definitions, in the rule language of ../../shared/segment-rules.md
 * (named segments from ../../shared/brief-segments.md). `staticSegmentId` is the ~1%
 * static segment the 10-condition definition excludes.
 */

type Cond = { field: string; operator: string; value?: unknown; window?: unknown; filter?: unknown };
type Group = { match: "all" | "any"; conditions: (Cond | Group)[] };
export type Definition = { match: "all" | "any"; groups: Group[]; exclusions?: Group[] };

const C = (field: string, operator: string, value?: unknown, extra: Partial<Cond> = {}): Cond => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
  ...extra,
});
const all = (...conditions: (Cond | Group)[]): Group => ({ match: "all", conditions });
const any = (...conditions: (Cond | Group)[]): Group => ({ match: "any", conditions });
const def = (groups: Group[], exclusions?: Group[]): Definition => ({
  match: "all",
  groups,
  ...(exclusions ? { exclusions } : {}),
});

export type BenchDefinition = { key: string; name: string; definition: Definition };

export function benchDefinitions(staticSegmentId: string): BenchDefinition[] {
  return [
    {
      key: "active",
      name: "Active Subscribers",
      definition: def([
        all(C("contact.lastOpenedAt", "within_last_days", 30), C("contact.subscriptionStatus", "equals", "ACTIVE")),
      ]),
    },
    {
      key: "highly-engaged",
      name: "Highly Engaged",
      definition: def([
        all(
          C("event.email_opened", "count_at_least", 5, { window: { lastDays: 30 } }),
          C("event.email_clicked", "count_at_least", 2, { window: { lastDays: 30 } }),
          C("contact.lastActivityAt", "within_last_days", 7),
        ),
      ]),
    },
    {
      key: "inactive",
      name: "Inactive",
      definition: def([
        all(C("contact.lastOpenedAt", "more_than_days_ago", 90), C("contact.subscriptionStatus", "equals", "ACTIVE")),
      ]),
    },
    {
      key: "never-engaged",
      name: "Never Engaged",
      definition: def([
        all(
          C("event.email_opened", "has_not_done"),
          C("event.email_clicked", "has_not_done"),
          C("contact.createdAt", "more_than_days_ago", 30),
        ),
      ]),
    },
    {
      // The spec's full example.
      key: "engaged-or-high-value",
      name: "Engaged OR High-Value (NA, excl.)",
      definition: def(
        [
          any(
            all(
              C("event.email_opened", "count_at_least", 3, { window: { lastDays: 30 } }),
              C("event.email_clicked", "count_at_least", 1, { window: { lastDays: 30 } }),
            ),
            all(
              C("contact.leadScore", "greater_or_equal", 75),
              C("customField.customer_ltv", "greater_or_equal", 1000),
            ),
          ),
          all(C("contact.country", "in", ["United States", "Canada"])),
        ],
        [any(C("contact.tags", "contains_any", ["unqualified"]), C("customField.bounced", "is_true"))],
      ),
    },
    {
      key: "click-no-convert",
      name: "Click-But-Never-Convert",
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
      definition: def([
        all(
          C("contact.lastOpenedDevice", "equals", "mobile"),
          C("event.email_opened", "count_at_least", 5, { filter: { device: "mobile" } }),
          C("event.email_opened", "has_not_done", undefined, { filter: { device: "desktop" } }),
        ),
      ]),
    },
    {
      // 10 conditions: nested groups, 3 event counts in windows, a segment reference, exclusions.
      key: "ten-conditions",
      name: "10 conditions, nested, segment excl.",
      definition: def(
        [
          any(
            all(
              C("event.email_opened", "count_at_least", 2, { window: { lastDays: 30 } }),
              C("event.email_clicked", "count_at_least", 2, { window: { lastDays: 60 } }),
            ),
            all(
              C("contact.leadScore", "greater_or_equal", 60),
              C("contact.lifecycleStage", "in", ["MQL", "SQL", "CUSTOMER"]),
            ),
          ),
          all(
            C("contact.subscriptionStatus", "equals", "ACTIVE"),
            C("contact.country", "in", ["United States", "Canada"]),
            C("event.email_sent", "count_at_least", 3, { window: { lastDays: 60 } }),
          ),
        ],
        [
          any(
            C("segment", "in_segment", staticSegmentId),
            C("contact.tags", "contains_any", ["unqualified"]),
            C("customField.bounced", "is_true"),
          ),
        ],
      ),
    },
  ];
}

/** Threshold for the large dynamic segment of the recalculation benchmark (~30% of contacts; set after seeding). */
export const recalcDefinition = (minLeadScore: number): Definition =>
  def([
    all(C("contact.subscriptionStatus", "equals", "ACTIVE"), C("contact.leadScore", "greater_or_equal", minLeadScore)),
  ]);
