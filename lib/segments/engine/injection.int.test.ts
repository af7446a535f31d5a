import { sql } from "@prisma/client-runtime-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { type CompanyData, insertWorld, loadCompany, sqlMembers, type World } from "@/test/segments/world";
import { validateSegmentDefinition } from "./catalog-check";
import { compileDefinition } from "./compile";
import { evaluateDefinition } from "./evaluate";
import { parseSegmentDefinition } from "./schema";
import type { Condition, SegmentDefinition } from "./types";

/**
 * SQL-looking strings in every value position and as custom field keys: either rejected
 * by validation, or matched literally (the one contact that holds the string matches);
 * nothing else runs, and every table is intact afterwards.
 */

const COMPANY = "1a000000-0000-4000-8000-000000000001";
const HOLDER = "1e000000-0000-4000-8000-000000000001"; // holds the hostile strings
const PLAIN = "1e000000-0000-4000-8000-000000000002";
const CAMPAIGN = "1c000000-0000-4000-8000-000000000001";
const NOW = new Date("2025-06-15T12:00:00.000Z");

const ATTACKS = [
  `x'); DROP TABLE "Contact"; --`,
  `'; DELETE FROM "Contact" WHERE ''='`,
  `%' OR '1'='1`,
  `"); SELECT pg_sleep(5); --`,
  `$1 $$ \\' \\\\`,
  `' || (SELECT string_agg(email, ',') FROM "User") || '`,
];

let t: TestDatabase;
let data: CompanyData;

function world(attack: string): World {
  const lower = attack.toLowerCase();
  return {
    companies: [{ id: COMPANY, name: "Acme" }],
    customFields: [
      { companyId: COMPANY, key: "notes", type: "TEXT" },
      { companyId: COMPANY, key: "plan", type: "SELECT" },
      { companyId: COMPANY, key: "topics", type: "MULTI_SELECT" },
    ],
    campaigns: [{ id: CAMPAIGN, companyId: COMPANY, name: `Launch ${attack}` }],
    segments: [],
    contacts: [
      {
        id: HOLDER,
        companyId: COMPANY,
        email: "holder@example.com",
        firstName: attack,
        city: attack,
        tags: [lower],
        customFields: { notes: attack, plan: attack, topics: [attack] },
        createdAt: "2025-01-01T00:00:00.000Z",
      },
      {
        id: PLAIN,
        companyId: COMPANY,
        email: "plain@example.com",
        firstName: "Plain",
        createdAt: "2025-01-01T00:00:00.000Z",
      },
    ],
    events: [
      {
        companyId: COMPANY,
        contactId: HOLDER,
        type: "email_clicked",
        occurredAt: "2025-06-01T00:00:00.000Z",
        campaignId: attack,
        url: `https://x.com/?q=${attack}`,
      },
      {
        companyId: COMPANY,
        contactId: HOLDER,
        type: "email_opened",
        occurredAt: "2025-06-01T00:00:00.000Z",
        campaignId: CAMPAIGN,
      },
    ],
    memberships: [],
  };
}

async function tableCounts() {
  const [row] = await t.db.$queryRaw<{ contacts: number; events: number; companies: number; campaigns: number }[]>(
    sql`SELECT (SELECT count(*)::int FROM "Contact") AS contacts, (SELECT count(*)::int FROM "ContactEvent") AS events,
               (SELECT count(*)::int FROM "Company") AS companies, (SELECT count(*)::int FROM "Campaign") AS campaigns`,
  );
  return row;
}

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.close();
});

