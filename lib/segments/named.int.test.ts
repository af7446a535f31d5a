import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { validateSegmentDefinition } from "./catalog-check";
import { explainDefinition } from "./evaluate";
import { parseSegmentDefinition } from "./schema";
import {
  all,
  any,
  C,
  CAMPAIGN,
  COMPANY,
  COMPANY_NAMES,
  def,
  ID,
  NAME_OF,
  NOW,
  namedWorld,
  SEGMENT,
} from "./testing/named-fixture";
import { type CompanyData, compileFor, evaluatorMembers, insertWorld, loadCompany, sqlMembers } from "./testing/world";
import type { SegmentDefinition } from "./types";

/**
 * Every example of segment-rules.md and every named segment of brief-segments.md, on a
 * small hand-written world (testing/named-fixture.ts) with hand-checked members. Each
 * definition must be valid, and the SQL and the reference evaluator must both select
 * exactly the expected contacts (with each of the event count strategies).
 */

let t: TestDatabase;
let data: CompanyData;

beforeAll(async () => {
  t = await createTestDatabase();
  await insertWorld(t.sql, namedWorld());
  data = await loadCompany(t.db, COMPANY);
});

afterAll(async () => {
  await t?.close();
});

const names = (ids: Iterable<string>) => [...ids].map((id) => NAME_OF[id] ?? id).sort();
const everyoneBut = (...excluded: string[]) => COMPANY_NAMES.filter((name) => !excluded.includes(name));

async function expectMembers(definition: SegmentDefinition, expected: string[]) {
  const parsed = parseSegmentDefinition(definition);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  const sorted = [...expected].sort();
  expect(names(evaluatorMembers(definition, data, NOW)), "reference evaluator").toEqual(sorted);
  for (const eventCounts of ["auto", "per-contact", "grouped"] as const) {
    const members = await sqlMembers(t.db, compileFor(data, NOW, definition, { eventCounts }));
    expect(names(members), `SQL (${eventCounts})`).toEqual(sorted);
  }
}

describe("segment-rules.md examples", () => {
  it("opened at least 5 times in the last 30 days", async () => {
    await expectMembers(def([all(C("event.email_opened", "count_at_least", 5, { window: { lastDays: 30 } }))]), [
      "hannah",
      "olive",
      "olga",
      "mia",
      "max",
      "mel",
    ]);
  });

  it("clicked pricing in campaign c_123 (campaign ids compare exactly, URLs case-insensitively)", async () => {
    await expectMembers(
      def([
        all(
          C("event.email_clicked", "has_done", undefined, { filter: { campaignId: "c_123", urlContains: "pricing" } }),
        ),
      ]),
      ["esp1"],
    );
  });

  it("has not clicked demo in campaign c_123", async () => {
    await expectMembers(
      def([
        all(
          C("event.email_clicked", "has_not_done", undefined, { filter: { campaignId: "c_123", urlContains: "demo" } }),
        ),
      ]),
      everyoneBut("esp3"),
    );
  });

  it("trial ends within the next 7 days (today and the 7th day included)", async () => {
    await expectMembers(def([all(C("customField.trial_end_date", "within_next_days", 7))]), ["tom", "tia"]);
  });

  it("tags contain none of unqualified (contacts without tags match)", async () => {
    await expectMembers(def([all(C("contact.tags", "contains_none", ["unqualified"]))]), everyoneBut("uma", "adv3"));
  });

  it("not in a segment given by a non-UUID id: no contact is in it, so everyone matches", async () => {
    await expectMembers(def([all(C("segment", "not_in_segment", "seg_recent_purchasers"))]), COMPANY_NAMES);
  });

  it("the full example: Engaged OR High-Value, in North America, not unqualified", async () => {
    const definition: SegmentDefinition = {
      match: "all",
      groups: [
        {
          match: "any",
          conditions: [
            all(
              C("event.email_opened", "count_at_least", 3, { window: { lastDays: 30 } }),
              C("event.email_clicked", "count_at_least", 1, { window: { lastDays: 30 } }),
            ),
            all(
              C("contact.leadScore", "greater_or_equal", 75),
              C("customField.customer_ltv", "greater_or_equal", 1000),
            ),
          ],
        },
        all(C("contact.country", "in", ["United States", "Canada"])),
      ],
      exclusions: [any(C("contact.tags", "contains_any", ["unqualified"]), C("customField.bounced", "is_true"))],
    };
    await expectMembers(definition, ["hannah", "eve"]);
  });
});

