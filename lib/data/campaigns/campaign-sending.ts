import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { SEND_STALL_MS } from "@/lib/campaigns/sending-state";
import { audienceIds, audienceQuery } from "@/lib/data/campaigns/campaign-audience";
import { recordEvents } from "@/lib/data/contacts/events";
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
 * 2. sendBatch, repeated: claims the next recipients not yet sent (marks them sent in one
 *    UPDATE ... FOR UPDATE SKIP LOCKED, so two senders of one campaign never take the same
 *    recipient), then writes their email_sent and email_delivered events through
 *    recordEvents (the events API's path, which also updates the contacts' activity
 *    columns); a failed write gives the claim back. The campaign's sentCount and updatedAt
 *    are the progress shown while SENDING (no progress for 10 minutes = stalled).
 * 3. finishSending: SENT, with sentAt.
 * Cancelling (status no longer SENDING) stops the loop after the batch under way.
 */

export const SEND_BATCH_SIZE = 500;

export type SendStart = { recipientCount: number; channel: CampaignChannel };

/**
 * `due`: start only a SCHEDULED campaign whose time is at or before it (the scheduler;
 * a campaign unscheduled or cancelled since it was listed is a conflict).
 */
export async function startSending(
  companyId: string,
  campaignId: string,
  options: { simulateEngagement?: boolean; due?: Date } = {},
): Promise<SendStart> {
  if (!isUuid(companyId) || !isUuid(campaignId)) throw new NotFoundError("Campaign not found");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: string; channel: CampaignChannel; due: boolean }[]>(sql`
      SELECT "status"::text AS "status", "channel"::text AS "channel",
        coalesce("scheduledAt" <= ${(options.due ?? new Date(0)).toISOString()}::timestamptz, false) AS "due"
      FROM "Campaign"
      WHERE "companyId" = ${companyId}::uuid AND "id" = ${campaignId}::uuid FOR UPDATE`);
    const campaign = locked[0];
    if (!campaign) throw new NotFoundError("Campaign not found");
    if (campaign.status !== "DRAFT" && campaign.status !== "SCHEDULED") {
      throw new ConflictError(`This campaign is ${campaign.status.toLowerCase()} already`);
    }
    if (options.due && (campaign.status !== "SCHEDULED" || !campaign.due)) {
      throw new ConflictError("This campaign is not scheduled to be sent yet");
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

  // The claim: marked sent before the events are written, so no other sender takes them.
  const batch = await db.$queryRaw<{ contactId: string }[]>(sql`
    WITH claim AS (
      SELECT "contactId" FROM "CampaignRecipient"
      WHERE "companyId" = ${companyId}::uuid AND "campaignId" = ${campaignId}::uuid AND "sentAt" IS NULL
        AND EXISTS (SELECT 1 FROM "Campaign" c
          WHERE c."companyId" = ${companyId}::uuid AND c."id" = ${campaignId}::uuid AND c."status" = 'SENDING')
      ORDER BY "contactId" LIMIT ${size}::int
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "CampaignRecipient" r SET "sentAt" = ${now.toISOString()}::timestamptz
    FROM claim
    WHERE r."companyId" = ${companyId}::uuid AND r."campaignId" = ${campaignId}::uuid
      AND r."contactId" = claim."contactId"
    RETURNING r."contactId"`);
  const ids = batch.map((row) => row.contactId);
  if (ids.length > 0 && campaign.channel === "EMAIL") {
    // Delivered a second after sending: the order a mail provider would report them in.
    const deliveredAt = new Date(now.getTime() + 1000).toISOString();
    const sentAt = now.toISOString();
    const events = ids.flatMap((contactId) => [
      { contactId, type: "email_sent", occurredAt: sentAt, campaignId },
      { contactId, type: "email_delivered", occurredAt: deliveredAt, campaignId },
    ]);
    try {
      await recordEvents(companyId, events);
    } catch (error) {
      await releaseClaims(companyId, campaignId, ids);
      throw error;
    }
  }
  const progress = await db.$queryRaw<{ sent: number; remaining: number }[]>(sql`
    UPDATE "Campaign" c SET "sentCount" = p."sent", "updatedAt" = clock_timestamp()
    FROM (
      SELECT count(*) FILTER (WHERE "sentAt" IS NOT NULL)::int AS "sent",
             count(*) FILTER (WHERE "sentAt" IS NULL)::int AS "remaining"
      FROM "CampaignRecipient" WHERE "companyId" = ${companyId}::uuid AND "campaignId" = ${campaignId}::uuid
    ) p
    WHERE c."companyId" = ${companyId}::uuid AND c."id" = ${campaignId}::uuid
    RETURNING p."sent", p."remaining"`);
  return { sent: ids.length, remaining: progress[0]?.remaining ?? 0 };
}

