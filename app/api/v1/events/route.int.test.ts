import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams } from "@/lib/api/test-helpers";
import { upsertContacts } from "@/lib/data/contacts/contact-upsert";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { POST } from "./route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };
let ada: string;
let bob: string;
let globexContact: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
  ada = (await t.db.contact.create({ data: { companyId: acme.companyId, email: "ada@example.com" } })).id;
  bob = (await t.db.contact.create({ data: { companyId: acme.companyId, email: "bob@example.com" } })).id;
  globexContact = (await t.db.contact.create({ data: { companyId: globex.companyId, email: "gus@example.com" } })).id;
});

afterAll(async () => {
  await t?.close();
});

async function post(events: unknown[], key = acme.key) {
  const response = await POST(apiRequest("POST", "/api/v1/events", { key, body: { events } }), noParams);
  return { status: response.status, body: await response.json() };
}

const contact = (id: string) => t.db.contact.findFirstOrThrow({ where: { id } });

async function status(id: string) {
  const found = await contact(id);
  return { status: found.subscriptionStatus, at: found.subscriptionStatusAt?.toISOString() ?? null };
}

describe("POST /api/v1/events", () => {
  it("stores events and updates the contact's activity columns, also out of order", async () => {
    const result = await post([
      { email: "ADA@example.com", type: "email_sent", occurredAt: "2024-05-01T08:00:00Z", campaignId: "esp-42" },
      { contactId: ada, type: "email_opened", occurredAt: "2024-05-01T09:00:00Z", device: "Mobile" },
      { contactId: ada, type: "email_opened", occurredAt: "2024-05-01T09:30:00+02:00", device: "desktop" },
      {
        email: "ada@example.com",
        type: "EMAIL_CLICKED",
        occurredAt: "2024-05-01T09:05:00Z",
        url: "https://x.test/pricing",
      },
      { email: "bob@example.com", type: "purchase", occurredAt: "2024-05-02T10:00:00Z", revenue: 49.999 },
    ]);
    expect(result).toEqual({ status: 200, body: { accepted: 5, errors: [] } });
    expect(await contact(ada)).toMatchObject({
      lastEmailSentAt: new Date("2024-05-01T08:00:00Z"),
      lastOpenedAt: new Date("2024-05-01T09:00:00Z"),
      lastClickedAt: new Date("2024-05-01T09:05:00Z"),
      lastActivityAt: new Date("2024-05-01T09:05:00Z"),
      lastOpenedDevice: "mobile",
    });
    expect(await contact(bob)).toMatchObject({ lastActivityAt: new Date("2024-05-02T10:00:00Z"), lastOpenedAt: null });

    const events = await t.db.contactEvent.findMany({
      where: { companyId: acme.companyId },
      orderBy: { occurredAt: "asc" },
    });
    // 09:30+02:00 is 07:30Z: the desktop open came first.
    expect(events.map((e) => [e.type, e.campaignId, e.url, e.device, e.revenue?.toFixed(2) ?? null])).toEqual([
      ["email_opened", null, null, "desktop", null],
      ["email_sent", "esp-42", null, null, null],
      ["email_opened", null, null, "mobile", null],
      ["email_clicked", null, "https://x.test/pricing", null, null],
      ["purchase", null, null, null, "50.00"],
    ]);

    // An older open arriving late changes nothing; a newer one moves lastOpenedAt.
    await post([{ contactId: ada, type: "email_opened", occurredAt: "2024-04-01T00:00:00Z", device: "tablet" }]);
    expect((await contact(ada)).lastOpenedAt).toEqual(new Date("2024-05-01T09:00:00Z"));
    await post([{ contactId: ada, type: "email_opened", occurredAt: "2024-06-01T00:00:00Z", device: "tablet" }]);
    expect(await contact(ada)).toMatchObject({
      lastOpenedAt: new Date("2024-06-01T00:00:00Z"),
      lastActivityAt: new Date("2024-06-01T00:00:00Z"),
      lastOpenedDevice: "tablet",
    });
  });

  it("sets the subscription status on unsubscribes and bounces", async () => {
    const carl = (await t.db.contact.create({ data: { companyId: acme.companyId, email: "carl@example.com" } })).id;
    const dora = (await t.db.contact.create({ data: { companyId: acme.companyId, email: "dora@example.com" } })).id;
    const result = await post([
      { contactId: carl, type: "unsubscribed", occurredAt: "2024-05-01T00:00:00Z" },
      { contactId: dora, type: "email_bounced", occurredAt: "2024-05-01T00:00:00Z" },
    ]);
    expect(result.body).toEqual({ accepted: 2, errors: [] });
    expect((await contact(carl)).subscriptionStatus).toBe("UNSUBSCRIBED");
    expect((await contact(dora)).subscriptionStatus).toBe("BOUNCED");
    // Unsubscribes are not activity.
    expect((await contact(carl)).lastActivityAt).toBeNull();
  });

  it("follows the latest-dated unsubscribe or bounce whatever order events arrive in (a contact write holds)", async () => {
    const make = async (email: string) =>
      (await t.db.contact.create({ data: { companyId: acme.companyId, email } })).id;
    const late = await make("late@example.com");
    const batch = await make("batch@example.com");
    const tie = await make("tie@example.com");
    const written = await make("written@example.com");
    const ev = (contactId: string, type: string, occurredAt: string) => ({ contactId, type, occurredAt });

    // Across requests: the newer bounce first, then an older unsubscribe: nothing changes.
    await post([ev(late, "email_bounced", "2024-06-02T00:00:00Z")]);
    await post([ev(late, "unsubscribed", "2024-06-01T00:00:00Z")]);
    expect(await status(late)).toEqual({ status: "BOUNCED", at: "2024-06-02T00:00:00.000Z" });
    // A newer one does.
    await post([ev(late, "unsubscribed", "2024-06-03T00:00:00Z")]);
    expect(await status(late)).toEqual({ status: "UNSUBSCRIBED", at: "2024-06-03T00:00:00.000Z" });

    // Within a batch, the latest-dated wins whatever its position.
    await post([ev(batch, "email_bounced", "2024-06-05T00:00:00Z"), ev(batch, "unsubscribed", "2024-06-04T00:00:00Z")]);
    expect(await status(batch)).toEqual({ status: "BOUNCED", at: "2024-06-05T00:00:00.000Z" });

    // The same instant: UNSUBSCRIBED, in one batch or across requests, in either order.
    await post([ev(tie, "email_bounced", "2024-06-06T00:00:00Z")]);
    await post([ev(tie, "unsubscribed", "2024-06-06T00:00:00Z")]);
    expect((await status(tie)).status).toBe("UNSUBSCRIBED");
    await post([ev(tie, "email_bounced", "2024-06-06T00:00:00Z")]);
    expect((await status(tie)).status).toBe("UNSUBSCRIBED");

    // A contact write sets it again (now); an older event changes nothing, a newer one does.
    await post([ev(written, "unsubscribed", "2024-06-01T00:00:00Z")]);
    const before = Date.now();
    await upsertContacts(acme.companyId, [{ email: "written@example.com", subscriptionStatus: "ACTIVE" }]);
    const rewritten = await status(written);
    expect(rewritten.status).toBe("ACTIVE");
    expect(new Date(rewritten.at as string).getTime()).toBeGreaterThanOrEqual(before - 1_000);
    await post([ev(written, "email_bounced", "2024-06-10T00:00:00Z")]);
    expect((await status(written)).status).toBe("ACTIVE");
    // A write that leaves the status out does not move its time.
    await upsertContacts(acme.companyId, [{ email: "written@example.com", firstName: "Wanda" }]);
    expect(await status(written)).toEqual(rewritten);
    const newer = new Date(Date.now() + 60_000).toISOString();
    await post([ev(written, "email_bounced", newer)]);
    expect((await status(written)).status).toBe("BOUNCED");

    // The segment engine's copy follows.
    const facts = await t.sql.query<{ id: string; ok: boolean }>(
      `SELECT c.id::text AS id, f."subscriptionStatus" = c."subscriptionStatus" AS ok
       FROM "Contact" c JOIN "ContactFacts" f ON f."companyId" = c."companyId" AND f.id = c.id
       WHERE c.id = ANY($1::uuid[])`,
      [[late, batch, tie, written]],
    );
    expect(facts.map((row) => row.ok)).toEqual([true, true, true, true]);
  });

  it("keeps the valid events and reports the others by index; never creates contacts", async () => {
    const before = await t.db.contactEvent.count();
    const future = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    const result = await post([
      { email: "ada@example.com", type: "page_visited", occurredAt: "2024-05-03T00:00:00Z", url: "/docs" },
      { email: "nobody@example.com", type: "email_opened", occurredAt: "2024-05-03T00:00:00Z" },
      { contactId: globexContact, type: "email_opened", occurredAt: "2024-05-03T00:00:00Z" },
      { contactId: "not-a-uuid", type: "email_opened", occurredAt: "2024-05-03T00:00:00Z" },
      { type: "email_opened", occurredAt: "2024-05-03T00:00:00Z" },
      { email: "ada@example.com", contactId: ada, type: "email_opened", occurredAt: "2024-05-03T00:00:00Z" },
      { email: "ada@example.com", type: "email_teleported", occurredAt: "2024-05-03T00:00:00Z" },
      { email: "ada@example.com", type: "email_opened", occurredAt: future },
      { email: "ada@example.com", type: "email_opened", occurredAt: "yesterday" },
      { email: "ada@example.com", type: "email_opened", occurredAt: "2024-05-03T00:00:00Z", revenue: 5 },
      { email: "ada@example.com", type: "email_opened", occurredAt: "2024-05-03T00:00:00Z", device: "fridge" },
      { email: "bob@example.com", type: "conversion", occurredAt: "2024-05-03T00:00:00Z", revenue: 10 },
    ]);
    expect(result.status).toBe(200);
    expect(result.body.accepted).toBe(2);
    const errors = result.body.errors as { index: number; message: string }[];
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const message = (index: number) => errors.find((e) => e.index === index)?.message;
    expect(message(1)).toBe("email: no contact with the email nobody@example.com");
    expect(message(2)).toBe(`contactId: no contact with the id ${globexContact}`);
    expect(message(3)).toBe("contactId: no contact with the id not-a-uuid");
    expect(message(4)).toMatch(/give email or contactId/);
    expect(message(5)).toMatch(/not both/);
    expect(message(6)).toMatch(/^type: Expected one of email_sent/);
    expect(message(7)).toMatch(/^occurredAt: Must not be more than a day in the future/);
    expect(message(8)).toMatch(/^occurredAt: Expected an ISO 8601/);
    expect(message(9)).toMatch(/^revenue: Only purchase and conversion/);
    expect(message(10)).toMatch(/^device: Expected one of mobile, desktop, tablet/);
    expect(await t.db.contactEvent.count()).toBe(before + 2);
    expect(await t.db.contact.count({ where: { email: "nobody@example.com" } })).toBe(0);
    expect(await t.db.contactEvent.count({ where: { companyId: globex.companyId } })).toBe(0);
  });

  it("answers 400 for a wrong envelope or more than 5,000 events", async () => {
    const tooMany = await post(Array.from({ length: 5001 }, () => ({})));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      error: {
        code: "validation_error",
        message: "The request body is not valid",
        issues: [{ path: ["events"], message: "At most 5,000 events per request" }],
      },
    });
    const notAList = await POST(
      apiRequest("POST", "/api/v1/events", { key: acme.key, body: { events: "many" } }),
      noParams,
    );
    expect(notAList.status).toBe(400);
  });

  it("accepts 5,000 events in one request", async () => {
    const events = Array.from({ length: 5000 }, (_, i) => ({
      contactId: i % 2 ? ada : bob,
      type: "page_visited",
      occurredAt: new Date(Date.UTC(2024, 6, 1) + i * 60_000).toISOString(),
      url: `/page/${i}`,
    }));
    const result = await post(events);
    expect(result.body).toEqual({ accepted: 5000, errors: [] });
    expect((await contact(ada)).lastActivityAt).toEqual(new Date(Date.UTC(2024, 6, 1) + 4999 * 60_000));
  });
});