describe("brief-segments.md: by engagement", () => {
  it("Active Subscribers", async () => {
    await expectMembers(
      def([
        all(C("contact.lastOpenedAt", "within_last_days", 30), C("contact.subscriptionStatus", "equals", "ACTIVE")),
      ]),
      ["hannah", "olive", "hot", "hot3"],
    );
  });

  it("Highly Engaged (≥5 opens and ≥2 clicks in 30 days, activity within 7 days)", async () => {
    await expectMembers(
      def([
        all(
          C("event.email_opened", "count_at_least", 5, { window: { lastDays: 30 } }),
          C("event.email_clicked", "count_at_least", 2, { window: { lastDays: 30 } }),
          C("contact.lastActivityAt", "within_last_days", 7),
        ),
      ]),
      ["hannah", "olive"],
    );
  });

  it("Inactive (last opened more than 90 days ago, active)", async () => {
    await expectMembers(
      def([
        all(C("contact.lastOpenedAt", "more_than_days_ago", 90), C("contact.subscriptionStatus", "equals", "ACTIVE")),
      ]),
      ["ivan"],
    );
  });

  it("Never Engaged", async () => {
    await expectMembers(
      def([
        all(
          C("event.email_opened", "has_not_done"),
          C("event.email_clicked", "has_not_done"),
          C("contact.createdAt", "more_than_days_ago", 30),
        ),
      ]),
      ["nora"],
    );
  });
});

describe("brief-segments.md: demographics and lifecycle", () => {
  it("Location-Based", async () => {
    await expectMembers(
      def([
        any(
          all(C("contact.country", "equals", "United States"), C("contact.state", "equals", "California")),
          C("contact.city", "equals", "San Francisco"),
        ),
      ]),
      ["hannah", "la", "sf"],
    );
  });

  it("Company Size", async () => {
    await expectMembers(def([all(C("customField.company_size", "equals", "51-200"))]), ["cs"]);
  });

  it("Industry", async () => {
    await expectMembers(def([all(C("customField.industry", "in", ["SaaS", "Technology", "Software"]))]), [
      "ind",
      "ind3",
    ]);
  });

  it("New Leads (Last 7 Days)", async () => {
    await expectMembers(
      def([all(C("contact.createdAt", "within_last_days", 7), C("event.email_sent", "has_not_done"))]),
      ["lea"],
    );
  });

  it("Trial Users", async () => {
    await expectMembers(
      def([
        all(C("customField.account_type", "equals", "trial"), C("customField.trial_end_date", "within_next_days", 7)),
      ]),
      ["tom"],
    );
  });

  it("Customers", async () => {
    await expectMembers(
      def([
        all(
          C("customField.account_type", "equals", "paid"),
          C("customField.last_purchase_date", "within_last_days", 90),
        ),
      ]),
      ["tia"],
    );
  });
});

describe("brief-segments.md: advanced logic", () => {
  it("Engaged OR High-Value", async () => {
    await expectMembers(
      def([
        any(
          all(
            C("event.email_opened", "count_at_least", 3, { window: { lastDays: 30 } }),
            C("event.email_clicked", "count_at_least", 1, { window: { lastDays: 30 } }),
          ),
          all(C("contact.leadScore", "greater_or_equal", 75), C("customField.customer_ltv", "greater_or_equal", 1000)),
        ),
      ]),
      ["hannah", "olive", "olga", "uma", "eve", "bo", "gus"],
    );
  });

  it("Advanced Multi-Condition (with exclusions)", async () => {
    await expectMembers(
      def(
        [
          all(
            C("contact.country", "in", ["United States", "Canada"]),
            C("contact.timezone", "in", ["PST", "MST", "CST", "EST"]),
          ),
          all(C("contact.lastOpenedAt", "within_last_days", 60), C("event.email_clicked", "count_at_least", 5)),
        ],
        [any(C("contact.tags", "contains_any", ["unqualified"]), C("customField.bounced", "is_true"))],
      ),
      ["adv"],
    );
  });
});

