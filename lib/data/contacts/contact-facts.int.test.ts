import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertContacts } from "@/lib/data/contacts/contact-upsert";
import { recordEvents } from "@/lib/data/contacts/events";
import { setDb } from "@/lib/db";
import { EVENT_TYPES } from "@/lib/segments/engine/fields";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { RECOMPUTED_FACTS_SQL, STORED_FACTS_SQL } from "@/test/segments/world";

/**
 * ContactFacts, the segment engine's narrow copy of every contact, is written only by
 * triggers: after every kind of write to contacts and events it must equal what it copies
 * (the contact's columns, country lower-cased, one bit per event type the contact has).
 */

let t: TestDatabase;
let companyId: string;

async function expectFactsExact() {
  const [expected, stored] = await Promise.all([t.sql.query(RECOMPUTED_FACTS_SQL), t.sql.query(STORED_FACTS_SQL)]);
  expect(stored).toEqual(expected);
}

async function idOf(email: string): Promise<string> {
  const contact = await t.db.contact.findFirstOrThrow({ where: { companyId, email }, select: { id: true } });
  return contact.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  companyId = (await t.db.company.create({ data: { name: "Facts Co", slug: "facts-co" } })).id;
});

afterAll(async () => {
  await t?.close();
});

describe("ContactFacts", () => {
  it("numbers event types in the enum's order, as the compiler does", async () => {
    const rows = await t.sql.query<{ type: string }>(`SELECT unnest(enum_range(NULL::"EventType"))::text AS "type"`);
    expect(rows.map((row) => row.type)).toEqual([...EVENT_TYPES]);
  });

  it("copies contacts created and updated through the API's upsert, country lower-cased", async () => {
    const created = await upsertContacts(companyId, [
      { email: "ana@example.com", country: "United States", tags: ["VIP"], leadScore: 80 },
      { email: "bo@example.com", country: "CANADA", lifecycleStage: "LEAD" },
      { email: "cy@example.com" },
    ]);
    expect(created.created).toBe(3);
    await expectFactsExact();
    await upsertContacts(companyId, [{ email: "ana@example.com", country: "Canada", leadScore: 12 }]);
    await expectFactsExact();
    const [ana] = await t.sql.query<{ country: string; leadScore: number }>(
      `SELECT "country", "leadScore" FROM "ContactFacts" WHERE "id" = $1`,
      [await idOf("ana@example.com")],
    );
    expect(ana).toEqual({ country: "canada", leadScore: 12 });
  });

  it("follows Prisma updates, bulk updates and raw SQL", async () => {
    await t.db.contact.update({
      where: { companyId_id: { companyId, id: await idOf("bo@example.com") } },
      data: { subscriptionStatus: "UNSUBSCRIBED", tags: ["a", "b"], country: null },
    });
    await t.db.contact.updateMany({ where: { companyId }, data: { engagementScore: 42 } });
    await t.sql.query(
      `UPDATE "Contact" SET "lastOpenedAt" = now(), "preferredOpenDay" = 'FRI' WHERE "companyId" = $1`,
      [companyId],
    );
    await expectFactsExact();
  });

  it("sets an event type's bit with the first event of that type and clears it with the last one", async () => {
    const result = await recordEvents(companyId, [
      { email: "cy@example.com", type: "email_opened", occurredAt: "2026-11-01T10:00:00Z", device: "mobile" },
      { email: "cy@example.com", type: "email_opened", occurredAt: "2026-11-02T10:00:00Z" },
      { email: "cy@example.com", type: "purchase", occurredAt: "2026-11-03T10:00:00Z", revenue: 10 },
      { email: "ana@example.com", type: "email_clicked", occurredAt: "2026-11-04T10:00:00Z" },
    ]);
    expect(result.errors).toEqual([]);
    await expectFactsExact();
    const cy = await idOf("cy@example.com");
    // One of two opens deleted: the bit stays; the only purchase deleted: its bit goes.
    await t.sql.query(
      `DELETE FROM "ContactEvent" WHERE "id" IN (SELECT "id" FROM "ContactEvent" WHERE "contactId" = $1 AND "type" = 'email_opened' LIMIT 1)`,
      [cy],
    );
    await t.sql.query(`DELETE FROM "ContactEvent" WHERE "contactId" = $1 AND "type" = 'purchase'`, [cy]);
    await expectFactsExact();
    const [row] = await t.sql.query<{ eventTypes: number }>(`SELECT "eventTypes" FROM "ContactFacts" WHERE "id" = $1`, [
      cy,
    ]);
    expect(row!.eventTypes).toBe(2 ** EVENT_TYPES.indexOf("email_opened"));
    // An event moved to another type.
    await t.sql.query(`UPDATE "ContactEvent" SET "type" = 'email_clicked' WHERE "contactId" = $1`, [cy]);
    await expectFactsExact();
  });

  it("goes with its contact", async () => {
    await t.db.contact.delete({ where: { companyId_id: { companyId, id: await idOf("ana@example.com") } } });
    await expectFactsExact();
    const [{ n }] = (await t.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ContactFacts"`)) as [
      { n: number },
    ];
    expect(n).toBe(2);
  });
});
