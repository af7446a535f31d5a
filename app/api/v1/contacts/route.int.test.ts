import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams, routeParams } from "@/lib/api/test-helpers";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { GET } from "./[id]/route";
import { POST } from "./route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
  await t.db.customFieldDefinition.createMany({
    data: [
      { companyId: acme.companyId, key: "plan", label: "Plan", type: "SELECT", options: ["Pro", "Free"] },
      {
        companyId: acme.companyId,
        key: "interests",
        label: "Interests",
        type: "MULTI_SELECT",
        options: ["AI", "Data"],
      },
      { companyId: acme.companyId, key: "ltv", label: "Lifetime value", type: "NUMBER" },
      { companyId: acme.companyId, key: "trial_end", label: "Trial end", type: "DATE" },
      { companyId: acme.companyId, key: "vip", label: "VIP", type: "BOOLEAN" },
      { companyId: acme.companyId, key: "nickname", label: "Nickname", type: "TEXT" },
    ],
  });
});

afterAll(async () => {
  await t?.close();
});

async function post(body: unknown, key = acme.key) {
  const response = await POST(apiRequest("POST", "/api/v1/contacts", { key, body }), noParams);
  return { status: response.status, body: await response.json() };
}

async function get(id: string, key = acme.key) {
  const response = await GET(apiRequest("GET", `/api/v1/contacts/${id}`, { key }), routeParams({ id }));
  return { status: response.status, body: await response.json() };
}

const stored = (companyId: string, email: string) =>
  t.db.contact.findUnique({ where: { companyId_email: { companyId, email } } });