describe("brief-segments.md: behaviour", () => {
  it("Click-But-Never-Convert", async () => {
    await expectMembers(
      def([
        all(
          C("event.email_clicked", "count_at_least", 10),
          C("event.conversion", "has_not_done"),
          C("contact.lastClickedAt", "within_last_days", 30),
        ),
      ]),
      ["carl"],
    );
  });

  it("Mobile Openers", async () => {
    await expectMembers(
      def([
        all(
          C("contact.lastOpenedDevice", "equals", "mobile"),
          C("event.email_opened", "count_at_least", 5, { filter: { device: "mobile" } }),
          C("event.email_opened", "has_not_done", undefined, { filter: { device: "desktop" } }),
        ),
      ]),
      ["mia"],
    );
  });

  it("Morning Weekday Openers", async () => {
    await expectMembers(
      def([
        all(
          C("contact.preferredOpenHour", "between", [9, 11]),
          C("contact.preferredOpenDay", "in", ["MON", "TUE", "WED", "THU", "FRI"]),
        ),
      ]),
      ["mo", "mike"],
    );
  });

  it("Clicked Specific Link", async () => {
    const campaignId = CAMPAIGN.productLaunch;
    await expectMembers(
      def([
        all(
          C("event.email_clicked", "has_done", undefined, { filter: { campaignId, urlContains: "pricing" } }),
          C("event.email_clicked", "has_not_done", undefined, { filter: { campaignId, urlContains: "demo" } }),
        ),
      ]),
      ["pia"],
    );
  });

  it("Opened But Didn't Click (a campaign sent 3 or more days ago)", async () => {
    const campaignId = CAMPAIGN.featureAnnouncement;
    await expectMembers(
      def([
        all(
          C("event.email_opened", "has_done", undefined, { filter: { campaignId } }),
          C("event.email_clicked", "has_not_done", undefined, { filter: { campaignId } }),
          C("event.email_sent", "has_done", undefined, { window: { moreThanDaysAgo: 2 }, filter: { campaignId } }),
        ),
      ]),
      ["opal"],
    );
  });
});

describe("brief-segments.md: lead score", () => {
  it("Hot Leads", async () => {
    await expectMembers(
      def([
        all(
          C("contact.leadScore", "between", [80, 100]),
          C("contact.lastActivityAt", "within_last_days", 14),
          C("contact.openedLastEmail", "is_true"),
        ),
      ]),
      ["hannah", "hot"],
    );
  });

  it("Warm Leads", async () => {
    await expectMembers(
      def([all(C("contact.leadScore", "between", [50, 79]), C("contact.lastActivityAt", "within_last_days", 30))]),
      ["warm"],
    );
  });

  it("Cold Leads", async () => {
    await expectMembers(
      def([any(C("contact.leadScore", "between", [0, 49]), C("contact.lastActivityAt", "more_than_days_ago", 60))]),
      ["ivan", "ian", "una", "cold", "cold2", "cold3"],
    );
  });
});

describe("brief-segments.md: custom fields", () => {
  it("Interested in Marketing Tools", async () => {
    await expectMembers(
      def([all(C("customField.interests", "contains_any", ["email marketing", "automation", "analytics"]))]),
      ["int"],
    );
  });

  it("Trial Expiring Soon", async () => {
    await expectMembers(def([all(C("customField.trial_end_date", "within_next_days", 7))]), ["tom", "tia"]);
  });

  it("Anniversary Outreach", async () => {
    await expectMembers(def([all(C("customField.signup_date", "anniversary_this_month"))]), ["ann"]);
  });

  it("High-Value Cohort", async () => {
    await expectMembers(
      def([
        all(C("customField.total_revenue", "greater_than", 5000), C("customField.lifetime_opens", "greater_than", 50)),
      ]),
      ["hv"],
    );
  });
});

