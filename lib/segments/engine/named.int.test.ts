import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  all,
  any,
  C,
  COMPANY,
  COMPANY_NAMES,
  def,
  ID,
  NAME_OF,
  NOW,
  namedWorld,
  SEGMENT,
} from "@/test/segments/named-fixture";
import {
  type CompanyData,
  compileFor,
  evaluatorMembers,
  insertWorld,
  loadCompany,
  sqlMembers,
} from "@/test/segments/world";
import { validateSegmentDefinition } from "./catalog-check";
import { explainDefinition } from "./evaluate";
import { parseSegmentDefinition } from "./schema";
import { fillTemplate, findTemplate, resolveByName, SEGMENT_TEMPLATES } from "./templates";
import type { SegmentDefinition } from "./types";

/**
 * Every example of segment-rules.md and every named segment of brief-segments.md, on a
 * small hand-written world (test/segments/named-fixture.ts) with hand-checked members. Each
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

const world = namedWorld();
const resolveInWorld = resolveByName({
  campaigns: world.campaigns.filter((c) => c.companyId === COMPANY),
  segments: world.segments.filter((s) => s.companyId === COMPANY),
});
/** A template of templates.ts with its campaigns and segments found by name in the world. */
const template = (key: string) => fillTemplate(findTemplate(key)!.definition, resolveInWorld);

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
    await expectMembers(template("engaged-or-high-value-na"), ["hannah", "eve"]);
  });
});

/**
 * brief-segments.md: every template of templates.ts (the builder's menu), its placeholders
 * resolved by name to the world's campaigns and segments, with the members it must select.
 */
const EXPECTED_MEMBERS: Record<string, string[]> = {
  "active-subscribers": ["hannah", "olive", "hot", "hot3"],
  "highly-engaged": ["hannah", "olive"],
  inactive: ["ivan"],
  "never-engaged": ["nora"],
  "location-based": ["hannah", "la", "sf"],
  "company-size": ["cs"],
  industry: ["ind", "ind3"],
  "new-leads": ["lea"],
  "trial-users": ["tom"],
  customers: ["tia"],
  "engaged-or-high-value": ["hannah", "olive", "olga", "uma", "eve", "bo", "gus"],
  "engaged-or-high-value-na": ["hannah", "eve"],
  "advanced-multi-condition": ["adv"],
  "click-but-never-convert": ["carl"],
  "mobile-openers": ["mia"],
  "morning-weekday-openers": ["mo", "mike"],
  // Campaign ids compare exactly, URLs case-insensitively.
  "clicked-specific-link": ["pia"],
  // A campaign sent 3 or more days ago.
  "opened-but-did-not-click": ["opal"],
  "hot-leads": ["hannah", "hot"],
  "warm-leads": ["warm"],
  "cold-leads": ["ivan", "ian", "una", "cold", "cold2", "cold3"],
  "interested-in-marketing-tools": ["int"],
  "trial-expiring-soon": ["tom", "tia"],
  "anniversary-outreach": ["ann"],
  "high-value-cohort": ["hv"],
  "active-not-recent-buyers": ["hannah", "eve"],
  // Another company's campaign named "Product B" never matches.
  "product-users-not-recently-mailed": ["pete", "pam"],
  "ab-segment-a": ["hannah", "olive", "eve", "bo", "gus", "hal", "hot", "hot2", "hot3", "warm2"],
  "ab-segment-b": ["warm", "cold2", "cold4"],
};

describe("brief-segments.md (the builder's templates)", () => {
  it("every template has its expected members here", () => {
    expect(SEGMENT_TEMPLATES.map((t) => t.key).sort()).toEqual(Object.keys(EXPECTED_MEMBERS).sort());
  });

  for (const { key, name, category } of SEGMENT_TEMPLATES) {
    it(`${category}: ${name}`, async () => {
      await expectMembers(template(key), EXPECTED_MEMBERS[key] ?? []);
    });
  }
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
