import "server-only";
import { getDb } from "@/lib/db";
import { isUuid, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { type EventType, REVENUE_EVENT_TYPES } from "@/lib/segments/engine/fields";

/**
 * Daily segment analytics: one SegmentAnalytics row per segment per UTC day, computed
 * from the events of that day of the segment's CURRENT members (docs/jobs.md).
 *
 * For segment S and day D (00:00 to 24:00 UTC), over the events of D whose contact is a
 * member of S when the computation runs:
 *   contactCount    = members of S at computation time
 *   emailsSent      = email_sent events
 *   delivered       = email_delivered events
 *   opened          = unique opens: distinct (contact, campaign) pairs of email_opened
 *                     events (an event without a campaign counts once per contact)
 *   clicked         = unique clicks, the same way over email_clicked events
 *   unsubscribed    = contacts with an unsubscribed event
 *   conversions     = purchase and conversion events
 *   revenue         = sum of the revenue of those purchase and conversion events
 *   openRate        = opened / delivered        (0 when delivered = 0)
 *   clickRate       = clicked / delivered       (0 when delivered = 0)
 *   unsubscribeRate = unsubscribed / delivered  (0 when delivered = 0)
 *   conversionRate  = contacts with a purchase or conversion / contactCount (0 without members)
 * Rates are fractions (0.25 = 25%); an open of an email delivered the day before counts
 * on the day of the open, so a day's open rate can exceed 1.
 */

/** The event type each figure counts, typed by the catalog: a renamed type fails to compile. */
const FIGURE_EVENT_TYPE = {
  sent: "email_sent",
  delivered: "email_delivered",
  opened: "email_opened",
  clicked: "email_clicked",
  unsubscribed: "unsubscribed",
} as const satisfies Record<string, EventType>;

const eventTypeList = (types: readonly EventType[]) =>
  Prisma.sql`(${Prisma.join(types.map((type) => Prisma.sql`${type}::"EventType"`))})`;
/** Conversions are the events that carry revenue. */
const CONVERSION_TYPES = eventTypeList(REVENUE_EVENT_TYPES);
/** Only the types some figure counts are read (page visits alone outnumber the rest). */
const COUNTED_TYPES = eventTypeList([...Object.values(FIGURE_EVENT_TYPE), ...REVENUE_EVENT_TYPES]);

/** A UTC calendar day as YYYY-MM-DD. */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Normalizes a Date (its UTC day) or a YYYY-MM-DD string; rejects anything else. */
export function toIsoDay(value: Date | string): IsoDay {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new ValidationError("Invalid date", [{ path: ["date"], message: "is not a date" }]);
    return value.toISOString().slice(0, 10);
  }
  const match = ISO_DAY.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new ValidationError("Invalid date", [{ path: ["date"], message: "must be a date YYYY-MM-DD" }]);
  }
  return value;
}

/** The UTC days from `from` to `to`, both included, in order (empty when from > to). */
export function daysBetween(from: Date | string, to: Date | string): IsoDay[] {
  const start = new Date(`${toIsoDay(from)}T00:00:00.000Z`).getTime();
  const end = new Date(`${toIsoDay(to)}T00:00:00.000Z`).getTime();
  const days: IsoDay[] = [];
  for (let t = start; t <= end; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The UTC day before the given instant's UTC day (what the 02:00 cron computes). */
export function previousUtcDay(now: Date = new Date()): IsoDay {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1)).toISOString().slice(0, 10);
}

/**
 * Every company id, for the nightly jobs. Cross-company by design (a platform job that
 * acts for no user); each id is then used as the companyId of company-scoped calls.
 */
export async function listCompaniesForAnalytics(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.company.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((row) => row.id);
}

/**
 * Computes (or recomputes) the analytics rows of every segment of the company for one
 * UTC day with one set-based upsert. Idempotent: rows whose figures are unchanged are
 * not written at all (computedAt stays), so running it twice leaves identical rows.
 * Returns how many rows were inserted or changed.
 */
