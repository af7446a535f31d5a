import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The contact columns that summarize its events (../shared/segment-rules.md), recomputed
 * from the events with one set-based UPDATE, so they are right whatever order the events
 * arrived in. Rows whose values are already right are not written (no churn, no bloat),
 * and the functions return how many contacts changed.
 *
 * Without contactIds they refresh the whole company (the seed, repairs); the events API
 * passes the contacts it touched.
 */

/** Ids that cannot be contacts are ignored; an empty list refreshes nobody. */
function contactFilter(column: Prisma.Sql, contactIds: string[] | undefined): Prisma.Sql {
  if (contactIds === undefined) return Prisma.empty;
  const ids = [...new Set(contactIds.filter(isUuid).map((id) => id.toLowerCase()))];
  return Prisma.sql`AND ${column} = ANY(${ids}::uuid[])`;
}

/** Whole-company refreshes aggregate millions of events: give them memory, skip JIT. */
async function run(query: Prisma.Sql, wholeCompany: boolean): Promise<number> {
  const db = await getDb();
  if (!wholeCompany) return db.$executeRaw(query);
  const [, , changed] = await db.$transaction(
    [db.$executeRaw`SET LOCAL work_mem = '128MB'`, db.$executeRaw`SET LOCAL jit = off`, db.$executeRaw(query)],
    { timeout: 30 * 60_000 },
  );
  return changed;
}

/**
 * lastActivityAt (latest email_opened, email_clicked, page_visited, form_submitted,
 * purchase or conversion), lastOpenedAt, lastClickedAt, lastEmailSentAt, and
 * lastOpenedDevice: the device of the latest email_opened that names one, ties at that
 * same instant going to desktop, then mobile, then tablet. A contact without such
 * events gets NULL.
 */
export async function refreshContactActivity(companyId: string, contactIds?: string[]): Promise<number> {
  if (!isUuid(companyId)) return 0;
  if (contactIds !== undefined && contactIds.length === 0) return 0;
  const onlyContacts = contactFilter(Prisma.sql`c."id"`, contactIds);
  const onlyEvents = contactFilter(Prisma.sql`e."contactId"`, contactIds);
  const query = Prisma.sql`
    WITH target AS (
      SELECT c."id" FROM "Contact" c WHERE c."companyId" = ${companyId}::uuid ${onlyContacts}
    ),
    facts AS (
      SELECT e."contactId",
        max(e."occurredAt") FILTER (WHERE e."type" IN
          ('email_opened', 'email_clicked', 'page_visited', 'form_submitted', 'purchase', 'conversion')) AS "lastActivityAt",
        max(e."occurredAt") FILTER (WHERE e."type" = 'email_opened') AS "lastOpenedAt",
        max(e."occurredAt") FILTER (WHERE e."type" = 'email_clicked') AS "lastClickedAt",
        max(e."occurredAt") FILTER (WHERE e."type" = 'email_sent') AS "lastEmailSentAt"
      FROM "ContactEvent" e
      WHERE e."companyId" = ${companyId}::uuid ${onlyEvents}
      GROUP BY e."contactId"
    ),
    devices AS (
      SELECT DISTINCT ON (e."contactId") e."contactId", e."device"
      FROM "ContactEvent" e
      WHERE e."companyId" = ${companyId}::uuid AND e."type" = 'email_opened' AND e."device" IS NOT NULL ${onlyEvents}
      ORDER BY e."contactId", e."occurredAt" DESC,
        CASE e."device" WHEN 'desktop' THEN 0 WHEN 'mobile' THEN 1 ELSE 2 END
    ),
    fresh AS (
      SELECT t."id", f."lastActivityAt", f."lastOpenedAt", f."lastClickedAt", f."lastEmailSentAt", d."device"
      FROM target t
      LEFT JOIN facts f ON f."contactId" = t."id"
      LEFT JOIN devices d ON d."contactId" = t."id"
    )
    UPDATE "Contact" c SET
      "lastActivityAt" = s."lastActivityAt",
      "lastOpenedAt" = s."lastOpenedAt",
      "lastClickedAt" = s."lastClickedAt",
      "lastEmailSentAt" = s."lastEmailSentAt",
      "lastOpenedDevice" = s."device"
    FROM fresh s
    WHERE c."companyId" = ${companyId}::uuid AND c."id" = s."id"
      AND (c."lastActivityAt", c."lastOpenedAt", c."lastClickedAt", c."lastEmailSentAt", c."lastOpenedDevice")
        IS DISTINCT FROM (s."lastActivityAt", s."lastOpenedAt", s."lastClickedAt", s."lastEmailSentAt", s."device")`;
  return run(query, contactIds === undefined);
}