describe.each(ATTACKS)("%s", (attack) => {
  beforeAll(async () => {
    await t.sql.exec(`DELETE FROM "Company"`);
    await insertWorld(t.sql, world(attack));
    data = await loadCompany(t.db, COMPANY);
  });

  const positions: [string, Condition, "holder" | "none" | "plain"][] = [
    ["string equals", { field: "contact.firstName", operator: "equals", value: attack }, "holder"],
    ["string contains", { field: "contact.city", operator: "contains", value: attack.slice(1) }, "holder"],
    ["string starts_with", { field: "contact.city", operator: "starts_with", value: attack }, "holder"],
    ["string ends_with", { field: "contact.firstName", operator: "ends_with", value: attack }, "holder"],
    ["string in", { field: "contact.firstName", operator: "in", value: ["nobody", attack] }, "holder"],
    ["string not_equals", { field: "contact.firstName", operator: "not_equals", value: attack }, "plain"],
    ["tags contains_any", { field: "contact.tags", operator: "contains_any", value: [attack] }, "holder"],
    ["tags contains_all", { field: "contact.tags", operator: "contains_all", value: [attack.toUpperCase()] }, "holder"],
    ["TEXT custom field", { field: "customField.notes", operator: "equals", value: attack }, "holder"],
    ["SELECT custom field", { field: "customField.plan", operator: "in", value: [attack] }, "holder"],
    ["MULTI_SELECT custom field", { field: "customField.topics", operator: "contains_any", value: [attack] }, "holder"],
    [
      "event campaignId",
      { field: "event.email_clicked", operator: "has_done", filter: { campaignId: attack } },
      "holder",
    ],
    [
      "event urlContains",
      { field: "event.email_clicked", operator: "has_done", filter: { urlContains: attack } },
      "holder",
    ],
    [
      "event campaignNameContains",
      { field: "event.email_opened", operator: "count_at_least", value: 1, filter: { campaignNameContains: attack } },
      "holder",
    ],
    ["segment id", { field: "segment", operator: "in_segment", value: attack }, "none"],
  ];

  it.each(positions)("%s: matched literally, nothing else runs", async (_name, condition, expected) => {
    const definition: SegmentDefinition = { match: "all", groups: [{ match: "all", conditions: [condition] }] };
    expect(parseSegmentDefinition(definition).ok).toBe(true);
    const before = await tableCounts();
    const where = compileDefinition(definition, {
      companyId: COMPANY,
      now: NOW,
      customFieldTypes: data.customFieldTypes,
    });
    expect(where.text).not.toContain(attack);
    const members = await sqlMembers(t.db, where);
    const ids = { holder: [HOLDER], plain: [PLAIN], none: [] }[expected];
    expect([...members]).toEqual(ids);
    // The reference evaluator agrees.
    const evaluated = data.contacts
      .filter((entry) =>
        evaluateDefinition(definition, {
          ...entry,
          campaigns: data.campaigns,
          customFieldTypes: data.customFieldTypes,
          now: NOW,
        }),
      )
      .map((entry) => entry.contact.id);
    expect(evaluated).toEqual(ids);
    expect(await tableCounts()).toEqual(before);
  });

  it("is rejected as a custom field key (by the key syntax) and as a segment id (by the catalog)", () => {
    const asKey = validateSegmentDefinition(
      {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: `customField.${attack}`, operator: "is_set" }] }],
      },
      { customFields: [{ key: attack, type: "TEXT" }], segments: [] },
    );
    expect(asKey.ok).toBe(false);
    expect(!asKey.ok && asKey.issues[0]!.message).toMatch(/^invalid custom field key/);
    expect(() =>
      compileDefinition(
        {
          match: "all",
          groups: [{ match: "all", conditions: [{ field: `customField.${attack}`, operator: "is_set" }] }],
        },
        { companyId: COMPANY, now: NOW, customFieldTypes: { [attack]: "TEXT" } },
      ),
    ).toThrow("invalid custom field key");
    const asSegment = validateSegmentDefinition(
      {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "segment", operator: "in_segment", value: attack }] }],
      },
      { customFields: [], segments: [] },
    );
    expect(!asSegment.ok && asSegment.issues[0]!.message).toBe(`unknown segment "${attack}"`);
  });

  it("leaves the Contact table and its rows intact", async () => {
    const rows = await t.db.contact.findMany({ where: { companyId: COMPANY }, orderBy: { email: "asc" } });
    expect(rows.map((row) => [row.email, row.firstName])).toEqual([
      ["holder@example.com", attack],
      ["plain@example.com", "Plain"],
    ]);
  });
});