describe("POST /api/v1/contacts", () => {
  it("creates contacts with normalized values", async () => {
    const result = await post({
      contacts: [
        {
          email: "  Ada@Example.COM ",
          firstName: " Ada ",
          lastName: "Lovelace",
          lifecycleStage: "mql",
          subscriptionStatus: "active",
          leadScore: 88,
          createdAt: "2023-04-05T06:07:08Z",
          tags: [" VIP ", "vip", "Newsletter"],
          customFields: {
            plan: "pro",
            interests: ["data", "AI"],
            ltv: 1200.5,
            trial_end: "2024-02-29T23:00:00Z",
            vip: true,
            nickname: " Countess ",
          },
        },
      ],
    });
    expect(result).toEqual({ status: 200, body: { created: 1, updated: 0, errors: [] } });
    const ada = await stored(acme.companyId, "ada@example.com");
    expect(ada).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      lifecycleStage: "MQL",
      subscriptionStatus: "ACTIVE",
      leadScore: 88,
      createdAt: new Date("2023-04-05T06:07:08Z"),
      tags: ["vip", "newsletter"],
      customFields: {
        plan: "Pro",
        interests: ["Data", "AI"],
        ltv: 1200.5,
        trial_end: "2024-02-29",
        vip: true,
        nickname: "Countess",
      },
    });
  });

  it("is idempotent: the same payload twice creates nothing the second time", async () => {
    const payload = {
      contacts: [
        { email: "one@example.com", firstName: "One" },
        { email: "two@example.com", tags: ["a"] },
      ],
    };
    expect((await post(payload)).body).toEqual({ created: 2, updated: 0, errors: [] });
    expect((await post(payload)).body).toEqual({ created: 0, updated: 2, errors: [] });
    expect(
      await t.db.contact.count({
        where: { companyId: acme.companyId, email: { in: ["one@example.com", "two@example.com"] } },
      }),
    ).toBe(2);
  });

  it("matches emails case-insensitively", async () => {
    await post({ contacts: [{ email: "grace@example.com", firstName: "Grace" }] });
    const result = await post({ contacts: [{ email: "GRACE@Example.com", lastName: "Hopper" }] });
    expect(result.body).toEqual({ created: 0, updated: 1, errors: [] });
    const rows = await t.db.contact.findMany({ where: { companyId: acme.companyId, email: { contains: "grace" } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: "grace@example.com", firstName: "Grace", lastName: "Hopper" });
  });

  it("keeps fields left out, clears null or blank ones, replaces tags, merges custom fields", async () => {
    await post({
      contacts: [
        {
          email: "merge@example.com",
          firstName: "Mia",
          lastName: "Merge",
          phone: "123",
          leadScore: 40,
          subscriptionStatus: "UNSUBSCRIBED",
          tags: ["old", "keep"],
          customFields: { plan: "Free", ltv: 10, nickname: "M" },
        },
      ],
    });
    const result = await post({
      contacts: [
        {
          email: "merge@example.com",
          lastName: null,
          phone: "  ",
          leadScore: 41,
          tags: ["new"],
          customFields: { plan: "Pro", nickname: null },
        },
      ],
    });
    expect(result.body).toEqual({ created: 0, updated: 1, errors: [] });
    expect(await stored(acme.companyId, "merge@example.com")).toMatchObject({
      firstName: "Mia",
      lastName: null,
      phone: null,
      leadScore: 41,
      subscriptionStatus: "UNSUBSCRIBED",
      tags: ["new"],
      customFields: { plan: "Pro", ltv: 10 },
    });
  });

  it("keeps the valid rows and reports the invalid ones by index, with the field named", async () => {
    const result = await post({
      contacts: [
        { email: "valid1@example.com" },
        { email: "not-an-email" },
        { email: "valid2@example.com", leadScore: 101 },
        { email: "valid3@example.com", customFields: { plan: "Enterprise" } },
        { email: "valid4@example.com", customFields: { shoe_size: 42 } },
        { firstName: "No email" },
        "just a string",
        { email: "valid5@example.com", customFields: { ltv: "a lot", trial_end: "2023-02-30", vip: "maybe" } },
        { email: "valid6@example.com", lifecycleStage: "lead", favouriteColour: "red" },
        { email: "valid7@example.com", lifecycleStage: "Customer" },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body.created).toBe(2);
    expect(result.body.updated).toBe(0);
    const errors = result.body.errors as { index: number; message: string }[];
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const message = (index: number) => errors.find((e) => e.index === index)?.message;
    expect(message(1)).toMatch(/^email: Enter a valid email/);
    expect(message(2)).toMatch(/^leadScore: .*0 to 100/);
    expect(message(3)).toMatch(/^customFields\.plan: "Enterprise" is not an option.*Pro, Free/);
    expect(message(4)).toMatch(/customFields\.shoe_size: Unknown custom field "shoe_size"/);
    expect(message(5)).toMatch(/^email: /);
    expect(message(7)).toMatch(/customFields\.ltv: Expected a number/);
    expect(message(7)).toMatch(/customFields\.trial_end: Expected a real date/);
    expect(message(7)).toMatch(/customFields\.vip: Expected true or false/);
    expect(message(8)).toMatch(/Unknown field "favouriteColour"/);
    const emails = (
      await t.db.contact.findMany({ where: { companyId: acme.companyId, email: { startsWith: "valid" } } })
    )
      .map((c) => c.email)
      .sort();
    expect(emails).toEqual(["valid1@example.com", "valid7@example.com"]);
  });

  it("uses the last of duplicate emails in one batch and reports the earlier ones", async () => {
    const result = await post({
      contacts: [
        { email: "dup@example.com", firstName: "First" },
        { email: "other@example.com" },
        { email: "DUP@example.com", firstName: "Last" },
      ],
    });
    expect(result.body).toEqual({
      created: 2,
      updated: 0,
      errors: [{ index: 0, message: expect.stringMatching(/same email appears again at index 2/) }],
    });
    expect((await stored(acme.companyId, "dup@example.com"))?.firstName).toBe("Last");
  });

  it("answers 400 with issues for a wrong envelope, too many rows or bad JSON", async () => {
    const missing = await post({ people: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_error");
    expect(missing.body.error.issues).toEqual(
      expect.arrayContaining([{ path: ["contacts"], message: expect.stringMatching(/list of contacts/) }]),
    );

    const empty = await post({ contacts: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([{ path: ["contacts"], message: "Send at least one contact" }]);

    const tooMany = await post({ contacts: Array.from({ length: 1001 }, (_, i) => ({ email: `x${i}@example.com` })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues).toEqual([{ path: ["contacts"], message: "At most 1,000 contacts per request" }]);

    const badJson = await POST(
      apiRequest("POST", "/api/v1/contacts", { key: acme.key, rawBody: "{contacts:" }),
      noParams,
    );
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      error: { code: "validation_error", message: "The request body is not valid JSON" },
    });
  });

  it("accepts 1,000 contacts in one request", async () => {
    const contacts = Array.from({ length: 1000 }, (_, i) => ({
      email: `bulk${i}@example.com`,
      firstName: `Bulk ${i}`,
      tags: ["bulk"],
      customFields: { ltv: i },
    }));
    expect((await post({ contacts })).body).toEqual({ created: 1000, updated: 0, errors: [] });
    expect(await t.db.contact.count({ where: { companyId: acme.companyId, tags: { has: "bulk" } } })).toBe(1000);
  });

  it("writes into the key's company only", async () => {
    await post({ contacts: [{ email: "shared@example.com", firstName: "Acme's" }] });
    // Globex has no custom fields: Acme's are unknown there.
    const result = await post(
      {
        contacts: [
          { email: "shared@example.com", firstName: "Globex's", customFields: { plan: "Pro" } },
          { email: "shared@example.com", firstName: "Globex's" },
        ],
      },
      globex.key,
    );
    expect(result.body.created).toBe(1);
    expect((await stored(acme.companyId, "shared@example.com"))?.firstName).toBe("Acme's");
    expect((await stored(globex.companyId, "shared@example.com"))?.firstName).toBe("Globex's");
  });
});

describe("GET /api/v1/contacts/:id", () => {
  it("answers the contact with its tags, custom fields and segments", async () => {
    await post({
      contacts: [
        { email: "detail@example.com", firstName: "Dee", tags: ["x"], customFields: { plan: "Free", vip: false } },
      ],
    });
    const contact = await stored(acme.companyId, "detail@example.com");
    const segment = await t.db.segment.create({
      data: { companyId: acme.companyId, name: "Static list", type: "STATIC" },
    });
    await t.db.segmentMembership.create({
      data: { companyId: acme.companyId, segmentId: segment.id, contactId: contact?.id as string, addedVia: "API" },
    });

    const { status, body } = await get(contact?.id as string);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: contact?.id,
      email: "detail@example.com",
      firstName: "Dee",
      subscriptionStatus: "ACTIVE",
      tags: ["x"],
      customFields: { plan: "Free", vip: false },
      segments: [{ id: segment.id, name: "Static list" }],
    });
    expect(body.companyId).toBeUndefined();
    expect(body.events).toBeUndefined();
    expect(typeof body.createdAt).toBe("string");
  });

  it("answers 404 for another company's contact, an unknown id or a malformed id", async () => {
    const acmeContact = await stored(acme.companyId, "detail@example.com");
    const notFound = { error: { code: "not_found", message: "Contact not found" } };
    expect(await get(acmeContact?.id as string, globex.key)).toEqual({ status: 404, body: notFound });
    expect(await get("00000000-0000-4000-8000-000000000000")).toEqual({ status: 404, body: notFound });
    expect(await get("not-a-uuid")).toEqual({ status: 404, body: notFound });
  });
});
