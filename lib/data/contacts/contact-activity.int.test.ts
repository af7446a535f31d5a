import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshContactActivity, refreshPreferredOpenTimes } from "@/lib/data/contacts/contact-activity";
import { setDb } from "@/lib/db";
import type { Device, EventType } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let companyId: string;
let otherCompanyId: string;
const ids: Record<string, string> = {};

const at = (iso: string) => new Date(iso);

type FixtureEvent = { contact: string; type: EventType; occurredAt: string; device?: Device };

async function addEvents(events: FixtureEvent[], company = companyId): Promise<void> {
  // One by one, in the order given: the order of arrival is part of what is tested.
  for (const e of events) {
    await t.db.contactEvent.create({
      data: {
        companyId: company,
        contactId: ids[e.contact]!,
        type: e.type,
        occurredAt: at(e.occurredAt),
        device: e.device ?? null,
      },
    });
  }
}

async function contact(name: string) {
  return t.db.contact.findUniqueOrThrow({
    where: { companyId_id: { companyId: name === "foreign" ? otherCompanyId : companyId, id: ids[name]! } },
  });
}

/** The spec's definitions written out plainly, one correlated subquery per column. */
async function handWritten(name: string) {
  const [row] = await t.sql.query<{
    lastActivityAt: Date | null;
    lastOpenedAt: Date | null;
    lastClickedAt: Date | null;
    lastEmailSentAt: Date | null;
    lastOpenedDevice: string | null;
  }>(
    `SELECT
       (SELECT max("occurredAt") FROM "ContactEvent" WHERE "companyId" = $1 AND "contactId" = $2
          AND "type" IN ('email_opened','email_clicked','page_visited','form_submitted','purchase','conversion')) AS "lastActivityAt",
       (SELECT max("occurredAt") FROM "ContactEvent" WHERE "companyId" = $1 AND "contactId" = $2 AND "type" = 'email_opened') AS "lastOpenedAt",
       (SELECT max("occurredAt") FROM "ContactEvent" WHERE "companyId" = $1 AND "contactId" = $2 AND "type" = 'email_clicked') AS "lastClickedAt",
       (SELECT max("occurredAt") FROM "ContactEvent" WHERE "companyId" = $1 AND "contactId" = $2 AND "type" = 'email_sent') AS "lastEmailSentAt",
       (SELECT "device"::text FROM "ContactEvent" WHERE "companyId" = $1 AND "contactId" = $2 AND "type" = 'email_opened'
          AND "device" IS NOT NULL
        ORDER BY "occurredAt" DESC, array_position(ARRAY['desktop','mobile','tablet'], "device"::text) LIMIT 1) AS "lastOpenedDevice"`,
    [companyId, ids[name]],
  );
  return row!;
}