async function releaseClaims(companyId: string, campaignId: string, contactIds: string[]): Promise<void> {
  const db = await getDb();
  await db.$executeRaw(sql`
    UPDATE "CampaignRecipient" SET "sentAt" = NULL
    WHERE "companyId" = ${companyId}::uuid AND "campaignId" = ${campaignId}::uuid
      AND "contactId" = ANY(${contactIds}::uuid[])`);
}

/**
 * Takes over a stalled send (SENDING, no progress for SEND_STALL_MS): marks it as
 * progressing now, so a second "Resume" finds it not stalled, and gives back the claims of
 * a batch that died before its events were written (email recipients marked sent without
 * an email_sent event of the campaign; a deleted contact's events went with it, so its
 * row is kept as sent); the caller then sends the rest.
 */
export async function takeOverStalledSending(companyId: string, campaignId: string, now = new Date()): Promise<void> {
  if (!isUuid(companyId) || !isUuid(campaignId)) throw new NotFoundError("Campaign not found");
  const db = await getDb();
  const stalledBefore = new Date(now.getTime() - SEND_STALL_MS).toISOString();
  const taken = await db.$queryRaw<{ channel: CampaignChannel }[]>(sql`
    UPDATE "Campaign" SET "updatedAt" = ${now.toISOString()}::timestamptz
    WHERE "companyId" = ${companyId}::uuid AND "id" = ${campaignId}::uuid
      AND "status" = 'SENDING' AND "updatedAt" < ${stalledBefore}::timestamptz
    RETURNING "channel"::text AS "channel"`);
  if (taken.length === 0) {
    const exists = await db.campaign.count({ where: { companyId, id: campaignId } });
    if (exists === 0) throw new NotFoundError("Campaign not found");
    throw new ConflictError("This campaign is not a stalled send: reload the page");
  }
  if (taken[0]?.channel !== "EMAIL") return;
  await db.$executeRaw(sql`
    UPDATE "CampaignRecipient" r SET "sentAt" = NULL
    WHERE r."companyId" = ${companyId}::uuid AND r."campaignId" = ${campaignId}::uuid AND r."sentAt" IS NOT NULL
      AND r."contactDeletedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "ContactEvent" e
        WHERE e."companyId" = r."companyId" AND e."campaignId" = ${campaignId}::text
          AND e."type" = 'email_sent' AND e."contactId" = r."contactId")`);
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
export async function sendAllBatches(
  companyId: string,
  campaignId: string,
  options: { size?: number; now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  for (;;) {
    const { sent, remaining } = await sendBatch(companyId, campaignId, { size: options.size, now });
    if (remaining === 0 || sent === 0) break;
  }
  await finishSending(companyId, campaignId, now);
}

/**
 * A scheduled start that is skipped, not failed: started meanwhile (a conflict) or with
 * an audience that became empty (it stays SCHEDULED, shown as overdue, until edited).
 */
export function isSkippedStart(error: unknown, campaignId: string): boolean {
  if (error instanceof ConflictError) return true;
  if (error instanceof ValidationError) {
    console.warn(`Scheduled campaign ${campaignId} not started: ${error.message}`);
    return true;
  }
  return false;
}
