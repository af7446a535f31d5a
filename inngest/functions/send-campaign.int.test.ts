import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendCampaignFunction } from "@/inngest/functions/send-campaign";
import { startSending } from "@/lib/data/campaigns/campaign-sending";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let campaignId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  const segmentId = (await t.db.segment.create({ data: { companyId: alpha, name: "All", type: "STATIC" } })).id;
  await t.db.contact.createMany({
    data: Array.from({ length: 1203 }, (_, i) => ({ companyId: alpha, email: `c${i}@alpha.example` })),
  });
  const contacts = await t.db.contact.findMany({ where: { companyId: alpha }, select: { id: true } });
  await t.db.segmentMembership.createMany({
    data: contacts.map((c) => ({ companyId: alpha, segmentId, contactId: c.id, addedVia: "MANUAL" as const })),
  });
  campaignId = (await t.db.campaign.create({ data: { companyId: alpha, name: "Big send" } })).id;
  await t.db.campaignAudience.create({ data: { companyId: alpha, campaignId, segmentId, role: "INCLUDE" } });
});

afterAll(async () => {
  await t?.close();
});

describe("campaigns/send", () => {
  it("sends the frozen recipients in batches of 500, then marks the campaign sent", async () => {
    expect(await startSending(alpha, campaignId)).toEqual({ recipientCount: 1203, channel: "EMAIL" });
    const engine = new InngestTestEngine({
      function: sendCampaignFunction,
      events: [{ name: "campaign/send.requested", data: { companyId: alpha, campaignId } }],
    });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ campaignId, batches: 3, finished: true });
    const campaign = await t.db.campaign.findUniqueOrThrow({
      where: { companyId_id: { companyId: alpha, id: campaignId } },
    });
    expect(campaign).toMatchObject({ status: "SENT", sentCount: 1203, recipientCount: 1203 });
    expect(await t.db.contactEvent.count({ where: { companyId: alpha, campaignId, type: "email_delivered" } })).toBe(
      1203,
    );
  });
});
