import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTACT_SORT_COLUMNS, type ContactSort } from "@/lib/contacts/list-params";
import {
  findContactCompanyId,
  getContact,
  listContacts,
  RECENT_EVENTS_LIMIT,
  TOTAL_COUNT_CAP,
} from "@/lib/data/contacts/contacts";
import { setDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { LifecycleStage, type Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let companyA: string;
let companyB: string;
let companyBig: string;

type Fixture = Prisma.ContactCreateManyInput & { id: string };
let contactsA: Fixture[] = [];
let contactsB: Fixture[] = [];

const STAGES = Object.values(LifecycleStage);
const LAST_NAMES = ["Adams", "Baker", "Carter", "Baker", "Diaz", "Evans"];
const FIRST_NAMES = ["Ada", "Bea", "Cal", "Dan", "Eve"];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** 30 contacts with varied (and partly missing) values, distinct creation times. */
function fixturesA(companyId: string): Prisma.ContactCreateManyInput[] {
  return Array.from({ length: 30 }, (_, i) => ({
    companyId,
    email: `person${String(i).padStart(2, "0")}@alpha.example`,
    // Every 7th has no last name; every 11th no first name: both must sort last / still list.
    lastName: i % 7 === 3 ? null : LAST_NAMES[i % LAST_NAMES.length],
    firstName: i % 11 === 5 ? null : FIRST_NAMES[i % FIRST_NAMES.length],
    companyName: i % 4 === 0 ? "Globex Industries" : i % 4 === 1 ? "Initech" : null,
    leadScore: i % 5 === 0 ? null : (i * 37) % 100,
    lifecycleStage: i % 6 === 2 ? null : STAGES[i % STAGES.length],
    lastActivityAt: i % 3 === 0 ? null : new Date(T0 + ((i * 13) % 29) * DAY),
    createdAt: new Date(T0 - i * DAY),
  }));
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const db = t.db;
  const [a, b, big] = await Promise.all([
    db.company.create({ data: { name: "Alpha", slug: "alpha" } }),
    db.company.create({ data: { name: "Beta", slug: "beta" } }),
    db.company.create({ data: { name: "Big", slug: "big" } }),
  ]);
  companyA = a.id;
  companyB = b.id;
  companyBig = big.id;

  await db.contact.createMany({
    data: [
      ...fixturesA(companyA),
      // Literal % and _ : only these rows contain them.
      {
        companyId: companyA,
        email: "percent@alpha.example",
        firstName: "Pia",
        lastName: "Zeta",
        companyName: "100% Organic",
        createdAt: new Date(T0 - 40 * DAY),
      },
      {
        companyId: companyA,
        email: "under_score@alpha.example",
        firstName: "Uma",
        lastName: "Zeta",
        companyName: "Alpha Beta",
        createdAt: new Date(T0 - 41 * DAY),
      },
    ],
  });
  await db.contact.createMany({
    data: [
      {
        companyId: companyB,
        email: "ada@beta.example",
        firstName: "Ada",
        lastName: "Lovelace",
        companyName: "Initech",
      },
      { companyId: companyB, email: "person00@alpha.example", firstName: "Shadow", lastName: "Copy" },
      { companyId: companyB, email: "only-b@beta.example", firstName: "Bob", lastName: "Bravo" },
    ],
  });
  const select = { id: true, companyId: true, email: true } as const;
  contactsA = (await db.contact.findMany({ where: { companyId: companyA } })) as Fixture[];
  contactsB = (await db.contact.findMany({ where: { companyId: companyB }, select })) as unknown as Fixture[];

  // Enough rows to pass the count cap, inserted set-based.
  await db.$executeRaw`
    INSERT INTO "Contact" ("companyId", "email", "createdAt")
    SELECT ${companyBig}::uuid, 'bulk' || n || '@big.example', now() - n * interval '1 second'
    FROM generate_series(1, ${TOTAL_COUNT_CAP + 50}) AS n`;
});

afterAll(async () => {
  await t?.close();
});

/** Every page of a listing, concatenated. */
async function listAll(companyId: string, params: Parameters<typeof listContacts>[1]) {
  const ids: string[] = [];
  for (let page = 1; page < 100; page++) {
    const result = await listContacts(companyId, { ...params, page, pageSize: 10 });
    ids.push(...result.rows.map((r) => r.id));
    if (!result.hasNextPage) break;
  }
  return ids;
}

// PostgreSQL's default NULL placement (NULL above every value) for secondary keys.
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/** The order the spec asks for: by the keys, nulls of the first key last either way, ties by id. */
function expectedOrder(rows: Fixture[], sort: ContactSort, desc: boolean): string[] {
  const keyOf: Record<ContactSort, (c: Fixture) => unknown[]> = {
    email: (c) => [c.email],
    name: (c) => [c.lastName ?? null, c.firstName ?? null],
    createdAt: (c) => [new Date(c.createdAt as Date).getTime()],
    leadScore: (c) => [c.leadScore ?? null],
    lastActivityAt: (c) => [c.lastActivityAt ? new Date(c.lastActivityAt as Date).getTime() : null],
    lifecycleStage: (c) => [c.lifecycleStage ? STAGES.indexOf(c.lifecycleStage) : null],
  };
  const dir = desc ? -1 : 1;
  return [...rows]
    .sort((x, y) => {
      const [kx, ky] = [keyOf[sort](x), keyOf[sort](y)];
      const [fx, fy] = [kx[0] ?? null, ky[0] ?? null];
      if ((fx === null) !== (fy === null)) return fx === null ? 1 : -1;
      for (let i = 0; i < kx.length; i++) {
        const c = compareValues(kx[i], ky[i]);
        if (c !== 0) return c * dir;
      }
      return compareValues(x.id, y.id) * dir;
    })
    .map((c) => c.id);
}

describe("listContacts paging", () => {
  it("returns a page, says whether another follows, and the exact total when small", async () => {
    const first = await listContacts(companyA, { pageSize: 10 });
    expect(first.rows).toHaveLength(10);
    expect(first.page).toBe(1);
    expect(first.hasNextPage).toBe(true);
    expect(first.total).toEqual({ value: 32, exact: true });

    const expected = expectedOrder(contactsA, "createdAt", true);
    const second = await listContacts(companyA, { pageSize: 10, page: 2 });
    expect(second.rows.map((r) => r.id)).toEqual(expected.slice(10, 20));
    expect(second.hasNextPage).toBe(true);

    const last = await listContacts(companyA, { pageSize: 10, page: 4 });
    expect(last.rows.map((r) => r.id)).toEqual(expected.slice(30));
    expect(last.hasNextPage).toBe(false);
    expect(last.total).toEqual({ value: 32, exact: true });
  });

  it("answers a page past the end with no rows and still knows the total", async () => {
    const beyond = await listContacts(companyA, { pageSize: 10, page: 9 });
    expect(beyond.rows).toEqual([]);
    expect(beyond.hasNextPage).toBe(false);
    expect(beyond.total).toEqual({ value: 32, exact: true });
  });

  it("returns list rows with the listed fields only", async () => {
    const { rows } = await listContacts(companyA, { sort: "email", order: "asc", pageSize: 10 });
    const row = rows[0]!;
    expect(Object.keys(row).sort()).toEqual(
      [
        "companyName",
        "createdAt",
        "email",
        "firstName",
        "id",
        "lastActivityAt",
        "lastName",
        "leadScore",
        "lifecycleStage",
        "subscriptionStatus",
      ].sort(),
    );
    expect(row.email).toBe("percent@alpha.example");
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(row.subscriptionStatus).toBe("ACTIVE");
  });
});

describe("listContacts sorting", () => {
  for (const sort of CONTACT_SORT_COLUMNS) {
    for (const order of ["asc", "desc"] as const) {
      it(`sorts by ${sort} ${order} across pages, missing values last`, async () => {
        const ids = await listAll(companyA, { sort, order });
        expect(ids).toEqual(expectedOrder(contactsA, sort, order === "desc"));
      });
    }
  }

  it("lists missing lead scores after the scored contacts in both directions", async () => {
    for (const order of ["asc", "desc"] as const) {
      const ids = await listAll(companyA, { sort: "leadScore", order });
      const scores = ids.map((id) => contactsA.find((c) => c.id === id)!.leadScore ?? null);
      const firstNull = scores.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(scores.slice(firstNull).every((s) => s === null)).toBe(true);
    }
  });

  it("pages into the contacts with a missing value (offset past the last non-null row)", async () => {
    // leadScore: 6 of 30 fixture rows + the 2 special rows have none: 24 scored, 8 not.
    const all = expectedOrder(contactsA, "leadScore", true);
    const mixed = await listContacts(companyA, { sort: "leadScore", order: "desc", pageSize: 10, page: 3 });
    expect(mixed.rows.map((r) => r.id)).toEqual(all.slice(20, 30));
    expect(mixed.rows.map((r) => r.leadScore === null)).toEqual([false, false, false, false, ...Array(6).fill(true)]);
    const tail = await listContacts(companyA, { sort: "leadScore", order: "desc", pageSize: 10, page: 4 });
    expect(tail.rows.map((r) => r.id)).toEqual(all.slice(30, 32));
    expect(tail.hasNextPage).toBe(false);
  });

  it("rejects a sort column outside the whitelist and a bad page size", async () => {
    await expect(listContacts(companyA, { sort: "passwordHash" as ContactSort })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(listContacts(companyA, { pageSize: 5000 })).rejects.toBeInstanceOf(ValidationError);
    await expect(listContacts(companyA, { page: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("listContacts search", () => {
  const emailsFor = async (q: string) =>
    (await listContacts(companyA, { q, sort: "email", order: "asc", pageSize: 100 })).rows.map((r) => r.email);

  /** The rule the list promises, in plain JS: a case-insensitive substring of any searched field. */
  const expectedEmails = (q: string) =>
    contactsA
      .filter((c) =>
        [c.email, [c.firstName, c.lastName].filter(Boolean).join(" "), c.companyName ?? ""].some((field) =>
          field.toLowerCase().includes(q.toLowerCase()),
        ),
      )
      .map((c) => c.email)
      .sort();

  it("matches first name, last name and full name case-insensitively", async () => {
    // "ada" is in the first name Ada and in the last name Adams.
    const ada = await emailsFor("aDA");
    expect(ada).toEqual(expectedEmails("ada"));
    expect(ada.some((e) => contactsA.find((c) => c.email === e)?.lastName === "Adams")).toBe(true);
    expect(ada.some((e) => contactsA.find((c) => c.email === e)?.firstName === "Ada")).toBe(true);
    expect(ada).not.toContain("ada@beta.example");
    expect(await emailsFor("Bea Baker")).toEqual(expectedEmails("bea baker"));
    expect(await emailsFor("Bea Baker")).not.toEqual([]);

    expect(await emailsFor("ZETA")).toEqual(["percent@alpha.example", "under_score@alpha.example"]);
    expect(await emailsFor("uma zeta")).toEqual(["under_score@alpha.example"]);
  });

  it("matches email and company name", async () => {
    expect(await emailsFor("PERSON07@")).toEqual(["person07@alpha.example"]);
    const initech = await emailsFor("initech");
    expect(initech).toEqual(expectedEmails("initech"));
    expect(initech.length).toBe(contactsA.filter((c) => c.companyName === "Initech").length);
  });

  it("treats % and _ as plain characters", async () => {
    expect(await emailsFor("%")).toEqual(["percent@alpha.example"]);
    expect(await emailsFor("100%")).toEqual(["percent@alpha.example"]);
    expect(await emailsFor("_")).toEqual(["under_score@alpha.example"]);
    // As LIKE patterns these would match "Alpha Beta" and every alpha.example email.
    expect(await emailsFor("a%b")).toEqual([]);
    expect(await emailsFor("p_r")).toEqual([]);
  });

  it("counts only the matches and ignores surrounding spaces", async () => {
    const result = await listContacts(companyA, { q: "  globex  ", pageSize: 10 });
    const expected = contactsA.filter((c) => c.companyName === "Globex Industries").length;
    expect(result.total).toEqual({ value: expected, exact: true });
    expect(result.rows).toHaveLength(Math.min(10, expected));
  });
});

describe("listContacts total on a large company", () => {
  it(`caps the count at ${TOTAL_COUNT_CAP} and says it is a lower bound`, async () => {
    const page = await listContacts(companyBig, { pageSize: 25 });
    expect(page.rows).toHaveLength(25);
    expect(page.hasNextPage).toBe(true);
    expect(page.total).toEqual({ value: TOTAL_COUNT_CAP, exact: false });
  });

  it("uses the page itself as the lower bound past the cap, and is exact on the last page", async () => {
    const deep = await listContacts(companyBig, { pageSize: 25, page: 401 });
    expect(deep.hasNextPage).toBe(true);
    expect(deep.total).toEqual({ value: 10_025, exact: false });

    const last = await listContacts(companyBig, { pageSize: 25, page: 402 });
    expect(last.rows).toHaveLength(25);
    expect(last.hasNextPage).toBe(false);
    expect(last.total).toEqual({ value: TOTAL_COUNT_CAP + 50, exact: true });
  });

  it("is exact for a search with few matches", async () => {
    const result = await listContacts(companyBig, { q: "bulk1000", pageSize: 10 });
    // bulk1000, bulk10000..bulk10009
    expect(result.total).toEqual({ value: 11, exact: true });
    expect(result.hasNextPage).toBe(true);
  });
});

describe("tenant isolation", () => {
  it("never lists another company's contacts", async () => {
    const ids = new Set(await listAll(companyA, {}));
    expect(ids.size).toBe(32);
    for (const b of contactsB) expect(ids.has(b.id)).toBe(false);
    expect((await listContacts(companyA, { q: "bravo" })).rows).toEqual([]);
    // Same email in both companies: A sees only its own.
    const shared = await listContacts(companyA, { q: "person00@" });
    expect(shared.rows.map((r) => r.id)).toEqual([contactsA.find((c) => c.email === "person00@alpha.example")!.id]);
  });

  it("does not find a contact of company B by id when asked as company A", async () => {
    const b = contactsB[0]!;
    expect(await getContact(companyA, b.id)).toBeNull();
    expect(await getContact(companyB, b.id)).not.toBeNull();
  });

  it("answers null for a non-UUID id or company", async () => {
    expect(await getContact(companyA, "not-a-uuid")).toBeNull();
    expect(await getContact(companyA, "1 OR 1=1")).toBeNull();
    expect(await getContact("nope", contactsA[0]!.id)).toBeNull();
    expect(await findContactCompanyId("not-a-uuid")).toBeNull();
    expect((await listContacts("nope")).rows).toEqual([]);
  });

  it("lets the admin lookup find the company of any contact", async () => {
    expect(await findContactCompanyId(contactsB[0]!.id)).toBe(companyB);
    expect(await findContactCompanyId(contactsA[0]!.id)).toBe(companyA);
    expect(await findContactCompanyId("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("getContact", () => {
  it("returns every field, tags, labelled custom fields, segments and the 50 latest events", async () => {
    const db = t.db;
    await db.customFieldDefinition.createMany({
      data: [
        { companyId: companyA, key: "industry", label: "Industry", type: "SELECT", options: ["saas", "retail"] },
        { companyId: companyA, key: "trial_end_date", label: "Trial end date", type: "DATE" },
        { companyId: companyA, key: "customer_ltv", label: "Customer LTV", type: "NUMBER" },
        { companyId: companyB, key: "secret", label: "B only", type: "TEXT" },
      ],
    });
    const contact = await db.contact.create({
      data: {
        companyId: companyA,
        email: "detail@alpha.example",
        firstName: "Grace",
        lastName: "Hopper",
        phone: "+1 555 0100",
        country: "United States",
        lifecycleStage: "CUSTOMER",
        leadScore: 88,
        tags: ["vip", "newsletter"],
        customFields: { industry: "saas", customer_ltv: 1200.5, legacy_code: "X1" },
        lastEmailSentAt: new Date(T0 + 2 * DAY),
        lastOpenedAt: new Date(T0 + DAY),
        preferredOpenDay: "TUE",
      },
    });
    const segment = await db.segment.create({ data: { companyId: companyA, name: "VIPs", type: "STATIC" } });
    await db.segmentMembership.create({
      data: { companyId: companyA, segmentId: segment.id, contactId: contact.id, addedVia: "MANUAL" },
    });
    const campaign = await db.campaign.create({ data: { companyId: companyA, name: "Spring launch" } });
    await db.contactEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        companyId: companyA,
        contactId: contact.id,
        type: i === 59 ? ("purchase" as const) : ("email_opened" as const),
        occurredAt: new Date(T0 + i * 3_600_000),
        campaignId: i === 59 ? campaign.id : i === 58 ? "esp-123" : null,
        device: i % 2 ? ("mobile" as const) : null,
        url: i === 59 ? "https://shop.example/checkout" : null,
        revenue: i === 59 ? "49.90" : null,
      })),
    });

    const detail = await getContact(companyA, contact.id);
    expect(detail).not.toBeNull();
    const d = detail!;
    expect(d).toMatchObject({
      id: contact.id,
      companyId: companyA,
      email: "detail@alpha.example",
      firstName: "Grace",
      lastName: "Hopper",
      phone: "+1 555 0100",
      country: "United States",
      city: null,
      lifecycleStage: "CUSTOMER",
      subscriptionStatus: "ACTIVE",
      leadScore: 88,
      preferredOpenDay: "TUE",
      openedLastEmail: false,
      tags: ["vip", "newsletter"],
    });
    expect(d.customFields).toEqual([
      { key: "customer_ltv", label: "Customer LTV", type: "NUMBER", value: 1200.5 },
      { key: "industry", label: "Industry", type: "SELECT", value: "saas" },
      { key: "trial_end_date", label: "Trial end date", type: "DATE", value: undefined },
      { key: "legacy_code", label: "legacy_code", type: null, value: "X1" },
    ]);
    expect(d.segments).toEqual([
      { id: segment.id, name: "VIPs", type: "STATIC", addedAt: expect.any(Date), addedVia: "MANUAL" },
    ]);
    expect(d.events).toHaveLength(RECENT_EVENTS_LIMIT);
    expect(d.events[0]).toMatchObject({
      type: "purchase",
      campaignId: campaign.id,
      campaignName: "Spring launch",
      url: "https://shop.example/checkout",
      device: "mobile",
      revenue: "49.90",
    });
    expect(d.events[1]).toMatchObject({ campaignId: "esp-123", campaignName: null, revenue: null });
    const times = d.events.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Math.min(...times)).toBe(T0 + 10 * 3_600_000);
  });

  it("derives openedLastEmail as the rule language does", async () => {
    const db = t.db;
    const [opened, never] = await Promise.all([
      db.contact.create({
        data: {
          companyId: companyA,
          email: "opened@alpha.example",
          lastEmailSentAt: new Date(T0),
          lastOpenedAt: new Date(T0),
        },
      }),
      db.contact.create({ data: { companyId: companyA, email: "never-sent@alpha.example" } }),
    ]);
    expect((await getContact(companyA, opened.id))?.openedLastEmail).toBe(true);
    expect((await getContact(companyA, never.id))?.openedLastEmail).toBeNull();
  });
});
