import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { audienceIds, audienceQuery } from "@/lib/data/campaign-audience";
import { recordEvents } from "@/lib/data/events";
import { getDb } from "@/lib/db";
import { ConflictError, isUuid, NotFoundError, ValidationError } from "@/lib/errors";
import type { CampaignChannel } from "@/lib/generated/prisma/enums";

/**
 * Sending a campaign (simulated delivery: no mail provider is connected yet).
 *
 * 1. startSending freezes the audience: one INSERT ... SELECT writes the recipients, each
 *    with the included segment it came from and that segment's definition version, and
 *    the campaign becomes SENDING. Later edits or recalculations of the segments never
 *    touch these rows, so a sent campaign's report stays what it was.
 * 2. sendBatch, repeated: the next recipients not yet sent get email_sent and
 *    email_delivered events through recordEvents (the events API's path, which also
 *    updates the contacts' activity columns), then are marked sent; the campaign's
 *    sentCount is the progress shown while SENDING.
 * 3. finishSending: SENT, with sentAt.
 * A retried batch re-sends only recipients not marked sent; the report counts distinct
 * contacts, so a batch interrupted between its events and its mark never counts twice.
 */

export const SEND_BATCH_SIZE = 500;

export type SendStart = { recipientCount: number; channel: CampaignChannel };

export async function startSending(
  companyId: string,
  campaignId: string,
  options: { simulateEngagement?: boolean } = {},
): Promise<SendStart> {
  if (!isUuid(companyId) || !isUuid(campaignId)) throw new NotFoundError("Campaign not found");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: string; channel: CampaignChannel }[]>(sql`
      SELECT "status"::text AS "status", "channel"::text AS "channel" FROM "Campaign"
      WHERE "companyId" = ${companyId}::uuid AND "id" = ${campaignId}::uuid FOR UPDATE`);
    const campaign = locked[0];
    if (!campaign) throw new NotFoundError("Campaign not found");
    if (campaign.status !== "DRAFT" && campaign.status !== "SCHEDULED") {
      throw new ConflictError(`This campaign is ${campaign.status.toLowerCase()} already`);
    }
    const audience = await audienceIds(companyId, campaignId, tx);
    if (audience.include.length === 0) {
      throw new ValidationError("Choose at least one segment to include", [
        { path: ["include"], message: "Choose at least one segment" },
      ]);
    }
    // The segments' versions and sizes as they were when the audience was frozen.
    await tx.$executeRaw(sql`
      UPDATE "CampaignAudience" a SET "definitionVersion" = s."definitionVersion", "memberCount" = s."contactCount"
      FROM "Segment" s
      WHERE a."companyId" = ${companyId}::uuid AND a."campaignId" = ${campaignId}::uuid
        AND s."companyId" = a."companyId" AND s."id" = a."segmentId"`);
    const recipientCount = await tx.$executeRaw(sql`
      INSERT INTO "CampaignRecipient" ("companyId", "campaignId", "contactId", "segmentId", "definitionVersion")
      SELECT ${companyId}::uuid, ${campaignId}::uuid, a."contactId", a."segmentId", s."definitionVersion"
      FROM (${audienceQuery(companyId, audience, campaign.channel)}) a
      JOIN "Segment" s ON s."companyId" = ${companyId}::uuid AND s."id" = a."segmentId"`);
    if (recipientCount === 0) {
      throw new ValidationError("The audience is empty: nobody would receive this campaign", [
        { path: ["include"], message: "Nobody to send to" },
      ]);
    }
    await tx.campaign.update({
      where: { companyId_id: { companyId, id: campaignId } },
      data: {
        status: "SENDING",
        recipientCount,
        sentCount: 0,
        scheduledAt: null,
        simulateEngagement: options.simulateEngagement === true,
      },
    });
    return { recipientCount, channel: campaign.channel };
  });
}

export type BatchResult = { sent: number; remaining: number };

/** Sends the next `size` recipients not sent yet (in contact id order). */
export async function sendBatch(
  companyId: string,
  campaignId: string,
  options: { size?: number; now?: Date } = {},
): Promise<BatchResult> {
  const size = options.size ?? SEND_BATCH_SIZE;
  const now = options.now ?? new Date();
  const db = await getDb();
  const campaign = await db.campaign.findUnique({
    where: { companyId_id: { companyId, id: campaignId } },
    select: { status: true, channel: true },
  });
  if (!campaign) throw new NotFoundError("Campaign not found");
  if (campaign.status !== "SENDING") return { sent: 0, remaining: 0 };

  const batch = await db.$queryRaw<{ contactId: string }[]>(sql`
    SELECT "contactId" FROM "CampaignRecipient"
    WHERE "companyId" = ${companyId}::uuid AND "campaignId" = ${campaignId}::uuid AND "sentAt" IS NULL
    ORDER BY "contactId" LIMIT ${size}::int`);
  const ids = batch.map((row) => row.contactId);
  if (ids.length > 0 && campaign.channel === "EMAIL") {
    // Delivered a second after sending: the order a mail provider would report them in.
    const deliveredAt = new Date(now.getTime() + 1000).toISOString();
    const sentAt = now.toISOString();
    const events = ids.flatMap((contactId) => [
      { contactId, type: "email_sent", occurredAt: sentAt, campaignId },
      { contactId, type: "email_delivered", occurredAt: deliveredAt, campaignId },
    ]);
    await recordEvents(companyId, events);
  }
  if (ids.length > 0) {
    await db.$executeRaw(sql`
      UPDATE "CampaignRecipient" SET "sentAt" = ${now.toISOString()}::timestamptz
      WHERE "companyId" = ${companyId}::uuid AND "campaignId" = ${campaignId}::uuid
        AND "contactId" = ANY(${ids}::uuid[])`);
  }
  const progress = await db.$queryRaw<{ sent: number; remaining: number }[]>(sql`
    UPDATE "Campaign" c SET "sentCount" = p."sent"
    FROM (
      SELECT count(*) FILTER (WHERE "sentAt" IS NOT NULL)::int AS "sent",
             count(*) FILTER (WHERE "sentAt" IS NULL)::int AS "remaining"
      FROM "CampaignRecipient" WHERE "companyId" = ${companyId}::uuid AND "campaignId" = ${campaignId}::uuid
    ) p
    WHERE c."companyId" = ${companyId}::uuid AND c."id" = ${campaignId}::uuid
    RETURNING p."sent", p."remaining"`);
  return { sent: ids.length, remaining: progress[0]?.remaining ?? 0 };
}

/** SENDING → SENT once every recipient was sent; returns whether it is SENT now. */
export async function finishSending(companyId: string, campaignId: string, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.campaign.updateMany({
    where: { companyId, id: campaignId, status: "SENDING", recipients: { none: { sentAt: null } } },
    data: { status: "SENT", sentAt: now },
  });
  return count === 1;
}

/** Every batch, then SENT (the inline fallback and tests; Inngest runs the same steps). */
export async function sendAllBatches(companyId: string, campaignId: string, now = new Date()): Promise<void> {
  for (;;) {
    const { sent, remaining } = await sendBatch(companyId, campaignId, { now });
    if (remaining === 0 || sent === 0) break;
  }
  await finishSending(companyId, campaignId, now);
}
