import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import type { CampaignFigures, CampaignReport } from "@/lib/campaigns/report";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";

/**
 * What a campaign did, from its frozen recipients sent so far (a cancelled send: those
 * sent before it stopped) and the events that name it
 * (campaignId): per included segment a recipient was attributed to, and in total. A
 * deleted contact's recipient row stays, with what it did kept in deletedOutcome (its
 * events went with it: lib/data/contacts/contact-deletion.ts).
 * Every figure counts contacts (a contact who opened twice opened once):
 *   delivered / recipients; opens, clicks, unsubscribes and conversions / delivered;
 *   conversions = recipients with a purchase or conversion event of the campaign;
 *   revenue = the sum of those events' revenue.
 */

type Row = {
  segmentId: string | null;
  segmentName: string | null;
  definitionVersion: number | null;
  recipients: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  converted: number;
  revenue: string | number;
};

export async function getCampaignReport(companyId: string, campaignId: string): Promise<CampaignReport> {
  const empty: CampaignFigures = {
    recipients: 0,
    delivered: 0,
    opened: 0,
    clicked: 0,
    unsubscribed: 0,
    converted: 0,
    revenue: 0,
  };
  if (!isUuid(companyId) || !isUuid(campaignId)) return { total: empty, segments: [] };
  const db = await getDb();
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH acted AS (
      SELECT e."contactId",
        bool_or(e."type" = 'email_delivered') AS "delivered",
        bool_or(e."type" = 'email_opened') AS "opened",
        bool_or(e."type" = 'email_clicked') AS "clicked",
        bool_or(e."type" = 'unsubscribed') AS "unsubscribed",
        bool_or(e."type" IN ('purchase', 'conversion')) AS "converted",
        coalesce(sum(e."revenue") FILTER (WHERE e."type" IN ('purchase', 'conversion')), 0) AS "revenue"
      FROM "ContactEvent" e
      WHERE e."companyId" = ${companyId}::uuid AND e."campaignId" = ${campaignId}::text
      GROUP BY e."contactId"
    )
    SELECT r."segmentId", s."name" AS "segmentName", min(r."definitionVersion") AS "definitionVersion",
      count(*)::int AS "recipients",
      count(*) FILTER (WHERE coalesce(a."delivered", (r."deletedOutcome"->>'delivered')::boolean))::int AS "delivered",
      count(*) FILTER (WHERE coalesce(a."opened", (r."deletedOutcome"->>'opened')::boolean))::int AS "opened",
      count(*) FILTER (WHERE coalesce(a."clicked", (r."deletedOutcome"->>'clicked')::boolean))::int AS "clicked",
      count(*) FILTER (WHERE coalesce(a."unsubscribed", (r."deletedOutcome"->>'unsubscribed')::boolean))::int AS "unsubscribed",
      count(*) FILTER (WHERE coalesce(a."converted", (r."deletedOutcome"->>'converted')::boolean))::int AS "converted",
      coalesce(sum(coalesce(a."revenue", (r."deletedOutcome"->>'revenue')::numeric)), 0)::text AS "revenue"
    FROM "CampaignRecipient" r
    LEFT JOIN acted a ON a."contactId" = r."contactId"
    LEFT JOIN "Segment" s ON s."companyId" = r."companyId" AND s."id" = r."segmentId"
    WHERE r."companyId" = ${companyId}::uuid AND r."campaignId" = ${campaignId}::uuid AND r."sentAt" IS NOT NULL
    GROUP BY r."segmentId", s."name"
    ORDER BY count(*) DESC, s."name"`);
  const segments = rows.map((row) => ({ ...row, revenue: Number(row.revenue) }));
  const total = segments.reduce<CampaignFigures>(
    (sum, line) => ({
      recipients: sum.recipients + line.recipients,
      delivered: sum.delivered + line.delivered,
      opened: sum.opened + line.opened,
      clicked: sum.clicked + line.clicked,
      unsubscribed: sum.unsubscribed + line.unsubscribed,
      converted: sum.converted + line.converted,
      revenue: Math.round((sum.revenue + line.revenue) * 100) / 100,
    }),
    empty,
  );
  return { total, segments };
}

/** The campaigns that used a segment (for its page): newest first, with their role. */
export type CampaignOfSegment = {
  id: string;
  name: string;
  status: string;
  role: string;
  sentAt: Date | null;
  recipients: number;
};

export async function listCampaignsOfSegment(companyId: string, segmentId: string): Promise<CampaignOfSegment[]> {
  if (!isUuid(companyId) || !isUuid(segmentId)) return [];
  const db = await getDb();
  return db.$queryRaw(sql`
    SELECT c."id", c."name", c."status"::text AS "status", a."role"::text AS "role", c."sentAt",
      (SELECT count(*)::int FROM "CampaignRecipient" r
        WHERE r."companyId" = c."companyId" AND r."campaignId" = c."id" AND r."segmentId" = a."segmentId") AS "recipients"
    FROM "CampaignAudience" a
    JOIN "Campaign" c ON c."companyId" = a."companyId" AND c."id" = a."campaignId"
    WHERE a."companyId" = ${companyId}::uuid AND a."segmentId" = ${segmentId}::uuid
    ORDER BY c."createdAt" DESC, c."id" DESC
    LIMIT 50`);
}
