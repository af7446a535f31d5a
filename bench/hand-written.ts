import { type Sql, sql } from "@prisma/client-runtime-utils";
import { EVENT_TYPES, type EventType } from "@/lib/segments/engine/fields";

/**
 * The floor: the same 8 definitions as plain SQL a DBA would write on the same tables,
 * the engine's derived tables included, since the engine reads them too: the contacts'
 * narrow copy (ContactFacts: its columns, and a bit per event type for "never did X")
 * where a definition needs no other contact field, "Contact" where it reads custom fields;
 * the per-contact event summary (ContactEventSummary) for all-time and device conditions,
 * "n events in the last d days" as "the n-th latest time (recentAt) within d days"
 * (EXISTS, NOT EXISTS, no engine tricks). Windows use the rules' UTC-day boundaries; the seed writes no events after
 * today, so these need none of the engine's guards for later events, and the counts must
 * equal the engine's.
 */

const DAY_MS = 86_400_000;

export function handWrittenCounts(companyId: string, staticSegmentId: string, now: Date): Record<string, Sql> {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  // Start of the UTC day n days before today.
  const d = (n: number) => sql`${new Date(today - n * DAY_MS).toISOString()}::timestamptz`;
  const co = sql`${companyId}::uuid`;
  const summary = (type: string, extra: Sql = sql``) =>
    sql`EXISTS (SELECT 1 FROM "ContactEventSummary" s WHERE s."companyId" = c."companyId" AND s."contactId" = c."id" AND s."type" = ${type}::"EventType" ${extra})`;
  /** ≥ n (≤ 5) events of the type in the last `days` days: the n-th latest time is recent enough. */
  const recent = (type: string, n: number, days: number) =>
    summary(type, sql`AND s."recentAt"[${n}::int] >= ${d(days)}`);
  const count = (where: Sql) =>
    sql`SELECT count(*)::int AS "n" FROM "Contact" c WHERE c."companyId" = ${co} AND ${where}`;
  const countFacts = (where: Sql) =>
    sql`SELECT count(*)::int AS "n" FROM "ContactFacts" c WHERE c."companyId" = ${co} AND ${where}`;
  // The bit of an event type in ContactFacts."eventTypes": its position in the enum.
  const never = (type: EventType) => sql`c."eventTypes" & ${2 ** EVENT_TYPES.indexOf(type)}::int4 = 0`;
  const northAmerica = sql`c."country" IN ('United States', 'Canada')`;
  const notExcluded = sql`NOT (c."tags" && ARRAY['unqualified']) AND NOT coalesce((c."customFields"->>'bounced')::boolean, false)`;

  return {
    active: countFacts(sql`c."lastOpenedAt" >= ${d(30)} AND c."subscriptionStatus" = 'ACTIVE'`),
    "highly-engaged": countFacts(sql`c."lastActivityAt" >= ${d(7)}
      AND ${recent("email_opened", 5, 30)} AND ${recent("email_clicked", 2, 30)}`),
    // Selective, with an index on Contact (lastOpenedAt): "Contact" is the faster floor.
    inactive: count(sql`c."lastOpenedAt" < ${d(90)} AND c."subscriptionStatus" = 'ACTIVE'`),
    "never-engaged": countFacts(
      sql`c."createdAt" < ${d(30)} AND ${never("email_opened")} AND ${never("email_clicked")}`,
    ),
    "engaged-or-high-value": count(sql`${northAmerica}
      AND ((${summary("email_clicked", sql`AND s."lastAt" >= ${d(30)}`)} AND ${recent("email_opened", 3, 30)})
        OR (c."leadScore" >= 75 AND (c."customFields"->>'customer_ltv')::numeric >= 1000))
      AND ${notExcluded}`),
    "click-no-convert": countFacts(sql`c."lastClickedAt" >= ${d(30)}
      AND ${summary("email_clicked", sql`AND s."count" >= 10`)} AND ${never("conversion")}`),
    "mobile-openers": countFacts(sql`c."lastOpenedDevice" = 'mobile'
      AND ${summary("email_opened", sql`AND s."mobileCount" >= 5 AND s."desktopCount" = 0`)}`),
    "ten-conditions": count(sql`c."subscriptionStatus" = 'ACTIVE' AND ${northAmerica}
      AND ${recent("email_sent", 3, 60)}
      AND ((${recent("email_opened", 2, 30)} AND ${recent("email_clicked", 2, 60)})
        OR (c."leadScore" >= 60 AND c."lifecycleStage" IN ('MQL', 'SQL', 'CUSTOMER')))
      AND NOT EXISTS (SELECT 1 FROM "SegmentMembership" sm WHERE sm."companyId" = c."companyId"
        AND sm."segmentId" = ${staticSegmentId}::uuid AND sm."contactId" = c."id")
      AND ${notExcluded}`),
  };
}