export async function computeSegmentAnalytics(companyId: string, date: Date | string): Promise<number> {
  if (!isUuid(companyId)) return 0;
  const day = toIsoDay(date);
  const db = await getDb();
  const query = Prisma.sql`
    INSERT INTO "SegmentAnalytics" AS a (
      "companyId", "segmentId", "date", "contactCount", "emailsSent", "delivered", "opened", "clicked",
      "unsubscribed", "conversions", "revenue", "openRate", "clickRate", "unsubscribeRate", "conversionRate", "computedAt"
    )
    WITH bounds AS (
      SELECT (${day}::date)::timestamp AT TIME ZONE 'UTC' AS "from",
             (${day}::date + 1)::timestamp AT TIME ZONE 'UTC' AS "until"
    ),
    per_contact AS (
      SELECT e."contactId",
        count(*) FILTER (WHERE e."type" = ${FIGURE_EVENT_TYPE.sent}::"EventType") AS "sent",
        count(*) FILTER (WHERE e."type" = ${FIGURE_EVENT_TYPE.delivered}::"EventType") AS "delivered",
        count(DISTINCT coalesce(e."campaignId", '')) FILTER (WHERE e."type" = ${FIGURE_EVENT_TYPE.opened}::"EventType") AS "opened",
        count(DISTINCT coalesce(e."campaignId", '')) FILTER (WHERE e."type" = ${FIGURE_EVENT_TYPE.clicked}::"EventType") AS "clicked",
        bool_or(e."type" = ${FIGURE_EVENT_TYPE.unsubscribed}::"EventType") AS "unsubscribed",
        count(*) FILTER (WHERE e."type" IN ${CONVERSION_TYPES}) AS "conversions",
        coalesce(sum(e."revenue") FILTER (WHERE e."type" IN ${CONVERSION_TYPES}), 0) AS "revenue"
      FROM "ContactEvent" e CROSS JOIN bounds b
      WHERE e."companyId" = ${companyId}::uuid
        AND e."occurredAt" >= b."from" AND e."occurredAt" < b."until"
        AND e."type" IN ${COUNTED_TYPES}
      GROUP BY e."contactId"
    ),
    per_segment AS (
      SELECT m."segmentId",
        sum(p."sent") AS "sent", sum(p."delivered") AS "delivered",
        sum(p."opened") AS "opened", sum(p."clicked") AS "clicked",
        count(*) FILTER (WHERE p."unsubscribed") AS "unsubscribed",
        sum(p."conversions") AS "conversions", sum(p."revenue") AS "revenue",
        count(*) FILTER (WHERE p."conversions" > 0) AS "converted"
      FROM per_contact p
      JOIN "SegmentMembership" m ON m."companyId" = ${companyId}::uuid AND m."contactId" = p."contactId"
      GROUP BY m."segmentId"
    ),
    sizes AS (
      SELECT m."segmentId", count(*) AS "members" FROM "SegmentMembership" m
      WHERE m."companyId" = ${companyId}::uuid GROUP BY m."segmentId"
    ),
    figures AS (
      SELECT s."id" AS "segmentId",
        coalesce(z."members", 0) AS "members",
        coalesce(p."sent", 0) AS "sent", coalesce(p."delivered", 0) AS "delivered",
        coalesce(p."opened", 0) AS "opened", coalesce(p."clicked", 0) AS "clicked",
        coalesce(p."unsubscribed", 0) AS "unsubscribed", coalesce(p."conversions", 0) AS "conversions",
        coalesce(p."revenue", 0) AS "revenue", coalesce(p."converted", 0) AS "converted"
      FROM "Segment" s
      LEFT JOIN sizes z ON z."segmentId" = s."id"
      LEFT JOIN per_segment p ON p."segmentId" = s."id"
      WHERE s."companyId" = ${companyId}::uuid
    )
    SELECT ${companyId}::uuid, f."segmentId", ${day}::date,
      f."members"::int, f."sent"::int, f."delivered"::int, f."opened"::int, f."clicked"::int,
      f."unsubscribed"::int, f."conversions"::int, f."revenue"::numeric(14, 2),
      CASE WHEN f."delivered" > 0 THEN f."opened"::float8 / f."delivered" ELSE 0 END,
      CASE WHEN f."delivered" > 0 THEN f."clicked"::float8 / f."delivered" ELSE 0 END,
      CASE WHEN f."delivered" > 0 THEN f."unsubscribed"::float8 / f."delivered" ELSE 0 END,
      CASE WHEN f."members" > 0 THEN f."converted"::float8 / f."members" ELSE 0 END,
      now()
    FROM figures f
    ON CONFLICT ("companyId", "segmentId", "date") DO UPDATE SET
      "contactCount" = EXCLUDED."contactCount", "emailsSent" = EXCLUDED."emailsSent",
      "delivered" = EXCLUDED."delivered", "opened" = EXCLUDED."opened", "clicked" = EXCLUDED."clicked",
      "unsubscribed" = EXCLUDED."unsubscribed", "conversions" = EXCLUDED."conversions",
      "revenue" = EXCLUDED."revenue", "openRate" = EXCLUDED."openRate", "clickRate" = EXCLUDED."clickRate",
      "unsubscribeRate" = EXCLUDED."unsubscribeRate", "conversionRate" = EXCLUDED."conversionRate",
      "computedAt" = EXCLUDED."computedAt"
    WHERE (a."contactCount", a."emailsSent", a."delivered", a."opened", a."clicked", a."unsubscribed",
           a."conversions", a."revenue", a."openRate", a."clickRate", a."unsubscribeRate", a."conversionRate")
      IS DISTINCT FROM
          (EXCLUDED."contactCount", EXCLUDED."emailsSent", EXCLUDED."delivered", EXCLUDED."opened",
           EXCLUDED."clicked", EXCLUDED."unsubscribed", EXCLUDED."conversions", EXCLUDED."revenue",
           EXCLUDED."openRate", EXCLUDED."clickRate", EXCLUDED."unsubscribeRate", EXCLUDED."conversionRate")`;
  // One statement per company and day; a big company's day aggregates many events.
  const [, , written] = await db.$transaction(
    [db.$executeRaw`SET LOCAL work_mem = '64MB'`, db.$executeRaw`SET LOCAL jit = off`, db.$executeRaw(query)],
    { timeout: 10 * 60_000 },
  );
  return written;
}

