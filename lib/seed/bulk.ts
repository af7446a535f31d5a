import type { Prisma } from "@/lib/generated/prisma/client";
import { EVENT_TYPES } from "@/lib/segments/engine/fields";
import { DEVICES, type EventBatch } from "./events";
import type { ContactRow } from "./generate";

/**
 * Set-based bulk inserts: each statement takes whole columns as parameters and expands
 * them with unnest() (createMany is ~8x slower). A column travels as ONE string joined
 * with a separator and split by string_to_array() in SQL: a string per row would cost
 * more to serialize than the insert itself. Text columns use the unit separator (0x1F,
 * which the generated data never contains), with '' for NULL.
 */
export const EVENTS_PER_STATEMENT = 10_000;

const SEP = "\x1f";
const text = (values: (string | null)[]) => values.map((v) => v ?? "").join(SEP);
const numbers = (values: (number | null)[]) => values.map((v) => (v === null ? "" : String(v))).join(SEP);

/** `$n` split back into a column; '' becomes NULL. */
const col = (n: number, type = "") => `string_to_array($${n}, E'\\x1f', '')${type}`;
/** ms since the epoch to timestamptz, exactly (ms fit a double's integers). */
const fromMs = (expr: string) => `('epoch'::timestamptz + ${expr} * interval '1 millisecond')`;

const CONTACT_COLUMNS: [name: string, cast: string][] = [
  ["id", "::uuid[]"],
  ["email", ""],
  ["firstName", ""],
  ["lastName", ""],
  ["phone", ""],
  ["companyName", ""],
  ["jobTitle", ""],
  ["source", ""],
  ["country", ""],
  ["state", ""],
  ["city", ""],
  ["timezone", ""],
  ["lifecycleStage", `::"LifecycleStage"[]`],
  ["subscriptionStatus", `::"SubscriptionStatus"[]`],
  ["subscriptionStatusAt", "::int8[]"],
  ["leadScore", "::int[]"],
  ["engagementScore", "::int[]"],
  ["engagementTrend", `::"EngagementTrend"[]`],
  ["conversionLikelihood", `::"ConversionLikelihood"[]`],
  ["lastActivityAt", "::int8[]"],
  ["lastOpenedAt", "::int8[]"],
  ["lastClickedAt", "::int8[]"],
  ["lastEmailSentAt", "::int8[]"],
  ["lastOpenedDevice", `::"Device"[]`],
  ["preferredOpenHour", "::int[]"],
  ["preferredOpenDay", `::"Weekday"[]`],
  ["tags", ""],
  ["customFields", ""],
  ["createdAt", "::int8[]"],
];

const TIMESTAMPS = new Set([
  "subscriptionStatusAt",
  "lastActivityAt",
  "lastOpenedAt",
  "lastClickedAt",
  "lastEmailSentAt",
  "createdAt",
]);

const CONTACT_SELECT = CONTACT_COLUMNS.map(([name]) => {
  if (TIMESTAMPS.has(name)) return fromMs(`t."${name}"`);
  if (name === "tags") return `coalesce(string_to_array(t."tags", ','), '{}')`;
  if (name === "customFields") return `t."customFields"::jsonb`;
  return `t."${name}"`;
});

const INSERT_CONTACTS = `
  INSERT INTO "Contact" ("companyId", ${CONTACT_COLUMNS.map(([name]) => `"${name}"`).join(", ")}, "updatedAt")
  SELECT $1::uuid, ${CONTACT_SELECT.join(", ")}, ${fromMs(`t."createdAt"`)}
  FROM unnest(${CONTACT_COLUMNS.map(([, cast], i) => col(i + 2, cast)).join(", ")})
    AS t(${CONTACT_COLUMNS.map(([name]) => `"${name}"`).join(", ")})`;

