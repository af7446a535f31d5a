import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDueCampaigns } from "@/inngest/dispatch/start-due-campaigns";
import { sendScheduledCampaigns } from "@/inngest/functions/send-scheduled-campaigns";
import type { Actor } from "@/lib/auth/authz";
import { getCampaignReport } from "@/lib/data/campaigns/campaign-report";
import { sendAllBatches, sendBatch, startSending } from "@/lib/data/campaigns/campaign-sending";
import { deleteSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  cancelCampaignAs,
  createCampaignAs,
  resumeSendingAs,
  scheduleCampaignAs,
  sendCampaignAs,
  setAudienceAs,
  unscheduleCampaignAs,
} from "./campaign-actions";

const RECIPIENTS = 12;
const MINUTE = 60_000;

let t: TestDatabase;
let alpha: string;
let beta: string;
let alphaSegment: string;
let betaSegment: string;

const actor = (companyId: string): Actor => ({
  userId: "00000000-0000-4000-8000-00000000000a",
  email: "someone@example.com",
  name: "Someone",
  role: "MEMBER",
  companyId,
});
let alice: Actor;
let bob: Actor;

const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);

async function campaignWithAudience(who: Actor, companyId: string, segmentId: string, name: string) {
  const created = await createCampaignAs(who, companyId, { name, channel: "email", subject: "Hi" });
  if (!created.ok) throw new Error(created.error);
  const audience = await setAudienceAs(who, companyId, created.data.id, { include: [segmentId] });
  if (!audience.ok) throw new Error(audience.error);
  return created.data.id;
}

async function statusOf(companyId: string, id: string) {
  return (await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId, id } } })).status;
}

/** email_sent events of the campaign per contact: every count must be 1. */
async function sentEventsPerContact(campaignId: string): Promise<number[]> {
  const groups = await t.db.contactEvent.groupBy({
    by: ["contactId"],
    where: { companyId: alpha, campaignId, type: "email_sent" },
    _count: { _all: true },
  });
  return groups.map((group) => group._count._all);
}

async function seedCompany(name: string, slug: string) {
  const companyId = (await t.db.company.create({ data: { name, slug } })).id;
  await t.db.contact.createMany({
    data: Array.from({ length: RECIPIENTS }, (_, i) => ({ companyId, email: `c${i}@${slug}.example` })),
  });
  const contacts = await t.db.contact.findMany({ where: { companyId }, select: { id: true } });
  const segmentId = (
    await t.db.segment.create({ data: { companyId, name: "Everyone", type: "STATIC", contactCount: RECIPIENTS } })
  ).id;
  await t.db.segmentMembership.createMany({
    data: contacts.map((c) => ({ companyId, segmentId, contactId: c.id, addedVia: "MANUAL" as const })),
  });
  return { companyId, segmentId };
}

beforeAll(async () => {
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_DEV;
  t = await createTestDatabase();
  setDb(t.db);
  ({ companyId: alpha, segmentId: alphaSegment } = await seedCompany("Alpha Co", "alpha"));
  ({ companyId: beta, segmentId: betaSegment } = await seedCompany("Beta Co", "beta"));
  alice = actor(alpha);
  bob = actor(beta);
});

afterAll(async () => {
  await t?.close();
});