/** One day of a segment's analytics, for charts. */
export type SegmentAnalyticsDay = {
  date: IsoDay;
  contactCount: number;
  emailsSent: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  conversions: number;
  revenue: number;
  openRate: number;
  clickRate: number;
  unsubscribeRate: number;
  conversionRate: number;
};

/** The first UTC day of a window of `days` days ending today (UTC). */
function windowStart(days: number, today: Date): Date {
  const span = Math.min(Math.max(Math.trunc(days), 1), 3660);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (span - 1)));
}

/**
 * The segment's daily rows of the last `days` UTC days (today included), oldest first.
 * Days without a row (not computed yet) are absent, not zero.
 */
export async function getSegmentAnalytics(
  companyId: string,
  segmentId: string,
  days = 30,
  today: Date = new Date(),
): Promise<SegmentAnalyticsDay[]> {
  if (!isUuid(companyId) || !isUuid(segmentId)) return [];
  const db = await getDb();
  const rows = await db.segmentAnalytics.findMany({
    where: { companyId, segmentId, date: { gte: windowStart(days, today) } },
    orderBy: { date: "asc" },
  });
  return rows.map((row) => ({
    date: row.date.toISOString().slice(0, 10),
    contactCount: row.contactCount,
    emailsSent: row.emailsSent,
    delivered: row.delivered,
    opened: row.opened,
    clicked: row.clicked,
    unsubscribed: row.unsubscribed,
    conversions: row.conversions,
    revenue: Number(row.revenue),
    openRate: row.openRate,
    clickRate: row.clickRate,
    unsubscribeRate: row.unsubscribeRate,
    conversionRate: row.conversionRate,
  }));
}

