import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { setDb } from "@/lib/db";
import { ADMIN, CUSTOM_FIELDS, MARKETER_PASSWORD } from "@/lib/seed/catalog";
import { parseSeedArgs, type SeedOptions } from "@/lib/seed/options";
import { SeedConflictError, type SeedResult, seedDemoData } from "@/lib/seed/run";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  RECOMPUTED_FACTS_SQL,
  RECOMPUTED_SUMMARY_SQL,
  STORED_FACTS_SQL,
  STORED_SUMMARY_SQL,
} from "@/test/segments/world";

let t: TestDatabase;
const NOW = new Date("2026-07-15T12:00:00Z");
const small: SeedOptions = { contacts: 200, events: 2_000, companies: 2, reset: true, now: NOW };

/** Everything the seed generated, as digests: equal digests = the same data. */
async function fingerprint() {
  const [row] = await t.sql.query<Record<string, string>>(`
    SELECT
      (SELECT md5(string_agg(concat_ws(',', "companyId", id, email, "firstName", "lastName", phone, "companyName",
          "jobTitle", source, country, state, city, timezone, "lifecycleStage", "subscriptionStatus", "leadScore",
          "engagementScore", "engagementTrend", "conversionLikelihood", "lastActivityAt", "lastOpenedAt",
          "lastClickedAt", "lastEmailSentAt", "lastOpenedDevice", "preferredOpenHour", "preferredOpenDay",
          array_to_string(tags, ';'), "customFields"::text, "createdAt"), '|' ORDER BY "companyId", id)) FROM "Contact") AS contacts,
      (SELECT md5(string_agg(concat_ws(',', "companyId", "contactId", type, "occurredAt", "campaignId", url, device, revenue),
          '|' ORDER BY "companyId", "contactId", "occurredAt", type, url, device, revenue)) FROM "ContactEvent") AS events,
      (SELECT md5(string_agg(concat_ws(',', "companyId", id, name, status, "sentAt", "scheduledAt"), '|' ORDER BY id))
         FROM "Campaign") AS campaigns`);
  return row!;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.sql.query<{ n: string | number }>(sql, params);
  return Number(row!.n);
}

async function indexesAndKeys(): Promise<string[]> {
  const rows = await t.sql.query<{ d: string }>(`
    SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
    ORDER BY 1`);
  return rows.map((r) => r.d);
}

let first: SeedResult;
let firstPrint: Record<string, string>;
let schemaBefore: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  schemaBefore = await indexesAndKeys();
  first = await seedDemoData(small);
  firstPrint = await fingerprint();
});

afterAll(async () => {
  await t?.close();
});