function columns(c: Awaited<ReturnType<typeof contact>>) {
  return {
    lastActivityAt: c.lastActivityAt,
    lastOpenedAt: c.lastOpenedAt,
    lastClickedAt: c.lastClickedAt,
    lastEmailSentAt: c.lastEmailSentAt,
    lastOpenedDevice: c.lastOpenedDevice,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const [company, other] = await Promise.all([
    t.db.company.create({ data: { name: "Activity Co", slug: "activity" } }),
    t.db.company.create({ data: { name: "Other Co", slug: "other" } }),
  ]);
  companyId = company.id;
  otherCompanyId = other.id;
  const timezones: Record<string, string | null> = {
    ada: null,
    ben: null,
    cy: null,
    dee: null,
    eve: null,
    ny: "America/New_York",
    est: "EST",
    mars: "Mars/Olympus",
    la: "america/los_angeles",
    ties: null,
    old: null,
    edge: null,
  };
  for (const [name, timezone] of Object.entries(timezones)) {
    const c = await t.db.contact.create({
      data: {
        companyId,
        email: `${name}@activity.example`,
        timezone,
        // Stale values that the refresh must overwrite or clear.
        ...(name === "dee" || name === "old"
          ? {
              lastActivityAt: at("2020-01-01T00:00:00Z"),
              lastOpenedAt: at("2020-01-01T00:00:00Z"),
              lastOpenedDevice: "tablet",
              preferredOpenHour: 7,
              preferredOpenDay: "SAT",
            }
          : {}),
      },
    });
    ids[name] = c.id;
  }
  const foreign = await t.db.contact.create({
    data: { companyId: otherCompanyId, email: "foreign@other.example", lastOpenedAt: at("2020-01-01T00:00:00Z") },
  });
  ids.foreign = foreign.id;

  await addEvents([
    // ada: arrives out of order (newest first); an open without a device comes last.
    { contact: "ada", type: "page_visited", occurredAt: "2026-05-05T10:00:00Z" },
    { contact: "ada", type: "email_opened", occurredAt: "2026-05-03T09:00:00Z", device: "desktop" },
    { contact: "ada", type: "email_sent", occurredAt: "2026-05-03T08:00:00Z" },
    { contact: "ada", type: "email_sent", occurredAt: "2026-05-01T08:00:00Z" },
    { contact: "ada", type: "email_opened", occurredAt: "2026-05-01T09:00:00Z", device: "mobile" },
    { contact: "ada", type: "email_clicked", occurredAt: "2026-05-01T09:01:00Z", device: "mobile" },
    { contact: "ada", type: "email_opened", occurredAt: "2026-05-04T07:00:00Z" },
    { contact: "ada", type: "email_delivered", occurredAt: "2026-05-06T08:00:00Z" },
    // ben: three opens at the same latest instant (tablet, mobile, no device): mobile wins
    // over tablet; an earlier desktop open does not count.
    { contact: "ben", type: "email_opened", occurredAt: "2026-05-02T09:00:00Z", device: "desktop" },
    { contact: "ben", type: "email_opened", occurredAt: "2026-05-03T09:00:00.123Z", device: "tablet" },
    { contact: "ben", type: "email_opened", occurredAt: "2026-05-03T09:00:00.123Z", device: "mobile" },
    { contact: "ben", type: "email_opened", occurredAt: "2026-05-03T09:00:00.123Z" },
    // cy: only mail that was done to it: no activity of its own.
    { contact: "cy", type: "email_sent", occurredAt: "2026-05-02T08:00:00Z" },
    { contact: "cy", type: "email_delivered", occurredAt: "2026-05-02T08:00:05Z" },
    { contact: "cy", type: "email_bounced", occurredAt: "2026-05-03T08:00:00Z" },
    { contact: "cy", type: "unsubscribed", occurredAt: "2026-05-04T08:00:00Z" },
    // eve: all three devices tie at the latest instant: desktop.
    { contact: "eve", type: "email_opened", occurredAt: "2026-05-03T09:00:00Z", device: "tablet" },
    { contact: "eve", type: "email_opened", occurredAt: "2026-05-03T09:00:00Z", device: "mobile" },
    { contact: "eve", type: "email_opened", occurredAt: "2026-05-03T09:00:00Z", device: "desktop" },
    { contact: "eve", type: "purchase", occurredAt: "2026-04-01T09:00:00Z" },
  ]);
  // Same contact id in another company must not leak in.
  await addEvents([{ contact: "foreign", type: "email_opened", occurredAt: "2026-06-01T00:00:00Z" }], otherCompanyId);
});

afterAll(async () => {
  await t?.close();
});

describe("refreshContactActivity", () => {
  it("recomputes the columns for the given contacts only", async () => {
    expect(await refreshContactActivity(companyId, [ids.ada!])).toBe(1);
    expect((await contact("ada")).lastOpenedAt).toEqual(at("2026-05-04T07:00:00Z"));
    expect((await contact("ben")).lastOpenedAt).toBeNull();
  });

  it("follows segment-rules.md, whatever order the events arrived in", async () => {
    await refreshContactActivity(companyId);
    expect(columns(await contact("ada"))).toEqual({
      lastActivityAt: at("2026-05-05T10:00:00Z"),
      lastOpenedAt: at("2026-05-04T07:00:00Z"),
      lastClickedAt: at("2026-05-01T09:01:00Z"),
      lastEmailSentAt: at("2026-05-03T08:00:00Z"),
      // The latest open that names a device.
      lastOpenedDevice: "desktop",
    });
    expect(columns(await contact("ben"))).toMatchObject({
      lastOpenedAt: at("2026-05-03T09:00:00.123Z"),
      lastOpenedDevice: "mobile",
    });
    expect(columns(await contact("cy"))).toEqual({
      lastActivityAt: null,
      lastOpenedAt: null,
      lastClickedAt: null,
      lastEmailSentAt: at("2026-05-02T08:00:00Z"),
      lastOpenedDevice: null,
    });
    // No events at all: stale values are cleared.
    expect(columns(await contact("dee"))).toEqual({
      lastActivityAt: null,
      lastOpenedAt: null,
      lastClickedAt: null,
      lastEmailSentAt: null,
      lastOpenedDevice: null,
    });
    expect(columns(await contact("eve"))).toMatchObject({
      lastActivityAt: at("2026-05-03T09:00:00Z"),
      lastOpenedDevice: "desktop",
    });
  });

  it("agrees with a hand-written query over the events for every fixture contact", async () => {
    for (const name of ["ada", "ben", "cy", "dee", "eve"]) {
      const expected = await handWritten(name);
      expect(columns(await contact(name)), name).toEqual(expected);
    }
  });

  it("leaves other companies alone and writes nothing when nothing changed", async () => {
    expect((await contact("foreign")).lastOpenedAt).toEqual(at("2020-01-01T00:00:00Z"));
    expect(await refreshContactActivity(companyId)).toBe(0);
  });

  it("catches up when an older event arrives late", async () => {
    await addEvents([{ contact: "ben", type: "email_clicked", occurredAt: "2026-04-01T00:00:00Z" }]);
    expect(await refreshContactActivity(companyId, [ids.ben!])).toBe(1);
    const ben = await contact("ben");
    expect(ben.lastClickedAt).toEqual(at("2026-04-01T00:00:00Z"));
    expect(ben.lastActivityAt).toEqual(at("2026-05-03T09:00:00.123Z"));
  });

  it("ignores ids that are not contacts of the company", async () => {
    expect(await refreshContactActivity(companyId, ["not-a-uuid", ids.foreign!])).toBe(0);
    expect(await refreshContactActivity(companyId, [])).toBe(0);
    expect(await refreshContactActivity("not-a-uuid")).toBe(0);
    expect((await contact("foreign")).lastOpenedAt).toEqual(at("2020-01-01T00:00:00Z"));
  });
});

