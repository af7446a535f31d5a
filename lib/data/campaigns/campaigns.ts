import "server-only";
import { empty, join, type Sql, sql } from "@prisma/client-runtime-utils";
import type { PagedResult } from "@/components/data-table/types";
import { type CampaignListParams, CampaignListParamsSchema, type CampaignSort } from "@/lib/campaigns/list-params";
import type { NormalizedCampaignCreate, NormalizedCampaignDetails } from "@/lib/campaigns/schema";
import { getDb } from "@/lib/db";
import { ConflictError, isUuid, NotFoundError, ValidationError } from "@/lib/errors";
import type { CampaignChannel, CampaignStatus } from "@/lib/generated/prisma/enums";
import { ALL_COMPANIES } from "@/lib/segments/list-params";

export type CampaignDto = {
  id: string;
  name: string;
  channel: CampaignChannel;
  subject: string | null;
  message: string | null;
  status: CampaignStatus;
  scheduledAt: Date | null;
  sentAt: Date | null;
  recipientCount: number;
  sentCount: number;
  simulateEngagement: boolean;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Where a page of campaigns starts: after this (createdAt, id), newest first. */
export type CampaignListKey = { createdAt: Date; id: string };

export type CampaignPage = { campaigns: CampaignDto[]; next: CampaignListKey | null };

const COLUMNS = sql`c."id", c."name", c."channel"::text AS "channel", c."subject", c."message",
  c."status"::text AS "status", c."scheduledAt", c."sentAt", c."recipientCount", c."sentCount",
  c."simulateEngagement", c."createdById", c."createdAt", c."updatedAt"`;

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
    SELECT ${COLUMNS} FROM "Campaign" c
    WHERE c."companyId" = ${companyId}::uuid
      ${q ? sql`AND strpos(lower(c."name"), lower(${q})) > 0` : empty}
      ${after ? sql`AND (c."createdAt", c."id") < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : empty}
    ORDER BY c."createdAt" DESC, c."id" DESC
    LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit).map(toDto);
  const last = page[page.length - 1];
  return { campaigns: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** A new draft campaign of the company. */
export async function createCampaign(
  companyId: string,
  input: NormalizedCampaignCreate & { message?: string | null },
  createdById: string | null = null,
): Promise<CampaignDto> {
  const db = await getDb();
  return db.campaign.create({
    data: {
      companyId,
      name: input.name,
      channel: input.channel,
      subject: input.subject,
      message: input.message ?? null,
      status: "DRAFT",
      createdById: isUuid(createdById) ? createdById : null,
    },
    select: CAMPAIGN_SELECT,
  });
}

const CAMPAIGN_SELECT = {
  id: true,
  name: true,
  channel: true,
  subject: true,
  message: true,
  status: true,
  scheduledAt: true,
  sentAt: true,
  recipientCount: true,
  sentCount: true,
  simulateEngagement: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;

const asDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

function toDto(row: CampaignDto): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    subject: row.subject,
    message: row.message,
    status: row.status,
    scheduledAt: asDate(row.scheduledAt),
    sentAt: asDate(row.sentAt),
    recipientCount: Number(row.recipientCount),
    sentCount: Number(row.sentCount),
    simulateEngagement: row.simulateEngagement,
    createdById: row.createdById,
    createdAt: asDate(row.createdAt) as Date,
    updatedAt: asDate(row.updatedAt) as Date,
  };
}

/** A line of the campaigns table: the campaign and, for "all companies", whose it is. */
export type CampaignRow = CampaignDto & { companyId: string; companyName: string };

const SORT_KEYS: Record<CampaignSort, Sql[]> = {
  name: [sql`lower(c."name")`, sql`c."name"`],
  status: [sql`c."status"::text`],
  sentAt: [sql`c."sentAt"`],
  createdAt: [sql`c."createdAt"`],
};

/**
 * A page of the company's campaigns ("all": every company's, for platform admins; the
 * caller decides who may ask), searched by name and sorted on the server.
 */
export async function listCampaignPage(
  companyId: string | typeof ALL_COMPANIES,
  params: CampaignListParams = {},
): Promise<PagedResult<CampaignRow>> {
  const parsed = CampaignListParamsSchema.safeParse(params);
  if (!parsed.success) throw new ValidationError("Invalid list parameters");
  const { q, sort, order, page, pageSize } = parsed.data;
  const none = { rows: [], page, pageSize, hasNextPage: false, total: { value: 0, exact: true } };
  if (companyId !== ALL_COMPANIES && !isUuid(companyId)) return none;
  const scope = companyId === ALL_COMPANIES ? sql`TRUE` : sql`c."companyId" = ${companyId}::uuid`;
  const where = sql`${scope} ${q ? sql`AND strpos(lower(c."name"), lower(${q})) > 0` : empty}`;
  const direction = order === "desc" ? sql`DESC NULLS LAST` : sql`ASC NULLS FIRST`;
  const orderBy = join(
    [...SORT_KEYS[sort], sql`c."id"`].map((key) => sql`${key} ${direction}`),
    ", ",
  );
  const db = await getDb();
  const [raw, counted] = await Promise.all([
    db.$queryRaw<(CampaignDto & { companyId: string; companyName: string })[]>(sql`
      SELECT c."companyId", co."name" AS "companyName", ${COLUMNS}
      FROM "Campaign" c JOIN "Company" co ON co."id" = c."companyId"
      WHERE ${where} ORDER BY ${orderBy} LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`),
    db.$queryRaw<{ n: number }[]>(sql`SELECT count(*)::int AS "n" FROM "Campaign" c WHERE ${where}`),
  ]);
  const hasNextPage = raw.length > pageSize;
  return {
    rows: raw
      .slice(0, pageSize)
      .map((row) => ({ ...toDto(row), companyId: row.companyId, companyName: row.companyName })),
    page,
    pageSize,
    hasNextPage,
    total: { value: Number(counted[0]?.n ?? 0), exact: true },
  };
}

/** One campaign of the company; null when not found, not a UUID or another company's. */
export async function getCampaign(companyId: string, id: string): Promise<CampaignDto | null> {
  if (!isUuid(companyId) || !isUuid(id)) return null;
  const db = await getDb();
  return db.campaign.findUnique({ where: { companyId_id: { companyId, id } }, select: CAMPAIGN_SELECT });
}

/**
 * The company a campaign belongs to, whichever it is. For platform admins only (a
 * campaign opened by id from another company): the caller must have checked that.
 */
export async function findCampaignCompanyId(id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const rows = await db.$queryRaw<{ companyId: string }[]>(sql`
    SELECT co."id" AS "companyId" FROM "Company" co
    WHERE EXISTS (SELECT 1 FROM "Campaign" c WHERE c."companyId" = co."id" AND c."id" = ${id}::uuid)
    LIMIT 1`);
  return rows[0]?.companyId ?? null;
}

/** Throws unless the campaign exists in the company and is still a draft. */
export async function requireDraft(companyId: string, id: string): Promise<CampaignDto> {
  const campaign = await getCampaign(companyId, id);
  if (!campaign) throw new NotFoundError("Campaign not found");
  if (campaign.status !== "DRAFT") {
    throw new ConflictError(`This campaign is ${campaign.status.toLowerCase()}: only drafts can be changed`);
  }
  return campaign;
}

/** Name, channel, subject and message of a draft. */
export async function updateCampaignDetails(
  companyId: string,
  id: string,
  input: NormalizedCampaignDetails,
): Promise<CampaignDto> {
  await requireDraft(companyId, id);
  const db = await getDb();
  // The status condition makes a send that started in between win over this edit.
  const { count } = await db.campaign.updateMany({
    where: { companyId, id, status: "DRAFT" },
    data: { name: input.name, channel: input.channel, subject: input.subject, message: input.message },
  });
  if (count === 0) throw new ConflictError("This campaign is no longer a draft");
  return (await getCampaign(companyId, id)) as CampaignDto;
}