describe("scheduling", () => {
  const now = new Date("2026-03-10T12:00:00Z");

  it("schedules a draft with an audience for a future time, and unschedules it back to a draft", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Later");
    const scheduledAt = at(now, 60);
    expect(
      await scheduleCampaignAs(
        alice,
        alpha,
        { campaignId: id, scheduledAt: scheduledAt.toISOString() },
        { demoMode: false, now },
      ),
    ).toEqual({ ok: true });
    const scheduled = await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: alpha, id } } });
    expect(scheduled).toMatchObject({ status: "SCHEDULED", scheduledAt });
    // Read-only while scheduled: its audience, and its segment's deletion.
    expect(await setAudienceAs(alice, alpha, id, { include: [] })).toMatchObject({ ok: false, code: "conflict" });
    await expect(deleteSegment(alpha, alphaSegment)).rejects.toThrow(/Later/);

    expect(await unscheduleCampaignAs(alice, alpha, id)).toEqual({ ok: true });
    expect(await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: alpha, id } } })).toMatchObject({
      status: "DRAFT",
      scheduledAt: null,
    });
    expect(await unscheduleCampaignAs(alice, alpha, id)).toMatchObject({ ok: false, code: "conflict" });
  });

  it("refuses a past time, a bad date, no audience and a campaign that is not a draft, with field errors", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Validation");
    const schedule = (campaignId: string, scheduledAt: string) =>
      scheduleCampaignAs(alice, alpha, { campaignId, scheduledAt }, { demoMode: false, now });
    expect(await schedule(id, at(now, -1).toISOString())).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: [{ path: ["scheduledAt"], message: "Choose a time in the future" }],
    });
    expect(await schedule(id, "tomorrow")).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: [{ path: ["scheduledAt"] }],
    });
    const empty = await createCampaignAs(alice, alpha, { name: "No audience" });
    if (!empty.ok) throw new Error(empty.error);
    expect(await schedule(empty.data.id, at(now, 60).toISOString())).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: [{ path: ["include"] }],
    });
    expect(await schedule(id, at(now, 60).toISOString())).toEqual({ ok: true });
    expect(await schedule(id, at(now, 90).toISOString())).toMatchObject({ ok: false, code: "conflict" });
    expect(await statusOf(alpha, empty.data.id)).toBe("DRAFT");
    await unscheduleCampaignAs(alice, alpha, id);
  });

  it("answers 'not found' for another company's campaign on every action", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Private");
    const attempts = [
      () =>
        scheduleCampaignAs(
          bob,
          beta,
          { campaignId: id, scheduledAt: at(now, 60).toISOString() },
          { demoMode: false, now },
        ),
      () => unscheduleCampaignAs(bob, beta, id),
      () => cancelCampaignAs(bob, beta, id),
      () => resumeSendingAs(bob, beta, id),
    ];
    for (const attempt of attempts) expect(await attempt()).toMatchObject({ ok: false, code: "not_found" });
    expect(await statusOf(alpha, id)).toBe("DRAFT");
  });
});

describe("sending due campaigns", () => {
  it("starts and sends the company's due campaigns only, not the later ones nor another company's", async () => {
    const now = new Date();
    const due = await campaignWithAudience(alice, alpha, alphaSegment, "Due");
    const later = await campaignWithAudience(alice, alpha, alphaSegment, "Not yet");
    const betaDue = await campaignWithAudience(bob, beta, betaSegment, "Beta due");
    const scheduleAt = async (who: Actor, companyId: string, id: string, minutes: number) =>
      expect(
        await scheduleCampaignAs(
          who,
          companyId,
          { campaignId: id, scheduledAt: at(now, minutes).toISOString() },
          { demoMode: false, now: at(now, -60) },
        ),
      ).toEqual({ ok: true });
    await scheduleAt(alice, alpha, due, -1);
    await scheduleAt(alice, alpha, later, 30);
    await scheduleAt(bob, beta, betaDue, -1);

    expect(await startDueCampaigns(alpha, { now })).toEqual([due]);
    expect(
      await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: alpha, id: due } } }),
    ).toMatchObject({ status: "SENT", recipientCount: RECIPIENTS, sentCount: RECIPIENTS, scheduledAt: null });
    expect(await sentEventsPerContact(due)).toEqual(Array(RECIPIENTS).fill(1));
    expect(await statusOf(alpha, later)).toBe("SCHEDULED");
    expect(await statusOf(beta, betaDue)).toBe("SCHEDULED");
    // Once started, a second look starts nothing.
    expect(await startDueCampaigns(alpha, { now })).toEqual([]);

    // The cron starts every company's due campaigns (here Beta's) and asks for their batches.
    const engine = new InngestTestEngine({
      function: sendScheduledCampaigns,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }],
      steps: [{ id: "request-sends", handler: () => ({ ids: [] }) }],
    });
    const { result, ctx, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ due: 1, started: 1 });
    expect(ctx.step.sendEvent.mock.calls.map(([, events]) => events)).toMatchObject([
      [{ name: "campaign/send.requested", data: { companyId: beta, campaignId: betaDue } }],
    ]);
    expect(
      await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: beta, id: betaDue } } }),
    ).toMatchObject({ status: "SENDING", recipientCount: RECIPIENTS });
    expect(await statusOf(alpha, later)).toBe("SCHEDULED");
    await cancelCampaignAs(alice, alpha, later);
    await cancelCampaignAs(bob, beta, betaDue);
  });
});

