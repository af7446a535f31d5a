import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { ConflictError, isUuid, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { ALL_COMPANIES } from "@/lib/segments/list-params";

/**
 * Scheduling and cancelling. DRAFT → SCHEDULED (a time in the future, an audience) →
 * back to DRAFT (unschedule), or on to SENDING when due (lib/data/campaigns/campaign-sending.ts,
 * started by the campaigns/send-scheduled cron or, without a worker, by viewing the
 * campaigns). SCHEDULED or SENDING → CANCELLED: a cancelled send stops after its batch
 * under way; what was sent stays recorded.
 */

async function statusOf(companyId: string, id: string): Promise<CampaignStatus> {
  const db = await getDb();
  const campaign = await db.campaign.findUnique({
    where: { companyId_id: { companyId, id } },
    select: { status: true },
  });
  if (!campaign) throw new NotFoundError("Campaign not found");
  return campaign.status;
}

/** Locks the campaign's row for the transaction and answers its status. */
async function lockStatus(tx: Prisma.TransactionClient, companyId: string, id: string): Promise<CampaignStatus> {
  const locked = await tx.$queryRaw<{ status: CampaignStatus }[]>(sql`
    SELECT "status"::text AS "status" FROM "Campaign"
    WHERE "companyId" = ${companyId}::uuid AND "id" = ${id}::uuid FOR UPDATE`);
  const status = locked[0]?.status;
  if (!status) throw new NotFoundError("Campaign not found");
  return status;
}

export async function scheduleCampaign(
  companyId: string,
  id: string,
  input: { scheduledAt: Date; simulateEngagement?: boolean },
  now = new Date(),
): Promise<void> {
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Campaign not found");
  if (input.scheduledAt.getTime() <= now.getTime()) {
    throw new ValidationError("Choose a time in the future", [
      { path: ["scheduledAt"], message: "Choose a time in the future" },
    ]);
  }
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const status = await lockStatus(tx, companyId, id);
    if (status !== "DRAFT") {
      throw new ConflictError(`This campaign is ${status.toLowerCase()}: only drafts can be scheduled`);
    }
    const included = await tx.campaignAudience.count({ where: { companyId, campaignId: id, role: "INCLUDE" } });
    if (included === 0) {
      throw new ValidationError("Choose at least one segment to include before scheduling", [
        { path: ["include"], message: "Choose at least one segment" },
      ]);
    }
    await tx.campaign.update({
      where: { companyId_id: { companyId, id } },
      data: {
        status: "SCHEDULED",
        scheduledAt: input.scheduledAt,
        simulateEngagement: input.simulateEngagement === true,
      },
    });
  });
}

/** SCHEDULED → DRAFT. */
export async function unscheduleCampaign(companyId: string, id: string): Promise<void> {
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Campaign not found");
  const db = await getDb();
  const { count } = await db.campaign.updateMany({
    where: { companyId, id, status: "SCHEDULED" },
    data: { status: "DRAFT", scheduledAt: null },
  });
  if (count === 0) {
    const status = await statusOf(companyId, id);
    throw new ConflictError(`This campaign is ${status.toLowerCase()}: only scheduled campaigns can be unscheduled`);
  }
}

/** SCHEDULED or SENDING → CANCELLED; returns the status it had. */
export async function cancelCampaign(companyId: string, id: string): Promise<CampaignStatus> {
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Campaign not found");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // The lock waits for a batch's progress write, so the batch under way finishes first.
    const status = await lockStatus(tx, companyId, id);
    if (status !== "SCHEDULED" && status !== "SENDING") {
      throw new ConflictError(`This campaign is ${status.toLowerCase()}: it cannot be cancelled`);
    }
    await tx.campaign.update({
      where: { companyId_id: { companyId, id } },
      data: { status: "CANCELLED", scheduledAt: null },
    });
    return status;
  });
}

export type DueCampaign = { companyId: string; id: string; simulateEngagement: boolean };

/**
 * SCHEDULED campaigns whose time has come, oldest first: of one company, or of every
 * company (ALL_COMPANIES: the cron, a platform job acting for no user; ids only).
 */
export async function listDueCampaigns(
  companyId: string | typeof ALL_COMPANIES,
  now = new Date(),
  limit = 100,
): Promise<DueCampaign[]> {
  if (companyId !== ALL_COMPANIES && !isUuid(companyId)) return [];
  const scope = companyId === ALL_COMPANIES ? sql`TRUE` : sql`"companyId" = ${companyId}::uuid`;
  const db = await getDb();
  return db.$queryRaw<DueCampaign[]>(sql`
    SELECT "companyId", "id", "simulateEngagement" FROM "Campaign"
    WHERE ${scope} AND "status" = 'SCHEDULED' AND "scheduledAt" <= ${now.toISOString()}::timestamptz
    ORDER BY "scheduledAt", "id" LIMIT ${limit}::int`);
}