describe("seedDemoData", () => {
  it("loads exactly the requested sizes", async () => {
    expect(first.companies.map((c) => c.slug)).toEqual(["acme", "globex"]);
    for (const company of first.companies) {
      expect(await count(`SELECT count(*) AS n FROM "Contact" WHERE "companyId" = $1`, [company.id])).toBe(200);
      expect(await count(`SELECT count(*) AS n FROM "ContactEvent" WHERE "companyId" = $1`, [company.id])).toBe(2_000);
    }
    expect(first.events).toBe(4_000);
  });

  it("leaves every index and constraint as the migrations made them", async () => {
    // On PostgreSQL the load drops and rebuilds indexes (bulk-load mode).
    expect(schemaBefore.length).toBeGreaterThan(20);
    expect(await indexesAndKeys()).toEqual(schemaBefore);
  });

  it("creates the demo users with working passwords", async () => {
    const users = await t.db.user.findMany({ orderBy: { email: "asc" }, include: { company: true } });
    expect(users.map((u) => [u.email, u.role, u.company.slug])).toEqual([
      ["admin@segments.dev", "ADMIN", "acme"],
      ["marketer@acme.dev", "MEMBER", "acme"],
      ["marketer@globex.dev", "MEMBER", "globex"],
    ]);
    expect(await verifyPassword(ADMIN.password, users[0]!.passwordHash)).toBe(true);
    expect(await verifyPassword(MARKETER_PASSWORD, users[1]!.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong", users[1]!.passwordHash)).toBe(false);
  });

  it("gives every company the custom fields and campaigns the brief's segments use", async () => {
    for (const company of first.companies) {
      const fields = await t.db.customFieldDefinition.findMany({ where: { companyId: company.id } });
      expect(fields.map((f) => [f.key, f.type]).sort()).toEqual(CUSTOM_FIELDS.map((f) => [f.key, f.type]).sort());
      const campaigns = await t.db.campaign.findMany({ where: { companyId: company.id } });
      expect(campaigns.map((c) => c.name)).toEqual(
        expect.arrayContaining(["Product Launch Q4", "Feature Announcement", "Weekly Newsletter", "Product Tips"]),
      );
      expect(campaigns.filter((c) => c.status === "DRAFT")).toHaveLength(1);
      expect(campaigns.filter((c) => c.status === "SCHEDULED")).toHaveLength(1);
      // Events name real campaigns of their own company.
      expect(
        await count(
          `SELECT count(*) AS n FROM "ContactEvent" e WHERE e."companyId" = $1 AND e."campaignId" IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM "Campaign" c WHERE c."companyId" = e."companyId" AND c.id::text = e."campaignId")`,
          [company.id],
        ),
      ).toBe(0);
    }
  });

  it("writes unique, lower-case emails per company", async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "Contact" WHERE email <> lower(email) OR email NOT LIKE '%_@_%.__%'`),
    ).toBe(0);
    expect(await count(`SELECT count(DISTINCT ("companyId", email)) AS n FROM "Contact"`)).toBe(400);
    expect(
      await count(
        `SELECT count(*) AS n FROM "Contact" WHERE EXISTS (SELECT 1 FROM unnest(tags) t WHERE t <> lower(t))`,
      ),
    ).toBe(0);
  });

  it("keeps events in the 90-day window (lapsed contacts' old history aside) and never in the future", async () => {
    expect(await count(`SELECT count(*) AS n FROM "ContactEvent" WHERE "occurredAt" > $1`, [NOW])).toBe(0);
    const old = await count(
      `SELECT count(*) AS n FROM "ContactEvent" WHERE "occurredAt" < $1::timestamptz - interval '90 days'`,
      [NOW],
    );
    expect(old).toBeGreaterThan(0); // lapsed contacts: "Inactive" finds someone
    expect(old).toBeLessThan(4_000 * 0.15);
  });

  it("has realistic engagement: opens ~20-30% of sends, ~30% never open", async () => {
    const sends = await count(`SELECT count(*) AS n FROM "ContactEvent" WHERE type = 'email_sent'`);
    const opens = await count(`SELECT count(*) AS n FROM "ContactEvent" WHERE type = 'email_opened'`);
    const clicks = await count(`SELECT count(*) AS n FROM "ContactEvent" WHERE type = 'email_clicked'`);
    const neverOpened = await count(`SELECT count(*) AS n FROM "Contact" WHERE "lastOpenedAt" IS NULL`);
    expect(opens / sends).toBeGreaterThan(0.15);
    expect(opens / sends).toBeLessThan(0.4);
    expect(clicks / sends).toBeGreaterThan(0.02);
    expect(clicks / sends).toBeLessThan(0.1);
    expect(neverOpened / 400).toBeGreaterThan(0.2);
    expect(neverOpened / 400).toBeLessThan(0.45);
  });

  it("writes the activity columns exactly as the events define them", async () => {
    // The seed precomputes them; compare with the definitions over the events directly.
    const wrong = await count(`
      SELECT count(*) AS n FROM "Contact" c
      WHERE c."lastOpenedAt" IS DISTINCT FROM (SELECT max("occurredAt") FROM "ContactEvent" e
              WHERE e."companyId" = c."companyId" AND e."contactId" = c.id AND e.type = 'email_opened')
         OR c."lastEmailSentAt" IS DISTINCT FROM (SELECT max("occurredAt") FROM "ContactEvent" e
              WHERE e."companyId" = c."companyId" AND e."contactId" = c.id AND e.type = 'email_sent')
         OR c."lastActivityAt" IS DISTINCT FROM (SELECT max("occurredAt") FROM "ContactEvent" e
              WHERE e."companyId" = c."companyId" AND e."contactId" = c.id
                AND e.type IN ('email_opened','email_clicked','page_visited','form_submitted','purchase','conversion'))`);
    expect(wrong).toBe(0);
    expect(first.corrected.activity).toBe(0);
  });

  it("builds the per-contact event summary exactly (bulk mode on PostgreSQL, triggers on PGlite)", async () => {
    const stored = await t.sql.query(STORED_SUMMARY_SQL);
    expect(stored.length).toBeGreaterThan(100);
    expect(stored).toEqual(await t.sql.query(RECOMPUTED_SUMMARY_SQL));
    // The insert trigger is on again after the load.
    const [trigger] = await t.sql.query<{ enabled: string }>(
      `SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'ContactEvent_summary_insert'`,
    );
    expect(trigger?.enabled).toBe("O");
  });

  it("builds the contacts' segment facts exactly, with their triggers on again", async () => {
    const stored = await t.sql.query(STORED_FACTS_SQL);
    expect(stored.length).toBeGreaterThan(100);
    expect(stored).toEqual(await t.sql.query(RECOMPUTED_FACTS_SQL));
    const triggers = await t.sql.query<{ name: string; enabled: string }>(
      `SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
       WHERE tgname IN ('Contact_facts_insert', 'Contact_facts_update', 'ContactEventSummary_facts_insert', 'ContactEventSummary_facts_delete')
       ORDER BY 1`,
    );
    expect(triggers.map((trigger) => trigger.enabled)).toEqual(["O", "O", "O", "O"]);
  });

  it("fills what the brief's segments look for", async () => {
    const some = async (where: string, params: unknown[] = []) =>
      count(`SELECT count(*) AS n FROM "Contact" WHERE ${where}`, params);
    expect(await some(`"customFields"->>'trial_end_date' BETWEEN '2026-07-15' AND '2026-07-22'`)).toBeGreaterThan(0);
    expect(await some(`country = 'United States' AND state = 'California'`)).toBeGreaterThan(0);
    expect(await some(`timezone IN ('PST', 'MST', 'CST', 'EST')`)).toBeGreaterThan(0);
    expect(await some(`"customFields" ? 'industry' AND NOT "customFields" ? 'company_size'`)).toBeGreaterThan(0);
    expect(await some(`jsonb_typeof("customFields"->'interests') = 'array'`)).toBeGreaterThan(0);
    expect(await some(`"subscriptionStatus" <> 'ACTIVE'`)).toBeGreaterThan(0);
    expect(await some(`"createdAt" > $1::timestamptz - interval '7 days'`, [NOW])).toBeGreaterThan(0);
    expect(await some(`"engagementScore" BETWEEN 0 AND 100 AND "leadScore" BETWEEN 0 AND 100`)).toBeGreaterThan(300);
    expect(await some(`"lastOpenedDevice" IS NOT NULL AND "preferredOpenHour" IS NOT NULL`)).toBeGreaterThan(0);
    // Unsubscribe events and the status agree.
    expect(
      await count(`SELECT count(*) AS n FROM "ContactEvent" e JOIN "Contact" c ON c."companyId" = e."companyId" AND c.id = e."contactId"
                   WHERE e.type = 'unsubscribed' AND c."subscriptionStatus" <> 'UNSUBSCRIBED'`),
    ).toBe(0);
    // The rule language: the latest-dated unsubscribed / email_bounced event sets the status
    // (the same instant: UNSUBSCRIBED), and its time is the status's.
    expect(
      await count(`SELECT count(*) AS n FROM "Contact" c
                   JOIN LATERAL (SELECT e.type, e."occurredAt" FROM "ContactEvent" e
                     WHERE e."companyId" = c."companyId" AND e."contactId" = c.id
                       AND e.type IN ('unsubscribed', 'email_bounced')
                     ORDER BY e."occurredAt" DESC, (e.type = 'unsubscribed') DESC LIMIT 1) l ON true
                   WHERE c."subscriptionStatus"::text <> (CASE l.type WHEN 'unsubscribed' THEN 'UNSUBSCRIBED' ELSE 'BOUNCED' END)
                     OR c."subscriptionStatusAt" IS DISTINCT FROM l."occurredAt"`),
    ).toBe(0);
    expect(await some(`"subscriptionStatus" = 'BOUNCED' AND "subscriptionStatusAt" IS NOT NULL`)).toBeGreaterThan(0);
  });

  it("refuses to load twice without --reset", async () => {
    await expect(seedDemoData({ ...small, reset: false })).rejects.toBeInstanceOf(SeedConflictError);
    expect(await count(`SELECT count(*) AS n FROM "Contact"`)).toBe(400);
  });

  it("gives the same data for the same flags", async () => {
    const again = await seedDemoData(small);
    expect(again.companies.map((c) => c.id)).toEqual(first.companies.map((c) => c.id));
    expect(await fingerprint()).toEqual(firstPrint);
  });

  it("loads companies, users and custom fields only with --contacts 0 --events 0", async () => {
    const options = parseSeedArgs(["--contacts", "0", "--events", "0", "--reset", "--now", NOW.toISOString()]);
    if (options === "help") throw new Error("unexpected");
    const result = await seedDemoData(options);
    expect(result.companies.map((c) => c.slug)).toEqual(["acme", "globex", "initech"]);
    expect(await count(`SELECT count(*) AS n FROM "Contact"`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "ContactEvent"`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "User"`)).toBe(4);
    expect(await count(`SELECT count(*) AS n FROM "CustomFieldDefinition"`)).toBe(3 * CUSTOM_FIELDS.length);
  });
});