export async function insertContacts(
  db: Prisma.TransactionClient,
  companyId: string,
  rows: ContactRow[],
): Promise<void> {
  if (!rows.length) return;
  const pick = <K extends keyof ContactRow>(key: K) => rows.map((row) => row[key]);
  await db.$executeRawUnsafe(
    INSERT_CONTACTS,
    companyId,
    text(pick("id")),
    text(pick("email")),
    text(pick("firstName")),
    text(pick("lastName")),
    text(pick("phone")),
    text(pick("companyName")),
    text(pick("jobTitle")),
    text(pick("source")),
    text(pick("country")),
    text(pick("state")),
    text(pick("city")),
    text(pick("timezone")),
    text(pick("lifecycleStage")),
    text(pick("subscriptionStatus")),
    numbers(pick("subscriptionStatusAt")),
    numbers(pick("leadScore")),
    numbers(pick("engagementScore")),
    text(pick("engagementTrend")),
    text(pick("conversionLikelihood")),
    numbers(pick("lastActivityAt")),
    numbers(pick("lastOpenedAt")),
    numbers(pick("lastClickedAt")),
    numbers(pick("lastEmailSentAt")),
    text(pick("lastOpenedDevice")),
    numbers(pick("preferredOpenHour")),
    text(pick("preferredOpenDay")),
    text(rows.map((row) => (row.tags.length ? row.tags.join(",") : null))),
    text(rows.map((row) => JSON.stringify(row.customFields))),
    numbers(pick("createdAt")),
  );
}

const EVENT_TYPE_ARRAY = `ARRAY[${EVENT_TYPES.map((t) => `'${t}'`).join(", ")}]::"EventType"[]`;
const DEVICE_ARRAY = `ARRAY[${DEVICES.slice(1)
  .map((d) => `'${d}'`)
  .join(", ")}]::"Device"[]`;

// Small numbers per row; contact, campaign and url are positions in the lists passed
// alongside ($9-$11), joined back by ordinality. Subscript 0 (no device) gives NULL.
const INSERT_EVENTS = `
  INSERT INTO "ContactEvent" ("companyId", "contactId", "type", "occurredAt", "campaignId", "url", "device", "revenue")
  SELECT $1::uuid, k."id", (${EVENT_TYPE_ARRAY})[t."type" + 1], ${fromMs(`t."at"`)},
         cp."id", u."url", (${DEVICE_ARRAY})[t."device"], t."revenue"::numeric
  FROM unnest(${col(2, "::int[]")}, ${col(3, "::int[]")}, ${col(4, "::int8[]")}, ${col(5, "::int[]")},
              ${col(6, "::int[]")}, ${col(7, "::int[]")}, ${col(8)})
    AS t("contact", "type", "at", "campaign", "url", "device", "revenue")
  JOIN unnest(${col(9, "::uuid[]")}) WITH ORDINALITY AS k("id", n) ON k.n = t."contact" + 1
  LEFT JOIN unnest(${col(10)}) WITH ORDINALITY AS cp("id", n) ON cp.n = t."campaign"
  LEFT JOIN unnest(${col(11)}) WITH ORDINALITY AS u("url", n) ON u.n = t."url"`;

/** Inserts events [from, to) of a batch; contactIds are the chunk's contacts, by index. */
export async function insertEvents(
  db: Prisma.TransactionClient,
  companyId: string,
  batch: EventBatch,
  from: number,
  to: number,
  contactIds: string[],
  campaignIds: string[],
  urls: string[],
): Promise<void> {
  if (to <= from) return;
  const slice = (values: number[]) => numbers(values.slice(from, to));
  await db.$executeRawUnsafe(
    INSERT_EVENTS,
    companyId,
    slice(batch.contact),
    slice(batch.type),
    slice(batch.at),
    slice(batch.campaign),
    slice(batch.url),
    slice(batch.device),
    text(batch.revenue.slice(from, to).map((r) => r || null)),
    text(contactIds),
    text(campaignIds),
    text(urls),
  );
}

/**
 * Bulk-load mode for the seed's big tables: drops their plain indexes (not those behind a
 * primary key or unique constraint) and ContactEvent's foreign key, and returns the
 * function that recreates them exactly as they were (the DDL is read back from the
 * catalog). Building an index once is far cheaper than maintaining it row by row: on
 * PostgreSQL the load runs ~2-3x faster. Call it inside the seed's transaction, so a
 * failed load rolls the drops back with everything else.
 */