describe("brief-segments.md: exclusions", () => {
  it("Active, Not Recent Buyers or Unengaged", async () => {
    await expectMembers(
      def(
        [all(C("segment", "in_segment", SEGMENT.allActive))],
        [any(C("segment", "in_segment", SEGMENT.recentPurchasers), C("segment", "in_segment", SEGMENT.unengaged))],
      ),
      ["hannah", "eve"],
    );
  });

  it("Product Users, Not Recently Mailed (another company's campaign never matches)", async () => {
    await expectMembers(
      def(
        [all(C("segment", "in_segment", SEGMENT.productUsers))],
        [
          all(
            C("event.email_sent", "has_done", undefined, {
              window: { lastDays: 7 },
              filter: { campaignNameContains: "Product" },
            }),
          ),
        ],
      ),
      ["pete", "pam"],
    );
  });
});

describe("brief-segments.md: A/B test", () => {
  it("Segment A (lead score above 60)", async () => {
    await expectMembers(def([all(C("contact.leadScore", "greater_than", 60))]), [
      "hannah",
      "olive",
      "eve",
      "bo",
      "gus",
      "hal",
      "hot",
      "hot2",
      "hot3",
      "warm2",
    ]);
  });

  it("Segment B (lead score 40-60)", async () => {
    await expectMembers(def([all(C("contact.leadScore", "between", [40, 60]))]), ["warm", "cold2", "cold4"]);
  });
});

describe("catalog and explain on the same world", () => {
  const catalog = () => ({
    customFields: Object.entries(data.customFieldTypes).map(([key, type]) => ({ key, type })),
    segments: [
      { id: SEGMENT.allActive, name: "All Active Subscribers", rules: null },
      { id: SEGMENT.recentPurchasers, name: "Recent Purchasers", rules: null },
    ],
  });

  it("the named definitions pass the catalog check of the company", () => {
    const definition = def(
      [all(C("segment", "in_segment", SEGMENT.allActive), C("customField.trial_end_date", "within_next_days", 7))],
      [any(C("segment", "in_segment", SEGMENT.recentPurchasers))],
    );
    expect(validateSegmentDefinition(definition, catalog())).toEqual({ ok: true, definition });
  });

  it("explains why hannah is Highly Engaged and olga is not, with actual values", () => {
    const definition = def([
      all(
        C("event.email_opened", "count_at_least", 5, { window: { lastDays: 30 } }),
        C("event.email_clicked", "count_at_least", 2, { window: { lastDays: 30 } }),
        C("contact.lastActivityAt", "within_last_days", 7),
      ),
    ]);
    const explain = (name: string) => {
      const entry = data.contacts.find((c) => c.contact.id === ID[name])!;
      return explainDefinition(definition, {
        ...entry,
        campaigns: data.campaigns,
        customFieldTypes: data.customFieldTypes,
        now: NOW,
      });
    };
    const hannah = explain("hannah");
    expect(hannah.matched).toBe(true);
    expect(hannah.children![0]!.children!.map((c) => [c.matched, c.actual])).toEqual([
      [true, 6],
      [true, 2],
      [true, "2025-06-13T12:00:00.000Z"],
    ]);
    const olga = explain("olga");
    expect(olga.matched).toBe(false);
    expect(olga.children![0]!.children!.map((c) => [c.matched, c.actual])).toEqual([
      [true, 5],
      [true, 2],
      [false, "2025-06-07T12:00:00.000Z"],
    ]);
    expect(olga.children![0]!.children![2]!.label).toBe("Last activity is within the last 7 days");
  });
});