describe("cancelling", () => {
  it("cancels a scheduled campaign: nothing is frozen or sent", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Cancel me");
    const now = new Date();
    await scheduleCampaignAs(
      alice,
      alpha,
      { campaignId: id, scheduledAt: at(now, 60).toISOString() },
      { demoMode: false },
    );
    expect(await cancelCampaignAs(alice, alpha, id)).toEqual({ ok: true });
    expect(await statusOf(alpha, id)).toBe("CANCELLED");
    expect(await t.db.campaignRecipient.count({ where: { companyId: alpha, campaignId: id } })).toBe(0);
    expect(await startDueCampaigns(alpha, { now: at(now, 120) })).not.toContain(id);
    expect(await cancelCampaignAs(alice, alpha, id)).toMatchObject({ ok: false, code: "conflict" });
  });

  it("cancels a send: it stops after the batch under way and the report shows what was sent", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Stop sending");
    await startSending(alpha, id);
    expect(await sendBatch(alpha, id, { size: 5 })).toEqual({ sent: 5, remaining: RECIPIENTS - 5 });
    expect(await cancelCampaignAs(alice, alpha, id)).toEqual({ ok: true });
    await sendAllBatches(alpha, id, { size: 5 });
    expect(await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: alpha, id } } })).toMatchObject({
      status: "CANCELLED",
      sentCount: 5,
      recipientCount: RECIPIENTS,
      sentAt: null,
    });
    expect(await sentEventsPerContact(id)).toEqual(Array(5).fill(1));
    const report = await getCampaignReport(alpha, id);
    expect(report.total).toMatchObject({ recipients: 5, delivered: 5 });
  });
});

describe("idempotent sending", () => {
  it("sends each recipient exactly once when 'Send now' is clicked twice at once", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Double click");
    const results = await Promise.all([
      sendCampaignAs(alice, alpha, { campaignId: id }, { demoMode: false }),
      sendCampaignAs(alice, alpha, { campaignId: id }, { demoMode: false }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: "conflict" }]);
    expect(await statusOf(alpha, id)).toBe("SENT");
    expect(await sentEventsPerContact(id)).toEqual(Array(RECIPIENTS).fill(1));
  });

  it("sends each recipient exactly once when two senders work on one campaign at once", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Two workers");
    await startSending(alpha, id);
    await Promise.all([sendAllBatches(alpha, id, { size: 2 }), sendAllBatches(alpha, id, { size: 3 })]);
    expect(await statusOf(alpha, id)).toBe("SENT");
    expect(await sentEventsPerContact(id)).toEqual(Array(RECIPIENTS).fill(1));
  });

  it("resumes a stalled send with the recipients not sent yet, including a batch that died mid-way", async () => {
    const id = await campaignWithAudience(alice, alpha, alphaSegment, "Stalled");
    await startSending(alpha, id);
    await sendBatch(alpha, id, { size: 4 });
    // A batch claimed 3 recipients, then the server died before writing their events.
    await t.db.$executeRawUnsafe(
      `UPDATE "CampaignRecipient" SET "sentAt" = now() WHERE "campaignId" = $1::uuid AND "contactId" IN (
        SELECT "contactId" FROM "CampaignRecipient" WHERE "campaignId" = $1::uuid AND "sentAt" IS NULL ORDER BY "contactId" LIMIT 3)`,
      id,
    );
    // Not stalled yet: no resume.
    expect(await resumeSendingAs(alice, alpha, id)).toMatchObject({ ok: false, code: "conflict" });
    const now = new Date();
    await t.db.campaign.update({
      where: { companyId_id: { companyId: alpha, id } },
      data: { updatedAt: at(now, -11) },
    });
    expect(await resumeSendingAs(alice, alpha, id, { now })).toEqual({ ok: true, data: { mode: "inline" } });
    expect(await t.db.campaign.findUniqueOrThrow({ where: { companyId_id: { companyId: alpha, id } } })).toMatchObject({
      status: "SENT",
      sentCount: RECIPIENTS,
    });
    expect(await sentEventsPerContact(id)).toEqual(Array(RECIPIENTS).fill(1));
    expect(await resumeSendingAs(alice, alpha, id)).toMatchObject({ ok: false, code: "conflict" });
  });
});
