import { type Sql, sql } from "@prisma/client-runtime-utils";

/**
 * The floor: the same 8 definitions as plain SQL a DBA would write on the same tables
 * (correlated counts, NOT EXISTS, no engine tricks). Windows use the rules' UTC-day
 * boundaries, so the counts must equal the engine's.
 */

const DAY_MS = 86_400_000;

export function handWrittenCounts(companyId: string, staticSegmentId: string, now: Date): Record<string, Sql> {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  // Start of the UTC day n days before today.
  const d = (n: number) => sql`${new Date(today - n * DAY_MS).toISOString()}::timestamptz`;
  const co = sql`${companyId}::uuid`;
  const events = (type: string, extra: Sql = sql``) =>
    sql`SELECT count(*) FROM "ContactEvent" e WHERE e."companyId" = c."companyId" AND e."contactId" = c."id" AND e."type" = ${type}::"EventType" ${extra}`;
  const exists = (type: string, extra: Sql = sql``) =>
    sql`EXISTS (SELECT 1 FROM "ContactEvent" e WHERE e."companyId" = c."companyId" AND e."contactId" = c."id" AND e."type" = ${type}::"EventType" ${extra})`;
  const count = (where: Sql) =>
    sql`SELECT count(*)::int AS "n" FROM "Contact" c WHERE c."companyId" = ${co} AND ${where}`;
  const northAmerica = sql`c."country" IN ('United States', 'Canada')`;
  const notExcluded = sql`NOT (c."tags" && ARRAY['unqualified']) AND NOT coalesce((c."customFields"->>'bounced')::boolean, false)`;

  return {
    active: count(sql`c."lastOpenedAt" >= ${d(30)} AND c."subscriptionStatus" = 'ACTIVE'`),
    "highly-engaged": count(sql`c."lastActivityAt" >= ${d(7)}
      AND (${events("email_opened", sql`AND e."occurredAt" >= ${d(30)}`)}) >= 5
      AND (${events("email_clicked", sql`AND e."occurredAt" >= ${d(30)}`)}) >= 2`),
    inactive: count(sql`c."lastOpenedAt" < ${d(90)} AND c."subscriptionStatus" = 'ACTIVE'`),
    "never-engaged": count(sql`c."createdAt" < ${d(30)}
      AND NOT EXISTS (SELECT 1 FROM "ContactEvent" e WHERE e."companyId" = c."companyId" AND e."contactId" = c."id"
        AND e."type" IN ('email_opened', 'email_clicked'))`),
    "engaged-or-high-value": count(sql`${northAmerica}
      AND (((${events("email_opened", sql`AND e."occurredAt" >= ${d(30)}`)}) >= 3 AND ${exists("email_clicked", sql`AND e."occurredAt" >= ${d(30)}`)})
        OR (c."leadScore" >= 75 AND (c."customFields"->>'customer_ltv')::numeric >= 1000))
      AND ${notExcluded}`),
    "click-no-convert": count(sql`c."lastClickedAt" >= ${d(30)}
      AND (${events("email_clicked")}) >= 10 AND NOT ${exists("conversion")}`),
    "mobile-openers": count(sql`c."lastOpenedDevice" = 'mobile'
      AND (${events("email_opened", sql`AND e."device" = 'mobile'`)}) >= 5
      AND NOT ${exists("email_opened", sql`AND e."device" = 'desktop'`)}`),
    "ten-conditions": count(sql`c."subscriptionStatus" = 'ACTIVE' AND ${northAmerica}
      AND (${events("email_sent", sql`AND e."occurredAt" >= ${d(60)}`)}) >= 3
      AND (((${events("email_opened", sql`AND e."occurredAt" >= ${d(30)}`)}) >= 2
            AND (${events("email_clicked", sql`AND e."occurredAt" >= ${d(60)}`)}) >= 2)
        OR (c."leadScore" >= 60 AND c."lifecycleStage" IN ('MQL', 'SQL', 'CUSTOMER')))
      AND NOT EXISTS (SELECT 1 FROM "SegmentMembership" sm WHERE sm."companyId" = c."companyId"
        AND sm."segmentId" = ${staticSegmentId}::uuid AND sm."contactId" = c."id")
      AND ${notExcluded}`),
  };
}