/** The company's rates over a window, to draw beside one segment's (docs/jobs.md). */
export type CompanyAnalyticsAverages = {
  days: number;
  /** How many segment-day rows the averages are made of (0: nothing computed yet). */
  rows: number;
  openRate: number;
  clickRate: number;
  unsubscribeRate: number;
  conversionRate: number;
  /** Mean segment size over those rows. */
  contactCount: number;
};

/**
 * Weighted averages over every segment-day row of the company in the last `days` UTC
 * days: openRate = Σopened / Σdelivered, clickRate = Σclicked / Σdelivered,
 * unsubscribeRate = Σunsubscribed / Σdelivered, conversionRate = Σ(conversionRate ×
 * contactCount) / ΣcontactCount; each 0 when its denominator is 0. Weighted so that
 * small or idle segments do not drag the average.
 */
export async function companyAverages(
  companyId: string,
  days = 30,
  today: Date = new Date(),
): Promise<CompanyAnalyticsAverages> {
  const span = Math.min(Math.max(Math.trunc(days), 1), 3660);
  const empty = {
    days: span,
    rows: 0,
    openRate: 0,
    clickRate: 0,
    unsubscribeRate: 0,
    conversionRate: 0,
    contactCount: 0,
  };
  if (!isUuid(companyId)) return empty;
  const db = await getDb();
  const [row] = await db.$queryRaw<
    {
      rows: number;
      delivered: number;
      opened: number;
      clicked: number;
      unsubscribed: number;
      members: number;
      converted: number;
    }[]
  >`
    SELECT count(*)::int AS "rows",
      coalesce(sum("delivered"), 0)::float8 AS "delivered", coalesce(sum("opened"), 0)::float8 AS "opened",
      coalesce(sum("clicked"), 0)::float8 AS "clicked", coalesce(sum("unsubscribed"), 0)::float8 AS "unsubscribed",
      coalesce(sum("contactCount"), 0)::float8 AS "members",
      coalesce(sum("conversionRate" * "contactCount"), 0)::float8 AS "converted"
    FROM "SegmentAnalytics"
    WHERE "companyId" = ${companyId}::uuid AND "date" >= ${windowStart(span, today).toISOString().slice(0, 10)}::date`;
  if (!row || row.rows === 0) return empty;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    days: span,
    rows: row.rows,
    openRate: ratio(row.opened, row.delivered),
    clickRate: ratio(row.clicked, row.delivered),
    unsubscribeRate: ratio(row.unsubscribed, row.delivered),
    conversionRate: ratio(row.converted, row.members),
    contactCount: ratio(row.members, row.rows),
  };
}

/** One day of a segment beside the company's average of that day, for the detail page's charts. */
export type SegmentAnalyticsComparisonDay = {
  date: IsoDay;
  contactCount: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  openRate: number;
  clickRate: number;
  unsubscribeRate: number;
  conversionRate: number;
  /** The company's averages over all its segments' rows of the same day (weighted as companyAverages). */
  company: {
    /** Mean segment size. */
    contactCount: number;
    openRate: number;
    clickRate: number;
    unsubscribeRate: number;
    conversionRate: number;
  };
};

/**
 * The segment's rows of the `days` UTC days ending `lastDay` (included), oldest first, each
 * with the company's average of that day: openRate = Σopened / Σdelivered, clickRate =
 * Σclicked / Σdelivered, unsubscribeRate = Σunsubscribed / Σdelivered, conversionRate =
 * Σ(conversionRate × contactCount) / ΣcontactCount over the company's segment rows of the
 * day, contactCount their mean. Days the segment has no row for are absent.
 */
