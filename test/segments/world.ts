import { type Sql, sql as sqlTag } from "@prisma/client-runtime-utils";
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type CompileContext, type CompiledSegment, compileSegment } from "@/lib/segments/engine/compile";
import { type EvalInput, evaluateDefinition } from "@/lib/segments/engine/evaluate";
import type { CustomFieldType } from "@/lib/segments/engine/fields";
import type { SegmentDefinition } from "@/lib/segments/engine/types";

/**
 * Test fixtures for the engine: a "world" of companies, contacts, events, campaigns and
 * memberships, inserted with set-based SQL (jsonb_to_recordset: one statement per table),
 * then read back through Prisma for the reference evaluator, so the evaluator sees exactly
 * what the database stores.
 */

export type WorldContact = {
  id: string;
  companyId: string;
  email: string; // lower-case, as the write path stores it
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  source?: string | null;
  country?: string | null;
  state?: string | null;
  city?: string | null;
  timezone?: string | null;
  lifecycleStage?: string | null;
  subscriptionStatus?: string;
  leadScore?: number | null;
  engagementScore?: number | null;
  engagementTrend?: string | null;
  conversionLikelihood?: string | null;
  lastActivityAt?: string | null;
  lastOpenedAt?: string | null;
  lastClickedAt?: string | null;
  lastEmailSentAt?: string | null;
  lastOpenedDevice?: string | null;
  preferredOpenHour?: number | null;
  preferredOpenDay?: string | null;
  tags?: string[] | null; // lower-case, as the write path stores them
  customFields?: Record<string, unknown>;
  createdAt: string;
};

export type WorldEvent = {
  companyId: string;
  contactId: string;
  type: string;
  occurredAt: string;
  campaignId?: string | null;
  url?: string | null;
  device?: string | null;
};

export type World = {
  companies: { id: string; name: string }[];
  customFields: { companyId: string; key: string; type: CustomFieldType; options?: string[] }[];
  campaigns: { id: string; companyId: string; name: string }[];
  segments: { id: string; companyId: string; name: string; type?: "STATIC" | "DYNAMIC"; rules?: unknown }[];
  contacts: WorldContact[];
  events: WorldEvent[];
  memberships: { companyId: string; segmentId: string; contactId: string }[];
};

const CONTACT_COLUMNS: [string, string][] = [
  ["id", "uuid"],
  ["companyId", "uuid"],
  ["email", "text"],
  ["firstName", "text"],
  ["lastName", "text"],
  ["phone", "text"],
  ["companyName", "text"],
  ["jobTitle", "text"],
  ["source", "text"],
  ["country", "text"],
  ["state", "text"],
  ["city", "text"],
  ["timezone", "text"],
  ["lifecycleStage", '"LifecycleStage"'],
  ["leadScore", "int4"],
  ["engagementScore", "int4"],
  ["engagementTrend", '"EngagementTrend"'],
  ["conversionLikelihood", '"ConversionLikelihood"'],
  ["lastActivityAt", "timestamptz"],
  ["lastOpenedAt", "timestamptz"],
  ["lastClickedAt", "timestamptz"],
  ["lastEmailSentAt", "timestamptz"],
  ["lastOpenedDevice", '"Device"'],
  ["preferredOpenHour", "int4"],
  ["preferredOpenDay", '"Weekday"'],
  ["createdAt", "timestamptz"],
];

const q = (name: string) => `"${name}"`;

