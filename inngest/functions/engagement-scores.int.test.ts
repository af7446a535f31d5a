import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementScores } from "@/inngest/functions/engagement-scores";
import { computeEngagementScores } from "@/lib/data/contacts/engagement-scores";
import { setDb } from "@/lib/db";
import type { EventType } from "@/lib/generated/prisma/enums";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let beta: string;
const contact: Record<string, string> = {};

/** "Today" of the fixture: the last 30 days are 03-02 .. 03-31. */
const AS_OF = new Date("2026-03-31T12:00:00Z");
const on = (day: string, time = "10:00:00") => new Date(`2026-03-${day}T${time}Z`);

type Fixture = [who: string, type: EventType, count: number, when: Date];

async function addEvents(companyId: string, fixtures: Fixture[]) {
  await t.db.contactEvent.createMany({
    data: fixtures.flatMap(([who, type, count, when]) =>
      Array.from({ length: count }, (_, i) => ({
        companyId,
        contactId: contact[who]!,
        type,
        // A minute apart, so repeated events stay in the same day.
        occurredAt: new Date(when.getTime() + i * 60_000),
      })),
    ),
  });
}

async function scoresOf(name: string) {
  return t.db.contact.findFirstOrThrow({
    where: { id: contact[name] },
    select: {
      engagementScore: true,
      engagementTrend: true,
      conversionLikelihood: true,
      preferredOpenHour: true,
      preferredOpenDay: true,
    },
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
  for (const name of ["heavy", "declining", "steady", "quiet", "old", "edge", "clicker"]) {
    contact[name] = (await t.db.contact.create({ data: { companyId: alpha, email: `${name}@x.example` } })).id;
  }
  // Values from before (the seed's, say) that the job must overwrite.
  await t.db.contact.update({
    where: { companyId_id: { companyId: alpha, id: contact.quiet! } },
    data: { engagementScore: 55, engagementTrend: "RISING", conversionLikelihood: "LIKELY" },
  });
  contact.other = (await t.db.contact.create({ data: { companyId: beta, email: "other@x.example" } })).id;

  await addEvents(alpha, [
    // heavy: everything in the last 15 days, latest today.
    ["heavy", "email_opened", 12, on("20")], // 24 → capped at 20
    ["heavy", "email_clicked", 6, on("21")], // 30 → capped at 25
    ["heavy", "page_visited", 3, on("22")], // 3
    ["heavy", "form_submitted", 1, on("23")], // 5
    ["heavy", "purchase", 1, on("31", "09:00:00")], // 10, recency +10
    ["heavy", "email_sent", 5, on("20")], // not activity
    // declining: active 03-05 only.
    ["declining", "email_opened", 4, on("05")], // 8
    ["declining", "email_clicked", 1, on("05")], // 5
    // steady: 16 events lately, 14 before; latest 03-20 (11 days ago: recency +5).
    ["steady", "email_opened", 3, on("18")],
    ["steady", "page_visited", 10, on("19")],
    ["steady", "form_submitted", 2, on("19")],
    ["steady", "conversion", 1, on("20")],
    ["steady", "email_opened", 2, on("10")],
    ["steady", "page_visited", 10, on("10")],
    ["steady", "form_submitted", 2, on("10")],
    // quiet: only sends and deliveries.
    ["quiet", "email_sent", 3, on("30")],
    ["quiet", "email_delivered", 3, on("30")],
    // old: just before the window, and after asOf (the future to this run).
    ["old", "email_clicked", 5, new Date("2026-03-01T23:55:00Z")],
    ["old", "email_clicked", 1, new Date("2026-03-31T13:00:00Z")],
    // edge: the first instant of the window.
    ["edge", "email_opened", 1, new Date("2026-03-02T00:00:00Z")],
    // clicker: busy before, one visit yesterday.
    ["clicker", "email_opened", 10, on("06")], // 20
    ["clicker", "email_clicked", 5, on("07")], // 25
    ["clicker", "page_visited", 9, on("08")],
    ["clicker", "form_submitted", 3, on("09")], // 15
    ["clicker", "page_visited", 1, on("30")], // visits 10; recency +10
  ]);
  await addEvents(beta, [["other", "email_clicked", 3, on("30")]]);
});

afterAll(async () => {
  await t?.close();
});

describe("computeEngagementScores", () => {
  it("matches the hand-computed score, trend and likelihood of each contact", async () => {
    const changed = await computeEngagementScores(alpha, { asOf: AS_OF });
    expect(changed).toBe(7);
    const expected = {
      heavy: { engagementScore: 73, engagementTrend: "RISING", conversionLikelihood: "VERY_LIKELY" },
      declining: { engagementScore: 13, engagementTrend: "DECLINING", conversionLikelihood: "POSSIBLE" },
      steady: { engagementScore: 50, engagementTrend: "STABLE", conversionLikelihood: "LIKELY" },
      quiet: { engagementScore: 0, engagementTrend: "STABLE", conversionLikelihood: "LOW" },
      old: { engagementScore: 0, engagementTrend: "STABLE", conversionLikelihood: "LOW" },
      edge: { engagementScore: 2, engagementTrend: "STABLE", conversionLikelihood: "LOW" },
      clicker: { engagementScore: 80, engagementTrend: "DECLINING", conversionLikelihood: "VERY_LIKELY" },
    } as const;
    for (const [name, values] of Object.entries(expected)) {
      expect(await scoresOf(name), name).toMatchObject(values);
    }
    // Another company's contact is left alone.
    expect(await scoresOf("other")).toMatchObject({ engagementScore: null, engagementTrend: null });
  });

  it("writes nothing when run again", async () => {
    expect(await computeEngagementScores(alpha, { asOf: AS_OF })).toBe(0);
  });

  it("moves with the window: later, the steady contact loses its recency bonus and declines", async () => {
    // On 04-04 its latest activity (03-20) is 15 days old: no bonus; all 30 events are now
    // in the earlier half (03-06 .. 03-20), none in the last 15 days.
    expect(await computeEngagementScores(alpha, { asOf: new Date("2026-04-04T12:00:00Z") })).toBeGreaterThan(0);
    expect(await scoresOf("steady")).toMatchObject({
      engagementScore: 45,
      engagementTrend: "DECLINING",
      conversionLikelihood: "LIKELY",
    });
  });
});

describe("contacts/engagement-scores", () => {
  it("scores every company and refreshes the preferred open times", async () => {
    const today = new Date();
    const yesterday = (hour: number) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, hour, 15));
    const recent = (await t.db.contact.create({ data: { companyId: beta, email: "recent@x.example" } })).id;
    contact.recent = recent;
    await addEvents(beta, [
      ["recent", "email_opened", 2, yesterday(7)],
      ["recent", "email_opened", 1, yesterday(19)],
    ]);
    const { result, error } = await new InngestTestEngine({ function: engagementScores }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ companies: 2 });
    // 3 opens (6) + latest yesterday (+10); all 3 in the last 15 days, none before.
    expect(await scoresOf("recent")).toMatchObject({
      engagementScore: 16,
      engagementTrend: "RISING",
      conversionLikelihood: "LOW",
      preferredOpenHour: 7,
      preferredOpenDay: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"][yesterday(7).getUTCDay()],
    });
    // Alpha's contacts were scored too (today, their March activity is long gone or old).
    expect((await scoresOf("quiet")).engagementScore).toBe(0);
  });
});