export async function suspendIndexes(db: Prisma.TransactionClient): Promise<() => Promise<void>> {
  const indexes = await db.$queryRaw<{ name: string; ddl: string }[]>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS ddl
    FROM pg_index i
    WHERE i.indrelid IN ('"Contact"'::regclass, '"ContactEvent"'::regclass)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    ORDER BY 1`;
  const foreignKeys = await db.$queryRaw<{ tableName: string; name: string; ddl: string }[]>`
    SELECT c.conrelid::regclass::text AS "tableName", quote_ident(c.conname) AS name,
           pg_get_constraintdef(c.oid) AS ddl
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.conrelid = '"ContactEvent"'::regclass
    ORDER BY 2`;
  for (const fk of foreignKeys) await db.$executeRawUnsafe(`ALTER TABLE ${fk.tableName} DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes) await db.$executeRawUnsafe(`DROP INDEX ${index.name}`);
  return async () => {
    await db.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '256MB'");
    for (const index of indexes) await db.$executeRawUnsafe(index.ddl);
    for (const fk of foreignKeys) {
      await db.$executeRawUnsafe(`ALTER TABLE ${fk.tableName} ADD CONSTRAINT ${fk.name} ${fk.ddl}`);
    }
  };
}

/**
 * Bulk-load mode for the engine's derived tables, ContactEventSummary and ContactFacts: the
 * insert triggers that maintain them row batch by row batch are switched off for the load,
 * and the returned function switches them on again and builds the given companies' rows
 * in one pass each, far cheaper than merging 10,000 events at a time. Exact because the
 * seed's one transaction holds the table locks from here to the commit: no other writer's
 * contacts or events can slip in unsummarized, and the companies loaded had none before.
 */
export async function suspendDerivedRows(
  db: Prisma.TransactionClient,
): Promise<(companyIds: string[]) => Promise<void>> {
  const triggers = [
    `"ContactEvent" DISABLE TRIGGER "ContactEvent_summary_insert"`,
    `"Contact" DISABLE TRIGGER "Contact_facts_insert"`,
    `"ContactEventSummary" DISABLE TRIGGER "ContactEventSummary_facts_insert"`,
  ];
  for (const trigger of triggers) await db.$executeRawUnsafe(`ALTER TABLE ${trigger}`);
  return async (companyIds) => {
    await db.$executeRawUnsafe(`ALTER TABLE "ContactEvent" ENABLE TRIGGER "ContactEvent_summary_insert"`);
    await db.$executeRawUnsafe(`DELETE FROM "ContactEventSummary" WHERE "companyId" = ANY($1::uuid[])`, companyIds);
    await db.$executeRawUnsafe(
      `INSERT INTO "ContactEventSummary"
         ("companyId", "contactId", "type", "firstAt", "lastAt", "recentAt", "count", "mobileCount", "desktopCount", "tabletCount")
       SELECT e."companyId", e."contactId", e."type", min(e."occurredAt"), max(e."occurredAt"),
         (array_agg(e."occurredAt" ORDER BY e."occurredAt" DESC))[1:5], count(*)::int,
         (count(*) FILTER (WHERE e."device" = 'mobile'))::int,
         (count(*) FILTER (WHERE e."device" = 'desktop'))::int,
         (count(*) FILTER (WHERE e."device" = 'tablet'))::int
       FROM "ContactEvent" e WHERE e."companyId" = ANY($1::uuid[])
       GROUP BY e."companyId", e."contactId", e."type"`,
      companyIds,
    );
    await db.$executeRawUnsafe(`ALTER TABLE "Contact" ENABLE TRIGGER "Contact_facts_insert"`);
    await db.$executeRawUnsafe(`ALTER TABLE "ContactEventSummary" ENABLE TRIGGER "ContactEventSummary_facts_insert"`);
    // Facts from the contacts and the summary just built (defined by the contact_facts migration).
    await db.$queryRawUnsafe(`SELECT "contact_facts_rebuild"($1::uuid[])::text AS "done"`, companyIds);
  };
}
