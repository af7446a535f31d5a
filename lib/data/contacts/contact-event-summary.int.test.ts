import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvents } from "@/lib/data/contacts/events";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { RECOMPUTED_SUMMARY_SQL, STORED_SUMMARY_SQL } from "@/test/segments/world";

/**
 * ContactEventSummary is maintained by triggers on ContactEvent (migration
 * contact_event_summary): whatever writes events, in whatever order, the summary must
 * equal a recomputation from the events. Each test writes events through one path, then
 * compares the whole table with the recomputation.
 */

let t: TestDatabase;
let companyId: string;
let otherCompanyId: string;
const ids = {} as Record<"ada" | "bob" | "cy" | "dee" | "gus", string>;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  companyId = (await t.db.company.create({ data: { name: "Acme", slug: "acme" } })).id;
  otherCompanyId = (await t.db.company.create({ data: { name: "Globex", slug: "globex" } })).id;
  for (const name of ["ada", "bob", "cy", "dee"]) {
    ids[name as keyof typeof ids] = (
      await t.db.contact.create({ data: { companyId, email: `${name}@example.com` } })
    ).id;
  }
  ids.gus = (await t.db.contact.create({ data: { companyId: otherCompanyId, email: "gus@example.com" } })).id;
});

afterAll(async () => {
  await t?.close();
});

type SummaryRow = {
  companyId: string;
  contactId: string;
  type: string;
  firstAt: string;
  lastAt: string;
  recentAt: string;
  count: number;
  mobileCount: number;
  desktopCount: number;
  tabletCount: number;
};

async function stored(): Promise<SummaryRow[]> {
  return t.sql.query<SummaryRow>(STORED_SUMMARY_SQL);
}

async function recomputed(): Promise<SummaryRow[]> {
  return t.sql.query<SummaryRow>(RECOMPUTED_SUMMARY_SQL);
}

async function expectExact(): Promise<SummaryRow[]> {
  const rows = await stored();
  expect(rows).toEqual(await recomputed());
  return rows;
}

const row = (rows: SummaryRow[], contact: keyof typeof ids, type: string) =>
  rows.find((r) => r.contactId === ids[contact] && r.type === type);