export async function insertWorld(sql: SqlRunner, world: World): Promise<void> {
  const json = (rows: unknown[]) => JSON.stringify(rows);
  await sql.query(
    `INSERT INTO "Company" (id, name, slug) SELECT x.id, x.name, x.id::text FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name text)`,
    [json(world.companies)],
  );
  if (world.customFields.length) {
    await sql.query(
      `INSERT INTO "CustomFieldDefinition" ("companyId", key, label, type, options)
       SELECT x."companyId", x.key, x.key, x.type::"CustomFieldType", COALESCE(x.options, '{}')
       FROM jsonb_to_recordset($1::jsonb) AS x("companyId" uuid, key text, type text, options text[])`,
      [json(world.customFields)],
    );
  }
  if (world.campaigns.length) {
    await sql.query(
      `INSERT INTO "Campaign" (id, "companyId", name) SELECT x.id, x."companyId", x.name
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "companyId" uuid, name text)`,
      [json(world.campaigns)],
    );
  }
  if (world.segments.length) {
    await sql.query(
      `INSERT INTO "Segment" (id, "companyId", name, type, rules)
       SELECT x.id, x."companyId", x.name, COALESCE(x.type, 'STATIC')::"SegmentType", x.rules
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "companyId" uuid, name text, type text, rules jsonb)`,
      [json(world.segments)],
    );
  }
  const columns = CONTACT_COLUMNS.map(([name]) => q(name)).join(", ");
  const record = CONTACT_COLUMNS.map(([name, type]) => `${q(name)} ${type.startsWith('"') ? "text" : type}`).join(", ");
  const select = CONTACT_COLUMNS.map(([name, type]) =>
    type.startsWith('"') ? `x.${q(name)}::${type}` : `x.${q(name)}`,
  ).join(", ");
  // A contact given without "tags" gets the column default ([]); `tags: null` stores NULL.
  const rows = world.contacts.map((c) => ({ ...c, hasTags: "tags" in c }));
  for (let i = 0; i < rows.length; i += 500) {
    await sql.query(
      `INSERT INTO "Contact" (${columns}, "subscriptionStatus", tags, "customFields")
       SELECT ${select}, COALESCE(x."subscriptionStatus", 'ACTIVE')::"SubscriptionStatus",
              CASE WHEN x."hasTags" THEN x.tags ELSE ARRAY[]::text[] END, COALESCE(x."customFields", '{}')
       FROM jsonb_to_recordset($1::jsonb) AS x(${record}, "subscriptionStatus" text, tags text[], "hasTags" boolean, "customFields" jsonb)`,
      [json(rows.slice(i, i + 500))],
    );
  }
  // Out of order and across statements (odd positions backwards, then even ones), so the
  // triggers that maintain ContactEventSummary merge into existing rows, as when events
  // arrive late through the API.
  const arrival = [
    ...world.events.filter((_, i) => i % 2 === 1).reverse(),
    ...world.events.filter((_, i) => i % 2 === 0),
  ];
  for (let i = 0; i < arrival.length; i += 500) {
    await sql.query(
      `INSERT INTO "ContactEvent" ("companyId", "contactId", type, "occurredAt", "campaignId", url, device)
       SELECT x."companyId", x."contactId", x.type::"EventType", x."occurredAt", x."campaignId", x.url, x.device::"Device"
       FROM jsonb_to_recordset($1::jsonb) AS x("companyId" uuid, "contactId" uuid, type text, "occurredAt" timestamptz, "campaignId" text, url text, device text)`,
      [json(arrival.slice(i, i + 500))],
    );
  }
  if (world.memberships.length) {
    await sql.query(
      `INSERT INTO "SegmentMembership" ("companyId", "segmentId", "contactId", "addedVia")
       SELECT x."companyId", x."segmentId", x."contactId", 'MANUAL' FROM jsonb_to_recordset($1::jsonb) AS x("companyId" uuid, "segmentId" uuid, "contactId" uuid)`,
      [json(world.memberships)],
    );
  }
}