describe("refreshPreferredOpenTimes", () => {
  // "Today" is Wednesday 2026-07-15 (UTC); the window is 2026-04-16 .. 2026-07-15.
  const asOf = at("2026-07-15T12:00:00Z");

  beforeAll(async () => {
    const opens = (contact: string, times: string[]) =>
      times.map((occurredAt) => ({ contact, type: "email_opened" as const, occurredAt }));
    await addEvents([
      // New York in July is UTC-4: Mon 09:30, Tue 09:45, Fri 16:00. Hour 9; days tie -> MON.
      ...opens("ny", ["2026-07-13T13:30:00Z", "2026-07-14T13:45:00Z", "2026-07-10T20:00:00Z"]),
      // EST is PostgreSQL's fixed -05:00 abbreviation (not New York's summer time):
      // Tue 08:30, Tue 09:30, Wed 09:10 -> hour 9, TUE. Read as New York it would be 10.
      ...opens("est", ["2026-07-14T13:30:00Z", "2026-07-14T14:30:00Z", "2026-07-15T14:10:00Z"]),
      // Unknown to PostgreSQL: UTC. Sunday 23:30 and 23:50.
      ...opens("mars", ["2026-07-12T23:30:00Z", "2026-07-12T23:50:00Z"]),
      // Any letter case works: Los Angeles (UTC-7): Sun 20:00, Mon 20:00 -> 20, MON.
      ...opens("la", ["2026-07-13T03:00:00Z", "2026-07-14T03:00:00Z"]),
      // Hours 15 and 11 tie -> 11; the three 08:00 opens are older than 90 days.
      ...opens("ties", ["2026-07-13T15:00:00Z", "2026-07-14T11:00:00Z"]),
      ...opens("ties", ["2026-03-01T08:00:00Z", "2026-03-02T08:00:00Z", "2026-03-03T08:00:00Z"]),
      // Only old opens: cleared.
      ...opens("old", ["2026-01-10T10:00:00Z"]),
      // The window's first day counts (Thu 00:30), the day before does not.
      ...opens("edge", ["2026-04-16T00:30:00Z", "2026-04-15T23:30:00Z", "2026-04-15T23:40:00Z"]),
    ]);
  });

  it("finds the hour and weekday of most opens in the contact's timezone", async () => {
    await refreshPreferredOpenTimes(companyId, { asOf });
    const preferred = async (name: string) => {
      const c = await contact(name);
      return [c.preferredOpenHour, c.preferredOpenDay];
    };
    expect(await preferred("ny")).toEqual([9, "MON"]);
    expect(await preferred("est")).toEqual([9, "TUE"]);
    expect(await preferred("mars")).toEqual([23, "SUN"]);
    expect(await preferred("la")).toEqual([20, "MON"]);
    expect(await preferred("ties")).toEqual([11, "MON"]);
    expect(await preferred("old")).toEqual([null, null]);
    expect(await preferred("edge")).toEqual([0, "THU"]);
    // No opens at all: stays unset.
    expect(await preferred("cy")).toEqual([null, null]);
  });

  it("rewrites nothing on a second run, and can be limited to some contacts", async () => {
    expect(await refreshPreferredOpenTimes(companyId, { asOf })).toBe(0);
    await t.db.contact.updateMany({ where: { companyId }, data: { preferredOpenHour: 5 } });
    expect(await refreshPreferredOpenTimes(companyId, { asOf, contactIds: [ids.ny!, ids.est!] })).toBe(2);
    expect((await contact("ny")).preferredOpenHour).toBe(9);
    expect((await contact("la")).preferredOpenHour).toBe(5);
  });
});