/**
 * preferredOpenHour (0-23) and preferredOpenDay (MON..SUN): where most of the contact's
 * email_opened events of the last 90 days fall (UTC days today-90 .. today, like a
 * `lastDays: 90` window), read in the contact's timezone when PostgreSQL knows it (a name
 * from pg_timezone_names or an abbreviation from pg_timezone_abbrevs, any letter case),
 * else in UTC. Ties go to the earliest hour and the first weekday; no opens, NULL.
 * `asOf` fixes "today" (tests); the nightly engagement job calls it without.
 */
export async function refreshPreferredOpenTimes(
  companyId: string,
  options: { contactIds?: string[]; asOf?: Date } = {},
): Promise<number> {
  if (!isUuid(companyId)) return 0;
  const { contactIds, asOf } = options;
  if (contactIds !== undefined && contactIds.length === 0) return 0;
  const onlyContacts = contactFilter(Prisma.sql`c."id"`, contactIds);
  const today = asOf
    ? Prisma.sql`(${asOf.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date`
    : Prisma.sql`(now() AT TIME ZONE 'UTC')::date`;
  const query = Prisma.sql`
    WITH target AS MATERIALIZED (
      SELECT c."id", c."timezone" FROM "Contact" c WHERE c."companyId" = ${companyId}::uuid ${onlyContacts}
    ),
    known AS MATERIALIZED (
      SELECT lower(a."abbrev") AS "key", a."abbrev" AS "zone", 0 AS "rank" FROM pg_timezone_abbrevs a
      UNION ALL
      SELECT lower(n."name"), n."name", 1 FROM pg_timezone_names n
    ),
    zones AS MATERIALIZED (
      -- An abbreviation wins over a zone of the same name, as in AT TIME ZONE itself.
      SELECT DISTINCT ON (z."timezone") z."timezone", coalesce(k."zone", 'UTC') AS "zone"
      FROM (SELECT DISTINCT "timezone" FROM target WHERE "timezone" IS NOT NULL) z
      LEFT JOIN known k ON k."key" = lower(z."timezone")
      ORDER BY z."timezone", k."rank"
    ),
    bounds AS MATERIALIZED (
      SELECT ((${today} - 90)::timestamp AT TIME ZONE 'UTC') AS "from",
             ((${today} + 1)::timestamp AT TIME ZONE 'UTC') AS "until"
    ),
    opens AS MATERIALIZED (
      SELECT e."contactId", e."occurredAt" AT TIME ZONE coalesce(z."zone", 'UTC') AS "local"
      FROM "ContactEvent" e
      CROSS JOIN bounds b
      JOIN target t ON t."id" = e."contactId"
      LEFT JOIN zones z ON z."timezone" = t."timezone"
      WHERE e."companyId" = ${companyId}::uuid AND e."type" = 'email_opened'
        AND e."occurredAt" >= b."from" AND e."occurredAt" < b."until"
    ),
    best_hour AS (
      SELECT DISTINCT ON ("contactId") "contactId", "hour"
      FROM (SELECT "contactId", extract(hour FROM "local")::int AS "hour", count(*) AS n FROM opens GROUP BY 1, 2) h
      ORDER BY "contactId", n DESC, "hour"
    ),
    best_day AS (
      SELECT DISTINCT ON ("contactId") "contactId", "day"
      FROM (SELECT "contactId", extract(isodow FROM "local")::int AS "day", count(*) AS n FROM opens GROUP BY 1, 2) d
      ORDER BY "contactId", n DESC, "day"
    ),
    fresh AS (
      SELECT t."id", bh."hour",
        (ARRAY['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']::"Weekday"[])[bd."day"] AS "day"
      FROM target t
      LEFT JOIN best_hour bh ON bh."contactId" = t."id"
      LEFT JOIN best_day bd ON bd."contactId" = t."id"
    )
    UPDATE "Contact" c SET "preferredOpenHour" = s."hour", "preferredOpenDay" = s."day"
    FROM fresh s
    WHERE c."companyId" = ${companyId}::uuid AND c."id" = s."id"
      AND (c."preferredOpenHour", c."preferredOpenDay") IS DISTINCT FROM (s."hour", s."day")`;
  return run(query, contactIds === undefined);
}
