import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { segmentDailyAnalytics } from "@/inngest/functions/segment-daily-analytics";
import { companyAverages, computeSegmentAnalytics, getSegmentAnalytics } from "@/lib/data/segments/segment-analytics";
import { setDb } from "@/lib/db";
import type { EventType } from "@/lib/generated/prisma/enums";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let beta: string;
const contact: Record<string, string> = {};
const segment: Record<string, string> = {};

const DAY = "2026-03-10";
const at = (time: string) => new Date(`${DAY}T${time}Z`);

/** Every analytics row, comparable across runs (Decimal → string, Date → ISO). */
async function allRows() {
  const rows = await t.db.segmentAnalytics.findMany({ orderBy: [{ segmentId: "asc" }, { date: "asc" }] });
  return rows.map((row) => ({
    ...row,
    revenue: row.revenue.toString(),
    date: row.date.toISOString().slice(0, 10),
    computedAt: row.computedAt.toISOString(),
  }));
}

async function rowOf(name: string, day = DAY) {
  return t.db.segmentAnalytics.findFirst({
    where: { segmentId: segment[name], date: new Date(`${day}T00:00:00Z`) },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const [a, b] = await Promise.all([
    t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } }),
    t.db.company.create({ data: { name: "Beta Co", slug: "beta" } }),
  ]);
  alpha = a.id;
  beta = b.id;
  for (const [companyId, name] of [
    [alpha, "c1"],
    [alpha, "c2"],
    [alpha, "c3"],
    [alpha, "c4"],
    [alpha, "outsider"],
    [beta, "b1"],
  ] as const) {
    contact[name] = (await t.db.contact.create({ data: { companyId, email: `${name}@x.example` } })).id;
  }
  for (const [companyId, name, type] of [
    [alpha, "S1", "DYNAMIC"],
    [alpha, "S2", "STATIC"],
    [alpha, "S3 empty", "DYNAMIC"],
    [beta, "B1", "STATIC"],
  ] as const) {
    segment[name] = (await t.db.segment.create({ data: { companyId, name, type } })).id;
  }
  const members: [string, string, string][] = [
    [alpha, "S1", "c1"],
    [alpha, "S1", "c2"],
    [alpha, "S1", "c3"],
    [alpha, "S2", "c3"],
    [alpha, "S2", "c4"],
    [beta, "B1", "b1"],
  ];
  await t.db.segmentMembership.createMany({
    data: members.map(([companyId, s, c]) => ({
      companyId,
      segmentId: segment[s]!,
      contactId: contact[c]!,
      addedVia: "MANUAL" as const,
    })),
  });
  type Fixture = [who: string, type: EventType, when: Date, campaignId?: string | null, revenue?: string];
  const events: Fixture[] = [
    ["c1", "email_sent", at("09:00:00"), "camp1"],
    ["c1", "email_delivered", at("09:00:05"), "camp1"],
    ["c1", "email_opened", at("10:00:00"), "camp1"],
    ["c1", "email_opened", at("18:00:00"), "camp1"], // a second open of the same email: one unique open
    ["c1", "email_clicked", at("10:01:00"), "camp1"],
    ["c1", "purchase", at("10:05:00"), null, "50.00"],
    ["c2", "email_sent", at("09:00:00"), "camp1"],
    ["c2", "email_delivered", at("09:00:05"), "camp1"],
    ["c2", "email_opened", at("11:00:00"), "camp1"],
    ["c2", "unsubscribed", at("11:00:30"), "camp1"],
    ["c2", "unsubscribed", at("11:00:31"), "camp1"], // twice: one unsubscribed contact
    ["c3", "email_sent", at("00:00:00"), "camp1"], // the first instant of the day counts
    ["c3", "email_sent", at("12:00:00"), "camp2"],
    ["c3", "email_delivered", at("00:00:05"), "camp1"],
    ["c3", "email_delivered", at("12:00:05"), "camp2"],
    ["c3", "email_opened", at("13:00:00"), "camp1"],
    ["c3", "email_opened", at("13:00:00"), "camp2"],
    ["c3", "email_clicked", at("13:01:00"), "camp2"],
    ["c3", "email_clicked", at("13:02:00"), "camp2"],
    ["c3", "conversion", at("14:00:00"), null, "20.50"],
    ["c3", "purchase", at("15:00:00"), null, "10.00"],
    ["c4", "email_sent", at("12:00:00"), "camp2"],
    ["c4", "email_delivered", at("12:00:05"), "camp2"],
    ["c4", "page_visited", at("12:30:00")], // not an email or a conversion: ignored
    ["c4", "email_opened", new Date("2026-03-09T23:59:59.999Z"), "camp2"], // the day before
    ["c4", "email_opened", new Date("2026-03-11T00:00:00.000Z"), "camp2"], // the day after
    ["outsider", "email_opened", at("12:00:00"), "camp2"], // in no segment
    ["b1", "email_sent", at("12:00:00"), "camp9"], // another company
    ["b1", "email_delivered", at("12:00:01"), "camp9"],
    ["b1", "purchase", at("12:00:02"), null, "999.00"],
  ];
  await t.db.contactEvent.createMany({
    data: events.map(([who, type, occurredAt, campaignId, revenue]) => ({
      companyId: who === "b1" ? beta : alpha,
      contactId: contact[who]!,
      type,
      occurredAt,
      campaignId: campaignId ?? null,
      revenue: revenue ?? null,
    })),
  });
});

