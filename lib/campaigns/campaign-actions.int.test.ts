import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { writeDueEngagement } from "@/lib/data/campaigns/campaign-engagement";
import { getCampaignReport } from "@/lib/data/campaigns/campaign-report";
import { recalculateSegment } from "@/lib/data/segments/segment-recalculation";
import { createSegment, updateSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  audienceCountAs,
  createCampaignAs,
  sendCampaignAs,
  setAudienceAs,
  splitAudienceAs,
  updateCampaignDetailsAs,
} from "./campaign-actions";

let t: TestDatabase;
let alpha: string;
let beta: string;
let betaSegment: string;
const contact: Record<number, string> = {};
const segment: Record<string, string> = {};

const actor = (role: "MEMBER" | "ADMIN", companyId: string): Actor => ({
  userId: "00000000-0000-4000-8000-00000000000a",
  email: "someone@example.com",
  name: "Someone",
  role,
  companyId,
});
let alice: Actor;
let bob: Actor;
let admin: Actor;

const highScore = (min: number) => ({
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: min }] }],
});

async function staticSegment(companyId: string, name: string, members: number[]): Promise<string> {
  const id = (await t.db.segment.create({ data: { companyId, name, type: "STATIC", contactCount: members.length } }))
    .id;
  await t.db.segmentMembership.createMany({
    data: members.map((n) => ({ companyId, segmentId: id, contactId: contact[n]!, addedVia: "MANUAL" as const })),
  });
  return id;
}

async function draft(name: string, channel = "email"): Promise<string> {
  const created = await createCampaignAs(alice, alpha, { name, channel, subject: "Hello" });
  if (!created.ok) throw new Error(created.error);
  return created.data.id;
}

async function recipientsOf(campaignId: string) {
  const rows = await t.db.campaignRecipient.findMany({
    where: { companyId: alpha, campaignId },
    select: { contactId: true, segmentId: true, definitionVersion: true },
  });
  return rows.sort((a, b) => a.contactId.localeCompare(b.contactId));
}

beforeAll(async () => {
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_DEV;
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta Co", slug: "beta" } })).id;
  alice = actor("MEMBER", alpha);
  bob = actor("MEMBER", beta);
  admin = actor("ADMIN", beta);
  // Contacts 1..8; 4 bounced, 6 unsubscribed; lead score = 10 × n.
  for (let n = 1; n <= 8; n++) {
    const status = n === 4 ? "BOUNCED" : n === 6 ? "UNSUBSCRIBED" : "ACTIVE";
    contact[n] = (
      await t.db.contact.create({
        data: { companyId: alpha, email: `c${n}@alpha.example`, leadScore: 10 * n, subscriptionStatus: status },
      })
    ).id;
  }
  segment.A = await staticSegment(alpha, "A", [1, 2, 3, 4]);
  segment.B = await staticSegment(alpha, "B", [3, 4, 5, 6]);
  segment.X = await staticSegment(alpha, "X", [2, 5]);
  segment.D = (await createSegment(alpha, null, { name: "Over 50", type: "dynamic", rules: highScore(50) })).id;
  await recalculateSegment(alpha, segment.D, { trigger: "MANUAL" });
  const betaContact = (await t.db.contact.create({ data: { companyId: beta, email: "b@beta.example" } })).id;
  betaSegment = (await t.db.segment.create({ data: { companyId: beta, name: "Beta", type: "STATIC" } })).id;
  await t.db.segmentMembership.create({
    data: { companyId: beta, segmentId: betaSegment, contactId: betaContact, addedVia: "MANUAL" },
  });
});

afterAll(async () => {
  await t?.close();
});

describe("the audience count", () => {
  it("equals the hand count: A ∪ B (overlap 3, 4 once) − X − unsubscribed and bounced", async () => {
    const id = await draft("Count");
    const result = await setAudienceAs(alice, alpha, id, { include: [segment.A, segment.B], exclude: [segment.X] });
    // Included {1,2,3,4,5,6} = 6; excluded {2,5}; of {1,3,4,6}: 4 bounced, 6 unsubscribed → {1,3}.
    expect(result).toMatchObject({
      ok: true,
      data: { count: { included: 6, excluded: 2, unsubscribedOrBounced: 2, final: 2 } },
    });
    expect(await audienceCountAs(alice, alpha, id)).toEqual({
      ok: true,
      data: { included: 6, excluded: 2, unsubscribedOrBounced: 2, final: 2 },
    });
  });

  it("keeps unsubscribed and bounced contacts on a call list", async () => {
    const id = await draft("Calls", "call");
    const result = await setAudienceAs(alice, alpha, id, { include: [segment.B, segment.A], exclude: [segment.X] });
    expect(result).toMatchObject({ ok: true, data: { count: { included: 6, excluded: 2, final: 4 } } });
  });

  it("rejects a segment both included and excluded, and another company's segment", async () => {
    const id = await draft("Bad audience");
    expect(await setAudienceAs(alice, alpha, id, { include: [segment.A], exclude: [segment.A] })).toMatchObject({
      ok: false,
      code: "validation_error",
    });
    expect(await setAudienceAs(alice, alpha, id, { include: [betaSegment] })).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: [{ path: ["include", 0] }],
    });
  });
});

