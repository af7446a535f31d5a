import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * engagementScore, engagementTrend and conversionLikelihood of every contact of a
 * company, from its events, with one set-based UPDATE (docs/jobs.md has the same text).
 *
 * Windows are UTC days ending "today" (the day of `asOf`, default now): the last 30 days
 * are today-29 .. today, the last 15 are today-14 .. today, the 15 before them are
 * today-29 .. today-15. "Activity" is what the contact did: email_opened, email_clicked,
 * page_visited, form_submitted, purchase, conversion (not sends, deliveries, bounces or
 * unsubscribes). Events after `asOf` are ignored.
 *
 * engagementScore (0-100), over the last 30 days:
 *   opens × 2 (at most 20) + clicks × 5 (at most 25) + page visits × 1 (at most 10)
 *   + form submissions × 5 (at most 15) + purchases and conversions × 10 (at most 20)
 *   + recency: 10 when the latest activity is in the last 7 days (today-6 .. today),
 *     5 when it is 8-14 days ago (today-13 .. today-7), else 0.
 *   The caps add up to 100.
 * engagementTrend: with R = activity events of the last 15 days and P = those of the 15
 *   days before: RISING when R > 1.3 × P + 1, DECLINING when R < 0.7 × P − 1, else STABLE
 *   (the ±1 keeps a single event from flipping a quiet contact).
 * conversionLikelihood, from the score and the last 30 days, first that holds:
 *   VERY_LIKELY  score ≥ 70 and (a purchase/conversion or at least 3 clicks)
 *   LIKELY       score ≥ 50, or a purchase/conversion
 *   POSSIBLE     score ≥ 20, or at least 1 click
 *   LOW          otherwise
 * A contact without activity in the last 30 days gets 0 / STABLE / LOW.
 *
 * Only contacts whose values change are written (IS DISTINCT FROM), so a nightly run
 * after the first writes few rows. Returns how many contacts changed.
 */
export async function computeEngagementScores(companyId: string, options: { asOf?: Date } = {}): Promise<number> {
  if (!isUuid(companyId)) return 0;
  const asOf = options.asOf ?? new Date();
  const query = Prisma.sql`
    WITH bounds AS MATERIALIZED (
      SELECT d AS "today",
        ((d - 29)::timestamp AT TIME ZONE 'UTC') AS "from",
        ((d - 14)::timestamp AT TIME ZONE 'UTC') AS "recentFrom",
        ((d - 6)::timestamp AT TIME ZONE 'UTC') AS "weekFrom",
        ((d - 13)::timestamp AT TIME ZONE 'UTC') AS "twoWeeksFrom",
        ${asOf.toISOString()}::timestamptz AS "asOf"
      FROM (SELECT (${asOf.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date AS d) t
    ),
    facts AS (
      SELECT e."contactId",
        count(*) FILTER (WHERE e."type" = 'email_opened') AS "opens",
        count(*) FILTER (WHERE e."type" = 'email_clicked') AS "clicks",
        count(*) FILTER (WHERE e."type" = 'page_visited') AS "visits",
        count(*) FILTER (WHERE e."type" = 'form_submitted') AS "forms",
        count(*) FILTER (WHERE e."type" IN ('purchase', 'conversion')) AS "conversions",
        count(*) FILTER (WHERE e."occurredAt" >= b."recentFrom") AS "recent",
        count(*) FILTER (WHERE e."occurredAt" < b."recentFrom") AS "earlier",
        max(e."occurredAt") AS "lastAt"
      FROM "ContactEvent" e CROSS JOIN bounds b
      WHERE e."companyId" = ${companyId}::uuid
        AND e."type" IN ('email_opened', 'email_clicked', 'page_visited', 'form_submitted', 'purchase', 'conversion')
        AND e."occurredAt" >= b."from" AND e."occurredAt" <= b."asOf"
      GROUP BY e."contactId"
    ),
    scored AS (
      SELECT f.*,
        least(20, 2 * f."opens") + least(25, 5 * f."clicks") + least(10, f."visits")
          + least(15, 5 * f."forms") + least(20, 10 * f."conversions")
          + CASE WHEN f."lastAt" >= b."weekFrom" THEN 10 WHEN f."lastAt" >= b."twoWeeksFrom" THEN 5 ELSE 0 END
          AS "score"
      FROM facts f CROSS JOIN bounds b
    ),
    fresh AS (
      SELECT c."id",
        least(100, coalesce(s."score", 0))::int AS "score", -- least() would ignore a NULL
        (CASE
          WHEN s."recent" > 1.3 * s."earlier" + 1 THEN 'RISING'
          WHEN s."recent" < 0.7 * s."earlier" - 1 THEN 'DECLINING'
          ELSE 'STABLE'
        END)::"EngagementTrend" AS "trend",
        (CASE
          WHEN s."score" >= 70 AND (s."conversions" > 0 OR s."clicks" >= 3) THEN 'VERY_LIKELY'
          WHEN s."score" >= 50 OR s."conversions" > 0 THEN 'LIKELY'
          WHEN s."score" >= 20 OR s."clicks" > 0 THEN 'POSSIBLE'
          ELSE 'LOW'
        END)::"ConversionLikelihood" AS "likelihood"
      FROM "Contact" c
      LEFT JOIN scored s ON s."contactId" = c."id"
      WHERE c."companyId" = ${companyId}::uuid
    )
    UPDATE "Contact" c SET
      "engagementScore" = f."score",
      "engagementTrend" = f."trend",
      "conversionLikelihood" = f."likelihood"
    FROM fresh f
    WHERE c."companyId" = ${companyId}::uuid AND c."id" = f."id"
      AND (c."engagementScore", c."engagementTrend", c."conversionLikelihood")
        IS DISTINCT FROM (f."score", f."trend", f."likelihood")`;
  const db = await getDb();
  // A whole company at once aggregates a month of events: give it memory, skip JIT.
  const [, , changed] = await db.$transaction(
    [db.$executeRaw`SET LOCAL work_mem = '128MB'`, db.$executeRaw`SET LOCAL jit = off`, db.$executeRaw(query)],
    { timeout: 30 * 60_000 },
  );
  return changed;
}
