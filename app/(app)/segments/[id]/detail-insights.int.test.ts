import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { companyAverages, segmentAnalyticsVsCompany } from "@/lib/data/segments/segment-analytics";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { computeAnalyticsNowAs, segmentOverlapAs } from "./insight-actions";
import { addStaticMembersAs, removeStaticMembersAs, searchContactsToAddAs } from "./static-member-actions";

let t: TestDatabase;
let alpha: string;
let beta: string;
let mia: Actor;
let bob: Actor;
const contact: Record<string, string> = {};
const segment: Record<string, string> = {};

const actor = (companyId: string, userId: string): Actor => ({
  userId,
  email: `${userId.slice(0, 4)}@example.com`,
  name: "M",
  role: "MEMBER",
  companyId,
});

async function membersOf(name: string): Promise<string[]> {
  const rows = await t.db.segmentMembership.findMany({
    where: { segmentId: segment[name] },
    select: { contact: { select: { email: true } } },
  });
  return rows.map((row) => row.contact.email.split("@")[0]!).sort();
}

beforeAll(async () => {
  // No Inngest configured: dependents are recalculated in the request.
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_DEV;
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta Co", slug: "beta" } })).id;
  const user = async (companyId: string, email: string) =>
    (await t.db.user.create({ data: { companyId, email, name: email, passwordHash: "x" } })).id;
  mia = actor(alpha, await user(alpha, "mia@alpha.example"));
  bob = actor(beta, await user(beta, "bob@beta.example"));
  const people: [string, string, string, string][] = [
    [alpha, "c1", "Ada", "Lovelace"],
    [alpha, "c2", "Alan", "Turing"],
    [alpha, "c3", "Grace", "Hopper"],
    [alpha, "c4", "Ada", "Palmer"],
    [alpha, "c5", "Linus", "Pauling"],
    [beta, "b1", "Ada", "Beta"],
  ];
  for (const [companyId, key, firstName, lastName] of people) {
    contact[key] = (
      await t.db.contact.create({
        data: { companyId, email: `${key}@${companyId === alpha ? "alpha" : "beta"}.example`, firstName, lastName },
      })
    ).id;
  }
  const make = async (companyId: string, name: string, type: "STATIC" | "DYNAMIC", rules?: object) => {
    segment[name] = (await t.db.segment.create({ data: { companyId, name, type, rules } })).id;
  };
  await make(alpha, "A", "STATIC");
  await make(alpha, "B", "STATIC");
  await make(alpha, "empty", "STATIC");
  await make(alpha, "in A", "DYNAMIC", {
    match: "all",
    groups: [{ match: "all", conditions: [{ field: "segment", operator: "in_segment", value: segment.A }] }],
  });
  await make(beta, "beta list", "STATIC");
  const members: [string, string, string][] = [
    [alpha, "A", "c1"],
    [alpha, "A", "c2"],
    [alpha, "A", "c3"],
    [alpha, "B", "c2"],
    [alpha, "B", "c3"],
    [alpha, "B", "c4"],
    [alpha, "B", "c5"],
    [beta, "beta list", "b1"],
  ];
  await t.db.segmentMembership.createMany({
    data: members.map(([companyId, s, c]) => ({
      companyId,
      segmentId: segment[s]!,
      contactId: contact[c]!,
      addedVia: "MANUAL" as const,
    })),
  });
});

afterAll(async () => {
  await t?.close();
});