export async function segmentAnalyticsVsCompany(
  companyId: string,
  segmentId: string,
  days = 30,
  lastDay: Date | string = new Date(),
): Promise<SegmentAnalyticsComparisonDay[]> {
  if (!isUuid(companyId) || !isUuid(segmentId)) return [];
  const to = toIsoDay(lastDay);
  const from = windowStart(days, new Date(`${to}T00:00:00.000Z`))
    .toISOString()
    .slice(0, 10);
  const db = await getDb();
  const rows = await db.$queryRaw<
    (Omit<SegmentAnalyticsComparisonDay, "company"> & {
      companySize: number;
      companyOpenRate: number;
      companyClickRate: number;
      companyUnsubscribeRate: number;
      companyConversionRate: number;
    })[]
  >`
    WITH company AS (
      SELECT "date",
        avg("contactCount")::float8 AS "size",
        CASE WHEN sum("delivered") > 0 THEN sum("opened")::float8 / sum("delivered") ELSE 0 END AS "openRate",
        CASE WHEN sum("delivered") > 0 THEN sum("clicked")::float8 / sum("delivered") ELSE 0 END AS "clickRate",
        CASE WHEN sum("delivered") > 0 THEN sum("unsubscribed")::float8 / sum("delivered") ELSE 0 END AS "unsubscribeRate",
        CASE WHEN sum("contactCount") > 0
          THEN sum("conversionRate" * "contactCount")::float8 / sum("contactCount") ELSE 0 END AS "conversionRate"
      FROM "SegmentAnalytics"
      WHERE "companyId" = ${companyId}::uuid AND "date" BETWEEN ${from}::date AND ${to}::date
      GROUP BY "date"
    )
    SELECT to_char(a."date", 'YYYY-MM-DD') AS "date", a."contactCount", a."delivered", a."opened", a."clicked",
      a."unsubscribed", a."openRate", a."clickRate", a."unsubscribeRate", a."conversionRate",
      c."size" AS "companySize", c."openRate" AS "companyOpenRate", c."clickRate" AS "companyClickRate",
      c."unsubscribeRate" AS "companyUnsubscribeRate", c."conversionRate" AS "companyConversionRate"
    FROM "SegmentAnalytics" a
    JOIN company c ON c."date" = a."date"
    WHERE a."companyId" = ${companyId}::uuid AND a."segmentId" = ${segmentId}::uuid
      AND a."date" BETWEEN ${from}::date AND ${to}::date
    ORDER BY a."date"`;
  return rows.map((row) => ({
    date: row.date,
    contactCount: Number(row.contactCount),
    delivered: Number(row.delivered),
    opened: Number(row.opened),
    clicked: Number(row.clicked),
    unsubscribed: Number(row.unsubscribed),
    openRate: Number(row.openRate),
    clickRate: Number(row.clickRate),
    unsubscribeRate: Number(row.unsubscribeRate),
    conversionRate: Number(row.conversionRate),
    company: {
      contactCount: Number(row.companySize),
      openRate: Number(row.companyOpenRate),
      clickRate: Number(row.companyClickRate),
      unsubscribeRate: Number(row.companyUnsubscribeRate),
      conversionRate: Number(row.companyConversionRate),
    },
  }));
}

/**
 * Computes the company's analytics (every segment) for each of the `days` UTC days ending
 * `lastDay`, one set-based statement per day: the backfill, run inline for the detail
 * page's "Compute analytics now". Returns the rows written.
 */
export async function backfillSegmentAnalytics(
  companyId: string,
  days: number,
  lastDay: Date | string,
): Promise<{ days: number; written: number }> {
  const to = toIsoDay(lastDay);
  const range = daysBetween(windowStart(days, new Date(`${to}T00:00:00.000Z`)), to);
  let written = 0;
  for (const day of range) written += await computeSegmentAnalytics(companyId, day);
  return { days: range.length, written };
}