describe("ContactEventSummary", () => {
  it("follows the events API, also when events arrive out of order", async () => {
    const sent = await recordEvents(companyId, [
      { contactId: ids.ada, type: "email_opened", occurredAt: "2024-05-10T09:00:00Z", device: "mobile" },
      { contactId: ids.ada, type: "email_opened", occurredAt: "2024-05-01T09:00:00Z", device: "desktop" },
      { contactId: ids.ada, type: "email_sent", occurredAt: "2024-05-01T08:00:00Z" },
      { contactId: ids.bob, type: "email_clicked", occurredAt: "2024-05-02T10:00:00Z", url: "https://x.test/a" },
    ]);
    expect(sent.accepted).toBe(4);
    let rows = await expectExact();
    expect(row(rows, "ada", "email_opened")).toMatchObject({ count: 2, mobileCount: 1, desktopCount: 1 });

    // Older, newer and equal-time events arriving later, in separate batches.
    await recordEvents(companyId, [
      { contactId: ids.ada, type: "email_opened", occurredAt: "2024-04-01T00:00:00Z", device: "tablet" },
    ]);
    await recordEvents(companyId, [
      { contactId: ids.ada, type: "email_opened", occurredAt: "2024-06-01T00:00:00Z" },
      { contactId: ids.ada, type: "email_opened", occurredAt: "2024-06-01T00:00:00Z", device: "mobile" },
      { contactId: ids.cy, type: "purchase", occurredAt: "2024-03-01T00:00:00Z", revenue: 10 },
    ]);
    rows = await expectExact();
    expect(row(rows, "ada", "email_opened")).toMatchObject({
      count: 5,
      mobileCount: 2,
      desktopCount: 1,
      tabletCount: 1,
      firstAt: expect.stringMatching(/^2024-04-01/),
      lastAt: expect.stringMatching(/^2024-06-01/),
      // The 5 latest, newest first: the equal-time pair, then 05-10, 05-01, 04-01.
      recentAt: expect.stringMatching(
        /^\{"2024-06-01[^,]*","2024-06-01[^,]*","2024-05-10[^,]*","2024-05-01[^,]*","2024-04-01[^"]*"\}$/,
      ),
    });
  });

  it("follows Prisma and raw SQL inserts, in one statement or many, for several companies", async () => {
    await t.db.contactEvent.createMany({
      data: [
        { companyId, contactId: ids.dee, type: "email_sent", occurredAt: new Date("2024-02-02T00:00:00Z") },
        { companyId, contactId: ids.dee, type: "email_sent", occurredAt: new Date("2024-01-02T00:00:00Z") },
        {
          companyId: otherCompanyId,
          contactId: ids.gus,
          type: "email_opened",
          occurredAt: new Date("2024-01-05T00:00:00Z"),
          device: "desktop",
        },
      ],
    });
    await t.db.contactEvent.create({
      data: { companyId, contactId: ids.dee, type: "email_sent", occurredAt: new Date("2023-12-31T23:59:59.999Z") },
    });
    await t.sql.query(
      `INSERT INTO "ContactEvent" ("companyId", "contactId", "type", "occurredAt")
       SELECT $1::uuid, $2::uuid, 'email_sent', '2024-03-01T00:00:00Z'::timestamptz + (n || ' minutes')::interval
       FROM generate_series(1, 50) n`,
      [companyId, ids.bob],
    );
    const rows = await expectExact();
    expect(row(rows, "dee", "email_sent")).toMatchObject({ count: 3, firstAt: expect.stringMatching(/^2023-12-31/) });
    expect(row(rows, "bob", "email_sent")).toMatchObject({ count: 50 });
    expect(rows.filter((r) => r.companyId === otherCompanyId)).toHaveLength(1);
  });

  it("recomputes after events are deleted or changed, and drops a deleted contact's rows", async () => {
    // Delete the latest open of ada: lastAt moves back; delete all of bob's sends: row gone.
    await t.sql.query(
      `DELETE FROM "ContactEvent" WHERE "contactId" = $1::uuid AND "type" = 'email_opened' AND "occurredAt" = '2024-06-01T00:00:00Z' AND "device" IS NULL`,
      [ids.ada],
    );
    await t.sql.query(`DELETE FROM "ContactEvent" WHERE "contactId" = $1::uuid AND "type" = 'email_sent'`, [ids.bob]);
    let rows = await expectExact();
    expect(row(rows, "bob", "email_sent")).toBeUndefined();

    // An event whose type and time change moves between summary rows.
    await t.sql.query(
      `UPDATE "ContactEvent" SET "type" = 'email_clicked', "occurredAt" = '2020-01-01T00:00:00Z'
       WHERE "contactId" = $1::uuid AND "type" = 'purchase'`,
      [ids.cy],
    );
    rows = await expectExact();
    expect(row(rows, "cy", "purchase")).toBeUndefined();
    expect(row(rows, "cy", "email_clicked")).toMatchObject({ count: 1 });

    await t.db.contact.delete({ where: { companyId_id: { companyId, id: ids.dee! } } });
    rows = await expectExact();
    expect(rows.some((r) => r.contactId === ids.dee)).toBe(false);
  });

  it("stays exact when many transactions insert events for the same contacts at once", async () => {
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 25 }, (_, i) => ({
        contactId: i % 2 ? ids.ada : ids.bob,
        type: "email_opened",
        occurredAt: new Date(Date.UTC(2024, 0, 1 + b, 0, i)).toISOString(),
        device: ["mobile", "desktop", "tablet"][(b + i) % 3],
      })),
    );
    await Promise.all(batches.map((events) => recordEvents(companyId, events)));
    await expectExact();
  });
});