describe("segmentOverlapAs", () => {
  it("counts the contacts two segments share, with each one's size", async () => {
    const result = await segmentOverlapAs(mia, alpha, { segmentId: segment.A, otherId: segment.B });
    expect(result).toEqual({
      ok: true,
      data: {
        segment: { id: segment.A, name: "A", size: 3 },
        other: { id: segment.B, name: "B", size: 4 },
        shared: 2,
      },
    });
    expect(await segmentOverlapAs(mia, alpha, { segmentId: segment.A, otherId: segment.empty })).toMatchObject({
      ok: true,
      data: { shared: 0, other: { size: 0 } },
    });
    expect(await segmentOverlapAs(mia, alpha, { segmentId: segment.A, otherId: segment.A })).toMatchObject({
      ok: true,
      data: { shared: 3 },
    });
  });

  it("answers not found for another company's segment, on either side", async () => {
    expect(await segmentOverlapAs(mia, alpha, { segmentId: segment.A, otherId: segment["beta list"] })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await segmentOverlapAs(bob, beta, { segmentId: segment.A, otherId: segment.B })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await segmentOverlapAs(mia, alpha, { segmentId: segment.A, otherId: "nope" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});

describe("adding and removing a static segment's members", () => {
  it("searches the company's contacts by name or email, saying who is already a member", async () => {
    const result = await searchContactsToAddAs(mia, alpha, { segmentId: segment.A, q: "ada" });
    expect(result).toEqual({
      ok: true,
      data: [
        { id: contact.c1, email: "c1@alpha.example", name: "Ada Lovelace", isMember: true },
        { id: contact.c4, email: "c4@alpha.example", name: "Ada Palmer", isMember: false },
      ],
    });
    expect(await searchContactsToAddAs(mia, alpha, { segmentId: segment.A, q: "C5@ALPHA" })).toMatchObject({
      ok: true,
      data: [{ email: "c5@alpha.example" }],
    });
    expect(await searchContactsToAddAs(bob, beta, { segmentId: segment.A, q: "ada" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("adds contacts, counts those already in it, and treats another company's contact as not found", async () => {
    const result = await addStaticMembersAs(mia, alpha, {
      segmentId: segment.A,
      contactIds: [contact.c4, contact.c1, contact.b1],
    });
    expect(result).toEqual({ ok: true, data: { added: 1, alreadyMembers: 1, notFound: 1 } });
    expect(await membersOf("A")).toEqual(["c1", "c2", "c3", "c4"]);
    expect((await t.db.segment.findFirstOrThrow({ where: { id: segment.A } })).contactCount).toBe(4);
    const added = await t.db.segmentMembership.findFirstOrThrow({
      where: { segmentId: segment.A, contactId: contact.c4 },
    });
    expect(added.addedVia).toBe("MANUAL");
    // The dynamic segment built on A followed (no Inngest server: recalculated in the request).
    expect(await membersOf("in A")).toEqual(["c1", "c2", "c3", "c4"]);
    expect(await membersOf("beta list")).toEqual(["b1"]);
  });

  it("removes the selected members and leaves the rest", async () => {
    const result = await removeStaticMembersAs(mia, alpha, {
      segmentId: segment.A,
      contactIds: [contact.c1, contact.c5, contact.b1],
    });
    expect(result).toEqual({ ok: true, data: { removed: 1 } });
    expect(await membersOf("A")).toEqual(["c2", "c3", "c4"]);
    expect((await t.db.segment.findFirstOrThrow({ where: { id: segment.A } })).contactCount).toBe(3);
    expect(await membersOf("in A")).toEqual(["c2", "c3", "c4"]);
  });

  it("refuses another company's actor or segment (not found), a dynamic segment and an empty pick", async () => {
    const pick = { segmentId: segment.A, contactIds: [contact.c5] };
    expect(await addStaticMembersAs(bob, beta, pick)).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeStaticMembersAs(bob, beta, { ...pick, contactIds: [contact.c2] })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await addStaticMembersAs(bob, alpha, pick)).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await addStaticMembersAs(mia, alpha, { segmentId: segment["beta list"], contactIds: [contact.c5] }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await addStaticMembersAs(mia, alpha, { segmentId: segment["in A"], contactIds: [contact.c5] }),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect(await addStaticMembersAs(mia, alpha, { segmentId: segment.A, contactIds: [] })).toMatchObject({
      ok: false,
      code: "validation_error",
    });
    expect(await membersOf("A")).toEqual(["c2", "c3", "c4"]);
    expect(await membersOf("beta list")).toEqual(["b1"]);
  });
});

describe("analytics against the company average", () => {
  const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
  const row = (companyId: string, segmentId: string, date: string, figures: Record<string, number>) => ({
    companyId,
    segmentId,
    date: day(date),
    contactCount: 0,
    ...figures,
  });

  it("gives each day of the segment the company's weighted average of that day", async () => {
    await t.db.segmentAnalytics.createMany({
      data: [
        row(alpha, segment.A!, "2026-03-09", {
          contactCount: 100,
          delivered: 10,
          opened: 5,
          clicked: 2,
          unsubscribed: 1,
          openRate: 0.5,
          clickRate: 0.2,
          unsubscribeRate: 0.1,
          conversionRate: 0.1,
        }),
        row(alpha, segment.B!, "2026-03-09", {
          contactCount: 300,
          delivered: 30,
          opened: 3,
          clicked: 0,
          unsubscribed: 0,
          openRate: 0.1,
          clickRate: 0,
          unsubscribeRate: 0,
          conversionRate: 0.2,
        }),
        row(alpha, segment.A!, "2026-03-10", {
          contactCount: 120,
          delivered: 0,
          opened: 0,
          openRate: 0,
          conversionRate: 0,
        }),
        // Another company's row never counts; a day outside the window neither.
        row(beta, segment["beta list"]!, "2026-03-09", {
          contactCount: 5000,
          delivered: 1000,
          opened: 1000,
          openRate: 1,
          conversionRate: 1,
        }),
        row(alpha, segment.A!, "2026-01-01", { contactCount: 1, delivered: 1, opened: 1, openRate: 1 }),
      ],
    });
    const days = await segmentAnalyticsVsCompany(alpha, segment.A!, 30, "2026-03-10");
    expect(days.map((d) => d.date)).toEqual(["2026-03-09", "2026-03-10"]);
    expect(days[0]).toMatchObject({ contactCount: 100, openRate: 0.5, delivered: 10, opened: 5 });
    // Σopened / Σdelivered = 8 / 40; clicks 2 / 40; unsubscribes 1 / 40;
    // conversion Σ(rate × size) / Σsize = (10 + 60) / 400; size: mean of 100 and 300.
    expect(days[0]!.company.openRate).toBeCloseTo(0.2, 10);
    expect(days[0]!.company.clickRate).toBeCloseTo(0.05, 10);
    expect(days[0]!.company.unsubscribeRate).toBeCloseTo(0.025, 10);
    expect(days[0]!.company.conversionRate).toBeCloseTo(0.175, 10);
    expect(days[0]!.company.contactCount).toBe(200);
    expect(days[1]!.company).toEqual({
      contactCount: 120,
      openRate: 0,
      clickRate: 0,
      unsubscribeRate: 0,
      conversionRate: 0,
    });
    expect(await segmentAnalyticsVsCompany(beta, segment.A!, 30, "2026-03-10")).toEqual([]);

    // The window's company figures: over the 3 rows of 2026-03-09 and -10.
    const window = await companyAverages(alpha, 30, day("2026-03-10"));
    expect(window).toMatchObject({ rows: 3 });
    expect(window.openRate).toBeCloseTo(8 / 40, 10);
    expect(window.conversionRate).toBeCloseTo(70 / 520, 10);
  });

  it("computes the last 30 days now, for the segment's company only, and again changes nothing", async () => {
    const occurredAt = new Date("2026-04-19T10:00:00Z");
    await t.db.contactEvent.createMany({
      data: [
        { companyId: alpha, contactId: contact.c2!, type: "email_delivered", occurredAt },
        { companyId: alpha, contactId: contact.c2!, type: "email_opened", occurredAt },
        { companyId: alpha, contactId: contact.c4!, type: "email_delivered", occurredAt },
      ],
    });
    const now = new Date("2026-04-20T08:00:00Z");
    const first = await computeAnalyticsNowAs(mia, alpha, segment.A, now);
    // 4 segments of Alpha × 30 days (2026-03-21 … 2026-04-19).
    expect(first).toEqual({ ok: true, data: { days: 30, written: 120 } });
    const days = await segmentAnalyticsVsCompany(alpha, segment.A!, 30, "2026-04-19");
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toMatchObject({ date: "2026-04-19", contactCount: 3, delivered: 2, opened: 1, openRate: 0.5 });
    expect(await t.db.segmentAnalytics.count({ where: { companyId: beta } })).toBe(1);
    expect(await computeAnalyticsNowAs(mia, alpha, segment.A, now)).toEqual({
      ok: true,
      data: { days: 30, written: 0 },
    });
    expect(await computeAnalyticsNowAs(bob, beta, segment.A, now)).toMatchObject({ ok: false, code: "not_found" });
  });
});