describe("splitting the audience", () => {
  it("deals the final audience into N static segments of equal size, none twice", async () => {
    const id = await draft("Split me", "call");
    await setAudienceAs(alice, alpha, id, { include: [segment.A, segment.B] }); // {1..6}
    const result = await splitAudienceAs(alice, alpha, { campaignId: id, parts: 3 });
    if (!result.ok) throw new Error(result.error);
    expect(result.data.map((part) => part.contactCount)).toEqual([2, 2, 2]);
    const members = await t.db.segmentMembership.findMany({
      where: { companyId: alpha, segmentId: { in: result.data.map((part) => part.id) } },
      select: { contactId: true },
    });
    expect(new Set(members.map((m) => m.contactId))).toEqual(new Set([1, 2, 3, 4, 5, 6].map((n) => contact[n])));
    expect(await splitAudienceAs(alice, alpha, { campaignId: id, parts: 1 })).toMatchObject({
      ok: false,
      code: "validation_error",
    });
  });
});

describe("sending", () => {
  it("freezes the recipients with their segment and version, writes the events and reports them", async () => {
    const id = await draft("Send");
    await setAudienceAs(alice, alpha, id, { include: [segment.A, segment.B], exclude: [segment.X] });
    const sent = await sendCampaignAs(alice, alpha, { campaignId: id }, { demoMode: false });
    expect(sent).toMatchObject({ ok: true, data: { mode: "inline", recipientCount: 2 } });
    expect(await recipientsOf(id)).toEqual(
      [1, 3]
        .map((n) => ({ contactId: contact[n], segmentId: segment.A, definitionVersion: 1 }))
        .sort((a, b) => a.contactId!.localeCompare(b.contactId!)),
    );
    const campaign = await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: alpha, id } } });
    expect(campaign).toMatchObject({ status: "SENT", recipientCount: 2, sentCount: 2 });
    const events = await t.db.contactEvent.groupBy({
      by: ["type"],
      where: { companyId: alpha, campaignId: id },
      _count: true,
    });
    expect(Object.fromEntries(events.map((e) => [e.type, e._count]))).toEqual({ email_sent: 2, email_delivered: 2 });
    // The events went through the events path: the contacts' activity columns follow.
    const one = await t.db.contact.findUniqueOrThrow({
      where: { companyId_id: { companyId: alpha, id: contact[1]! } },
    });
    expect(one.lastEmailSentAt).toEqual(campaign.sentAt);

    const report = await getCampaignReport(alpha, id);
    expect(report.total).toMatchObject({ recipients: 2, delivered: 2, opened: 0 });
    expect(report.segments).toEqual([
      expect.objectContaining({ segmentId: segment.A, segmentName: "A", recipients: 2 }),
    ]);
    // A sent campaign is no longer editable nor sendable.
    expect(await sendCampaignAs(alice, alpha, { campaignId: id }, { demoMode: false })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await updateCampaignDetailsAs(alice, alpha, id, { name: "Renamed" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  it("keeps the snapshot when the segment is edited and recalculated afterwards", async () => {
    const id = await draft("Snapshot");
    await setAudienceAs(alice, alpha, id, { include: [segment.D] }); // scores 60, 70, 80 active: 7, 8 (6 unsubscribed)
    await sendCampaignAs(alice, alpha, { campaignId: id }, { demoMode: false });
    const before = await recipientsOf(id);
    expect(before.map((r) => r.contactId).sort()).toEqual([contact[7], contact[8]].sort());

    await updateSegment(alpha, segment.D!, { rules: highScore(15) });
    await recalculateSegment(alpha, segment.D!, { trigger: "MANUAL" });
    expect(await t.db.segmentMembership.count({ where: { companyId: alpha, segmentId: segment.D } })).toBe(7);
    expect(await recipientsOf(id)).toEqual(before);
    expect(before.every((r) => r.definitionVersion === 1)).toBe(true);
    expect((await getCampaignReport(alpha, id)).total.recipients).toBe(2);
  });

  it("refuses an empty audience and leaves the draft as it was", async () => {
    const id = await draft("Nobody");
    expect(await sendCampaignAs(alice, alpha, { campaignId: id }, { demoMode: false })).toMatchObject({
      ok: false,
      code: "validation_error",
    });
    expect(await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: alpha, id } } })).toMatchObject({
      status: "DRAFT",
    });
  });

  it("simulates engagement only in demo mode, writing each due event once", async () => {
    const id = await draft("Demo");
    await setAudienceAs(alice, alpha, id, { include: [segment.A, segment.B] });
    await sendCampaignAs(alice, alpha, { campaignId: id, simulateEngagement: true }, { demoMode: true });
    const later = new Date(Date.now() + 8 * 86_400_000);
    const written = await writeDueEngagement(alpha, id, later);
    const engaged = await t.db.contactEvent.count({
      where: { companyId: alpha, campaignId: id, type: { notIn: ["email_sent", "email_delivered"] } },
    });
    expect(engaged).toBe(written);
    expect(await writeDueEngagement(alpha, id, later)).toBe(0);

    const plain = await draft("Not demo");
    await setAudienceAs(alice, alpha, plain, { include: [segment.A] });
    await sendCampaignAs(alice, alpha, { campaignId: plain, simulateEngagement: true }, { demoMode: false });
    expect(await writeDueEngagement(alpha, plain, later)).toBe(0);
  });
});