afterAll(async () => {
  await t?.close();
});

describe("computeSegmentAnalytics", () => {
  it("computes the hand-computed figures of each segment for the day", async () => {
    const written = await computeSegmentAnalytics(alpha, DAY);
    expect(written).toBe(3);
    const s1 = await rowOf("S1");
    expect(s1).toMatchObject({
      contactCount: 3,
      emailsSent: 4,
      delivered: 4,
      opened: 4, // c1 camp1, c2 camp1, c3 camp1 + camp2
      clicked: 2, // c1 camp1, c3 camp2
      unsubscribed: 1,
      conversions: 3,
      openRate: 1,
      clickRate: 0.5,
      unsubscribeRate: 0.25,
    });
    expect(s1!.revenue.toString()).toBe("80.5");
    expect(s1!.conversionRate).toBeCloseTo(2 / 3, 12); // c1 and c3 of 3 members

    const s2 = await rowOf("S2");
    expect(s2).toMatchObject({
      contactCount: 2,
      emailsSent: 3,
      delivered: 3,
      opened: 2,
      clicked: 1,
      unsubscribed: 0,
      conversions: 2,
      unsubscribeRate: 0,
      conversionRate: 0.5,
    });
    expect(s2!.revenue.toString()).toBe("30.5");
    expect(s2!.openRate).toBeCloseTo(2 / 3, 12);
    expect(s2!.clickRate).toBeCloseTo(1 / 3, 12);

    expect(await rowOf("S3 empty")).toMatchObject({
      contactCount: 0,
      emailsSent: 0,
      delivered: 0,
      opened: 0,
      conversions: 0,
      openRate: 0,
      conversionRate: 0,
    });
    // Only the company asked for.
    expect(await rowOf("B1")).toBeNull();
  });

  it("gives identical rows when run again, and writes nothing", async () => {
    const before = await allRows();
    expect(await computeSegmentAnalytics(alpha, DAY)).toBe(0);
    expect(await allRows()).toEqual(before);
  });

  it("follows the current membership when recomputed", async () => {
    await t.db.segmentMembership.delete({
      where: { companyId_segmentId_contactId: { companyId: alpha, segmentId: segment.S2!, contactId: contact.c3! } },
    });
    expect(await computeSegmentAnalytics(alpha, DAY)).toBe(1);
    expect(await rowOf("S2")).toMatchObject({
      contactCount: 1,
      emailsSent: 1,
      delivered: 1,
      opened: 0,
      conversions: 0,
    });
    await t.db.segmentMembership.create({
      data: { companyId: alpha, segmentId: segment.S2!, contactId: contact.c3!, addedVia: "MANUAL" },
    });
    expect(await computeSegmentAnalytics(alpha, DAY)).toBe(1);
  });

  it("rejects a malformed day and ignores a malformed company id", async () => {
    await expect(computeSegmentAnalytics(alpha, "2026-02-30")).rejects.toThrow("Invalid date");
    expect(await computeSegmentAnalytics("not-a-uuid", DAY)).toBe(0);
  });
});