/** The summary as a recomputation from the events gives it (every company), ordered by key. */
export const RECOMPUTED_SUMMARY_SQL = `
  SELECT e."companyId"::text, e."contactId"::text, e."type"::text,
    min(e."occurredAt")::text AS "firstAt", max(e."occurredAt")::text AS "lastAt",
    ((array_agg(e."occurredAt" ORDER BY e."occurredAt" DESC))[1:5])::text AS "recentAt", count(*)::int AS "count",
    (count(*) FILTER (WHERE e."device" = 'mobile'))::int AS "mobileCount",
    (count(*) FILTER (WHERE e."device" = 'desktop'))::int AS "desktopCount",
    (count(*) FILTER (WHERE e."device" = 'tablet'))::int AS "tabletCount"
  FROM "ContactEvent" e GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/** The summary as stored (ContactEventSummary), in the shape and order of RECOMPUTED_SUMMARY_SQL. */
export const STORED_SUMMARY_SQL = `
  SELECT "companyId"::text, "contactId"::text, "type"::text, "firstAt"::text, "lastAt"::text, "recentAt"::text, "count",
    "mobileCount", "desktopCount", "tabletCount"
  FROM "ContactEventSummary" ORDER BY 1, 2, 3`;

/** What ContactFacts must hold, computed from "Contact" and "ContactEvent". */
export const RECOMPUTED_FACTS_SQL = `
  SELECT c."companyId"::text, c."id"::text, c."subscriptionStatus"::text, c."lifecycleStage"::text, c."leadScore", c."createdAt"::text,
    c."lastActivityAt"::text, c."lastOpenedAt"::text, c."lastClickedAt"::text, c."lastEmailSentAt"::text,
    c."lastOpenedDevice"::text, c."preferredOpenHour", c."preferredOpenDay"::text, lower(c."country") AS "country",
    c."tags"::text,
    coalesce((SELECT sum(DISTINCT 1 << (array_position(enum_range(NULL::"EventType"), e."type") - 1))::int
      FROM "ContactEvent" e WHERE e."companyId" = c."companyId" AND e."contactId" = c."id"), 0) AS "eventTypes"
  FROM "Contact" c ORDER BY 1, 2`;
/** ContactFacts as stored, in the shape and order of RECOMPUTED_FACTS_SQL. */
export const STORED_FACTS_SQL = `
  SELECT f."companyId"::text, f."id"::text, f."subscriptionStatus"::text, f."lifecycleStage"::text, f."leadScore", f."createdAt"::text,
    f."lastActivityAt"::text, f."lastOpenedAt"::text, f."lastClickedAt"::text, f."lastEmailSentAt"::text,
    f."lastOpenedDevice"::text, f."preferredOpenHour", f."preferredOpenDay"::text, f."country", f."tags"::text,
    f."eventTypes"
  FROM "ContactFacts" f ORDER BY 1, 2`;

/** One company's data as the reference evaluator needs it, read back from the database. */
export type CompanyData = {
  companyId: string;
  customFieldTypes: Record<string, CustomFieldType>;
  campaigns: { id: string; name: string }[];
  contacts: { contact: EvalInput["contact"]; events: EvalInput["events"]; memberships: Set<string> }[];
};

export async function loadCompany(db: PrismaClient, companyId: string): Promise<CompanyData> {
  const [contacts, events, memberships, campaigns, fields] = await Promise.all([
    db.contact.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    db.contactEvent.findMany({ where: { companyId } }),
    db.segmentMembership.findMany({ where: { companyId } }),
    db.campaign.findMany({ where: { companyId }, select: { id: true, name: true } }),
    db.customFieldDefinition.findMany({ where: { companyId } }),
  ]);
  const eventsOf = new Map<string, EvalInput["events"][number][]>();
  for (const event of events) {
    const list = eventsOf.get(event.contactId) ?? [];
    list.push(event);
    eventsOf.set(event.contactId, list);
  }
  const segmentsOf = new Map<string, Set<string>>();
  for (const m of memberships) {
    const set = segmentsOf.get(m.contactId) ?? new Set<string>();
    set.add(m.segmentId);
    segmentsOf.set(m.contactId, set);
  }
  return {
    companyId,
    customFieldTypes: Object.fromEntries(fields.map((f) => [f.key, f.type as CustomFieldType])),
    campaigns,
    contacts: contacts.map((contact) => ({
      contact,
      events: eventsOf.get(contact.id) ?? [],
      memberships: segmentsOf.get(contact.id) ?? new Set(),
    })),
  };
}

/** Ids of the contacts the compiled SQL selects. */
/** A bare predicate is over `"Contact" c` (compileDefinition's). */
function asCompiled(query: Sql | CompiledSegment): Pick<CompiledSegment, "from" | "where"> {
  return "from" in query ? query : { from: sqlTag`"Contact" c`, where: query };
}

export async function sqlMembers(db: PrismaClient, query: Sql | CompiledSegment): Promise<Set<string>> {
  const { from, where } = asCompiled(query);
  // Build the whole query with the engine's `sql` tag and pass it as one argument: nesting
  // a fragment inside Prisma's own tagged template can meet a second copy of the Sql class.
  const rows = await db.$queryRaw<{ id: string }[]>(sqlTag`SELECT c.id FROM ${from} WHERE ${where}`);
  return new Set(rows.map((row) => row.id));
}

/**
 * The same through the raw driver (PGlite or pg) with the fragment's `$n` text and values:
 * several times faster than Prisma on PGlite, for the thousands of differential queries.
 */
export async function sqlMembersRaw(runner: SqlRunner, query: Sql | CompiledSegment): Promise<Set<string>> {
  const { from, where } = asCompiled(query);
  const full = sqlTag`SELECT c.id FROM ${from} WHERE ${where}`;
  const rows = await runner.query<{ id: string }>(full.text, full.values);
  return new Set(rows.map((row) => row.id));
}

/** Ids of the contacts the reference evaluator accepts. */
export function evaluatorMembers(definition: SegmentDefinition, data: CompanyData, now: Date): Set<string> {
  const members = new Set<string>();
  for (const entry of data.contacts) {
    const input: EvalInput = { ...entry, campaigns: data.campaigns, customFieldTypes: data.customFieldTypes, now };
    if (evaluateDefinition(definition, input)) members.add(entry.contact.id as string);
  }
  return members;
}

export function compileFor(
  data: CompanyData,
  now: Date,
  definition: SegmentDefinition,
  extra: Partial<CompileContext> = {},
) {
  return compileSegment(definition, {
    companyId: data.companyId,
    now,
    customFieldTypes: data.customFieldTypes,
    ...extra,
  });
}

/** The symmetric difference, for failure messages. */
export function diff(expected: Set<string>, actual: Set<string>): { missing: string[]; extra: string[] } {
  return {
    missing: [...expected].filter((id) => !actual.has(id)),
    extra: [...actual].filter((id) => !expected.has(id)),
  };
}
