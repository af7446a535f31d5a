import "server-only";
import { empty, sql } from "@prisma/client-runtime-utils";
import type { NormalizedCampaignCreate } from "@/lib/campaigns/schema";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { CampaignChannel, CampaignStatus } from "@/lib/generated/prisma/enums";

export type CampaignDto = {
  id: string;
  name: string;
  channel: CampaignChannel;
  subject: string | null;
  status: CampaignStatus;
  scheduledAt: Date | null;
  sentAt: Date | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Where a page of campaigns starts: after this (createdAt, id), newest first. */
export type CampaignListKey = { createdAt: Date; id: string };

export type CampaignPage = { campaigns: CampaignDto[]; next: CampaignListKey | null };

const COLUMNS = sql`"id", "name", "channel", "subject", "status", "scheduledAt", "sentAt", "createdById", "createdAt", "updatedAt"`;

/**
 * The company's campaigns, newest first, `limit` at a time (keyset pagination on
 * (createdAt, id)); `q` finds a case-insensitive part of the name (% and _ are plain).
 */
export async function listCampaigns(
  companyId: string,
  options: { q?: string; after?: CampaignListKey; limit: number },
): Promise<CampaignPage> {
  if (!isUuid(companyId)) return { campaigns: [], next: null };
  const { q, after, limit } = options;
  const db = await getDb();
  const rows = await db.$queryRaw<CampaignDto[]>(sql`
    SELECT ${COLUMNS} FROM "Campaign"
    WHERE "companyId" = ${companyId}::uuid
      ${q ? sql`AND strpos(lower("name"), lower(${q})) > 0` : empty}
      ${after ? sql`AND ("createdAt", "id") < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : empty}
    ORDER BY "createdAt" DESC, "id" DESC
    LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit).map(toDto);
  const last = page[page.length - 1];
  return { campaigns: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** A new draft campaign of the company. */
export async function createCampaign(
  companyId: string,
  input: NormalizedCampaignCreate,
  createdById: string | null = null,
): Promise<CampaignDto> {
  const db = await getDb();
  return db.campaign.create({
    data: {
      companyId,
      name: input.name,
      channel: input.channel,
      subject: input.subject,
      status: "DRAFT",
      createdById: isUuid(createdById) ? createdById : null,
    },
    select: {
      id: true,
      name: true,
      channel: true,
      subject: true,
      status: true,
      scheduledAt: true,
      sentAt: true,
      createdById: true,
      createdAt: true,
      updatedAt: true,
    },
  });
}

const asDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

function toDto(row: CampaignDto): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    subject: row.subject,
    status: row.status,
    scheduledAt: asDate(row.scheduledAt),
    sentAt: asDate(row.sentAt),
    createdById: row.createdById,
    createdAt: asDate(row.createdAt) as Date,
    updatedAt: asDate(row.updatedAt) as Date,
  };
}