describe("authorization", () => {
  it("answers another company's member 'not found' on every action, and a forged scope 'forbidden'", async () => {
    const id = await draft("Private");
    const attempts = [
      () => updateCampaignDetailsAs(bob, beta, id, { name: "Stolen" }),
      () => setAudienceAs(bob, beta, id, { include: [betaSegment] }),
      () => audienceCountAs(bob, beta, id),
      () => splitAudienceAs(bob, beta, { campaignId: id, parts: 2 }),
      () => sendCampaignAs(bob, beta, { campaignId: id }, { demoMode: true }),
    ];
    for (const attempt of attempts) expect(await attempt()).toMatchObject({ ok: false, code: "not_found" });
    expect(await setAudienceAs(bob, alpha, id, { include: [segment.A] })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await audienceCountAs(bob, beta, "not-a-uuid")).toMatchObject({ ok: false, code: "not_found" });
    expect(await t.db.campaignAudience.count({ where: { companyId: alpha, campaignId: id } })).toBe(0);
  });

  it("lets a platform admin work on any company's campaign, with that company's segments only", async () => {
    const id = await draft("Admin edits");
    expect(await updateCampaignDetailsAs(admin, beta, id, { name: "Admin edited", channel: "call" })).toEqual({
      ok: true,
    });
    expect(await setAudienceAs(admin, beta, id, { include: [segment.A] })).toMatchObject({
      ok: true,
      data: { count: { final: 4 } },
    });
    expect(await setAudienceAs(admin, beta, id, { include: [betaSegment] })).toMatchObject({
      ok: false,
      code: "validation_error",
    });
  });

  it("creates campaigns only in the actor's company, with field errors for bad input", async () => {
    expect(await createCampaignAs(bob, alpha, { name: "Elsewhere" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createCampaignAs(alice, alpha, { name: "  ", channel: "fax" })).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: expect.arrayContaining([expect.objectContaining({ path: ["name"] })]),
    });
  });
});

describe("text PostgreSQL cannot store", () => {
  it("answers a NUL character in the name, subject or message with a field error, and a NUL id as not found", async () => {
    for (const [input, field] of [
      [{ name: "Spring\u0000" }, "name"],
      [{ name: "Spring", subject: "Hi\u0000" }, "subject"],
      [{ name: "Spring", message: "Body \ud800" }, "message"],
    ] as const) {
      const created = await createCampaignAs(alice, alpha, input);
      expect(created, JSON.stringify(input)).toMatchObject({ ok: false, code: "validation_error" });
      expect(created.ok === false && created.issues?.map((issue) => issue.path.join("."))).toContain(field);
    }
    const id = await draft("Clean");
    expect(await updateCampaignDetailsAs(alice, alpha, id, { name: "Re\u0000named" })).toMatchObject({
      ok: false,
      code: "validation_error",
    });
    expect(await updateCampaignDetailsAs(alice, alpha, `${id}\u0000`, { name: "Renamed" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