describe("analytics/segment-daily", () => {
  it("backfills every day of a range for every segment of every company", async () => {
    await t.db.segmentAnalytics.deleteMany({});
    const backfill = () =>
      new InngestTestEngine({
        function: segmentDailyAnalytics,
        events: [{ name: "analytics/segment-daily.backfill", data: { from: "2026-03-09", to: "2026-03-11" } }],
      });
    const { result, error } = await backfill().execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ days: 3, companies: 2, rowsWritten: 12 });
    const rows = await allRows();
    const byDay = (day: string) =>
      rows
        .filter((row) => row.date === day)
        .map((row) => row.segmentId)
        .sort();
    const everySegment = Object.values(segment).sort();
    for (const day of ["2026-03-09", "2026-03-10", "2026-03-11"]) expect(byDay(day)).toEqual(everySegment);
    // The edges of the day: c4's opens at 23:59:59.999 the day before and 00:00 the day after.
    expect(await rowOf("S2", "2026-03-09")).toMatchObject({ opened: 1, delivered: 0, openRate: 0 });
    expect(await rowOf("S2", "2026-03-11")).toMatchObject({ opened: 1, delivered: 0, openRate: 0 });
    expect(await rowOf("B1")).toMatchObject({
      contactCount: 1,
      emailsSent: 1,
      delivered: 1,
      conversions: 1,
      conversionRate: 1,
    });
    expect((await rowOf("B1"))!.revenue.toString()).toBe("999");

    // Running the same backfill again leaves every row as it was.
    const before = await allRows();
    // (a new engine: one engine remembers the step results of its earlier runs)
    const again = await backfill().execute();
    expect(again.result).toEqual({ days: 3, companies: 2, rowsWritten: 0 });
    expect(await allRows()).toEqual(before);
  });

  it("computes the previous UTC day on the 02:00 schedule", async () => {
    await t.db.segmentAnalytics.deleteMany({});
    const engine = new InngestTestEngine({
      function: segmentDailyAnalytics,
      events: [
        { name: "inngest/scheduled.timer", data: { cron: "0 2 * * *" }, ts: Date.parse("2026-03-11T02:00:00Z") },
      ],
    });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ days: 1, companies: 2, rowsWritten: 4 });
    const rows = await allRows();
    expect(new Set(rows.map((row) => row.date))).toEqual(new Set([DAY]));
    expect(await rowOf("S1")).toMatchObject({ contactCount: 3, emailsSent: 4, opened: 4 });
  });

  it("refuses a range that ends before it starts", async () => {
    const engine = new InngestTestEngine({
      function: segmentDailyAnalytics,
      events: [{ name: "analytics/segment-daily.backfill", data: { from: "2026-03-11", to: "2026-03-09" } }],
    });
    const { error } = await engine.execute();
    expect(String((error as { message?: string })?.message ?? error)).toContain("Backfill range is empty");
  });
});

describe("chart queries", () => {
  it("returns a segment's days in order and the company's weighted averages", async () => {
    const today = new Date("2026-03-11T12:00:00Z");
    await computeSegmentAnalytics(alpha, "2026-03-09");
    const days = await getSegmentAnalytics(alpha, segment.S1!, 30, today);
    expect(days.map((day) => day.date)).toEqual(["2026-03-09", "2026-03-10"]);
    expect(days[1]).toMatchObject({ contactCount: 3, revenue: 80.5, openRate: 1, clickRate: 0.5 });
    // Another company's id finds nothing.
    expect(await getSegmentAnalytics(beta, segment.S1!, 30, today)).toEqual([]);
    // A window of one day (today only) has no rows yet.
    expect(await getSegmentAnalytics(alpha, segment.S1!, 1, today)).toEqual([]);

    const averages = await companyAverages(alpha, 30, today);
    // Rows of alpha: S1, S2, S3 on 03-09 and 03-10. Σdelivered = 4 + 3 = 7 (03-09 has none),
    // Σopened = 4 + 2 + 1 (S2 on 03-09), Σclicked = 2 + 1, Σunsubscribed = 1.
    expect(averages.rows).toBe(6);
    expect(averages.openRate).toBeCloseTo(7 / 7, 12);
    expect(averages.clickRate).toBeCloseTo(3 / 7, 12);
    expect(averages.unsubscribeRate).toBeCloseTo(1 / 7, 12);
    // Σ(conversionRate × members) / Σmembers = (2 + 1) / (3 + 2 + 0 + 3 + 2 + 0).
    expect(averages.conversionRate).toBeCloseTo(3 / 10, 12);
    expect(averages.contactCount).toBeCloseTo(10 / 6, 12);
  });
});
