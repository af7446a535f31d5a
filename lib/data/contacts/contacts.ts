import "server-only";
import { empty, join, type Sql, sql } from "@prisma/client-runtime-utils";
import type { ContactAttributes } from "@/lib/contacts/attributes";
import {
  type ContactListParams,
  ContactListParamsSchema,
  type ContactSort,
  type ParsedContactListParams,
} from "@/lib/contacts/list-params";
import { getDb } from "@/lib/db";
import { isUuid, ValidationError } from "@/lib/errors";
import type {
  ConversionLikelihood,
  CustomFieldType,
  Device,
  EngagementTrend,
  EventType,
  LifecycleStage,
  MembershipSource,
  SegmentType,
  SubscriptionStatus,
  Weekday,
} from "@/lib/generated/prisma/enums";
import { toDate } from "../raw-values";

/** One line of the contacts list. */
export type ContactRow = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  lifecycleStage: LifecycleStage | null;
  leadScore: number | null;
  subscriptionStatus: SubscriptionStatus;
  lastActivityAt: Date | null;
  createdAt: Date;
};

/** A total that may be a lower bound: counting a million rows per keystroke is not affordable. */
export type ListTotal = { value: number; exact: boolean };

export type ContactList = {
  rows: ContactRow[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
  total: ListTotal;
};

/** Counting stops here; the list then says "10,000+". */
export const TOTAL_COUNT_CAP = 10_000;

type SortSpec = {
  /** Sort keys in order, the first one possibly null. */
  keys: Sql[];
  /** Whether the first key can be null (then nulls are listed last in both directions). */
  nullable: boolean;
};

// Column names come only from this whitelist; the user's `sort` merely picks an entry.
const SORTS: Record<ContactSort, SortSpec> = {
  email: { keys: [sql`"email"`], nullable: false },
  name: { keys: [sql`"lastName"`, sql`"firstName"`], nullable: true },
  createdAt: { keys: [sql`"createdAt"`], nullable: false },
  leadScore: { keys: [sql`"leadScore"`], nullable: true },
  lastActivityAt: { keys: [sql`"lastActivityAt"`], nullable: true },
  lifecycleStage: { keys: [sql`"lifecycleStage"`], nullable: true },
};

const ROW_COLUMNS = sql`"id", "email", "firstName", "lastName", "companyName", "lifecycleStage", "leadScore",
  "subscriptionStatus", "lastActivityAt", "createdAt"`;

function parseListParams(params: ContactListParams): ParsedContactListParams {
  const parsed = ContactListParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new ValidationError(
      "Invalid list parameters",
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    );
  }
  return parsed.data;
}

/**
 * Case-insensitive "contains" on email, name (first, last or "first last") and company
 * name. strpos() rather than LIKE, so `%` and `_` are plain characters. Emails are stored
 * lower-case, so only the search string needs lowering there.
 */
export function contactSearchCondition(q: string | undefined): Sql {
  if (!q) return empty;
  return sql`AND (
    strpos("email", lower(${q})) > 0
    OR strpos(lower(concat_ws(' ', "firstName", "lastName")), lower(${q})) > 0
    OR strpos(lower(coalesce("companyName", '')), lower(${q})) > 0
  )`;
}

function orderBy(keys: Sql[], desc: boolean): Sql {
  const direction = desc ? sql`DESC` : sql`ASC`;
  // The id tiebreak keeps pages stable when many rows share a value.
  return join(
    [...keys, sql`"id"`].map((key) => sql`${key} ${direction}`),
    ", ",
  );
}

/**
 * The contacts of one company, a page at a time, sorted and searched on the server.
 * Reads pageSize + 1 rows to learn whether a next page exists, and counts at most
 * TOTAL_COUNT_CAP + 1 rows (none at all when the page already tells the total).
 */
export async function listContacts(companyId: string, params: ContactListParams = {}): Promise<ContactList> {
  const { q, sort, order, page, pageSize } = parseListParams(params);
  if (!isUuid(companyId)) {
    return { rows: [], page, pageSize, hasNextPage: false, total: { value: 0, exact: true } };
  }
  const db = await getDb();
  const where = sql`"companyId" = ${companyId}::uuid ${contactSearchCondition(q)}`;
  const spec = SORTS[sort];
  const desc = order === "desc";
  const offset = (page - 1) * pageSize;
  const want = pageSize + 1;

  let rows: ContactRow[];
  if (!spec.nullable) {
    rows = await db.$queryRaw<ContactRow[]>(sql`
      SELECT ${ROW_COLUMNS} FROM "Contact" WHERE ${where}
      ORDER BY ${orderBy(spec.keys, desc)} LIMIT ${want} OFFSET ${offset}`);
  } else {
    // Nulls last in both directions, in two index-friendly reads: "ORDER BY x DESC NULLS
    // LAST" cannot walk the (companyId, x) index and would sort the whole company.
    const [first, ...rest] = spec.keys as [Sql, ...Sql[]];
    rows = await db.$queryRaw<ContactRow[]>(sql`
      SELECT ${ROW_COLUMNS} FROM "Contact" WHERE ${where} AND ${first} IS NOT NULL
      ORDER BY ${orderBy(spec.keys, desc)} LIMIT ${want} OFFSET ${offset}`);
    if (rows.length < want) {
      // The page reaches past the last non-null row. If it holds none of them, the offset
      // into the null rows needs the number of non-null rows (only counted in that case).
      let nullOffset = 0;
      if (rows.length === 0 && offset > 0) {
        const nonNull = await countRows(sql`${where} AND ${first} IS NOT NULL`);
        nullOffset = Math.max(0, offset - nonNull);
      }
      const nullRows = await db.$queryRaw<ContactRow[]>(sql`
        SELECT ${ROW_COLUMNS} FROM "Contact" WHERE ${where} AND ${first} IS NULL
        ORDER BY ${orderBy(rest, desc)} LIMIT ${want - rows.length} OFFSET ${nullOffset}`);
      rows = rows.concat(nullRows);
    }
  }

  const hasNextPage = rows.length > pageSize;
  if (hasNextPage) rows = rows.slice(0, pageSize);
  const total = await countContacts(where, offset, rows.length, hasNextPage);
  return { rows: rows.map(toContactRow), page, pageSize, hasNextPage, total };
}

async function countContacts(where: Sql, offset: number, pageRows: number, hasNextPage: boolean): Promise<ListTotal> {
  // A last page that has rows tells the exact total without counting.
  if (!hasNextPage && (pageRows > 0 || offset === 0)) return { value: offset + pageRows, exact: true };
  // Past the cap the page itself is a better lower bound than the cap.
  if (hasNextPage && offset + pageRows >= TOTAL_COUNT_CAP) return { value: offset + pageRows, exact: false };
  const count = await countRows(where, TOTAL_COUNT_CAP + 1);
  return count > TOTAL_COUNT_CAP ? { value: TOTAL_COUNT_CAP, exact: false } : { value: count, exact: true };
}

/** count(*) of the contacts matching `where`, stopping at `limit` rows when given. */
async function countRows(where: Sql, limit?: number): Promise<number> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ count: number }[]>(sql`
    SELECT count(*)::int AS count FROM (
      SELECT 1 FROM "Contact" WHERE ${where} ${limit === undefined ? empty : sql`LIMIT ${limit}`}
    ) AS matching`);
  return Number(rows[0]?.count ?? 0);
}

// Raw rows come back with exactly these columns; copying keeps the DTO free of extras.
function toContactRow(row: ContactRow): ContactRow {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    companyName: row.companyName,
    lifecycleStage: row.lifecycleStage,
    leadScore: row.leadScore === null ? null : Number(row.leadScore),
    subscriptionStatus: row.subscriptionStatus,
    lastActivityAt: toDate(row.lastActivityAt),
    createdAt: toDate(row.createdAt) as Date,
  };
}

/** A custom field value of a contact, with its definition when the company has one. */
export type ContactCustomField = {
  key: string;
  /** The definition's label, or the key itself for a value without a definition. */
  label: string;
  /** null: a value stored under a key the company has no definition for (any more). */
  type: CustomFieldType | null;
  /** As stored (JSON); undefined when the contact has no value. */
  value: unknown;
};

export type ContactSegment = {
  id: string;
  name: string;
  type: SegmentType;
  addedAt: Date;
  addedVia: MembershipSource;
};

export type ContactEventDto = {
  id: string;
  type: EventType;
  occurredAt: Date;
  campaignId: string | null;
  /** The name of the company's campaign with that id, when it is one of ours. */
  campaignName: string | null;
  url: string | null;
  device: Device | null;
  /** Decimal as a string ("12.50"), so no precision is lost on the way to the page. */
  revenue: string | null;
};

export type ContactDetail = ContactAttributes & {
  companyId: string;
  engagementScore: number | null;
  engagementTrend: EngagementTrend | null;
  conversionLikelihood: ConversionLikelihood | null;
  lastActivityAt: Date | null;
  lastOpenedAt: Date | null;
  lastClickedAt: Date | null;
  lastEmailSentAt: Date | null;
  lastOpenedDevice: Device | null;
  /** Derived as in the rule language: null when never sent an email. */
  openedLastEmail: boolean | null;
  preferredOpenHour: number | null;
  preferredOpenDay: Weekday | null;
  customFields: ContactCustomField[];
  segments: ContactSegment[];
  /** The 50 most recent events, newest first. */
  events: ContactEventDto[];
  createdAt: Date;
  updatedAt: Date;
};

export const RECENT_EVENTS_LIMIT = 50;

/** One contact with everything the detail page shows; null when it is not this company's. */
export async function getContact(companyId: string, id: string): Promise<ContactDetail | null> {
  if (!isUuid(companyId) || !isUuid(id)) return null;
  const db = await getDb();
  const contact = await db.contact.findUnique({ where: { companyId_id: { companyId, id } } });
  if (!contact) return null;

  const [definitions, memberships, events] = await Promise.all([
    db.customFieldDefinition.findMany({
      where: { companyId },
      select: { key: true, label: true, type: true },
      orderBy: [{ label: "asc" }, { key: "asc" }],
    }),
    db.segmentMembership.findMany({
      where: { companyId, contactId: id },
      select: { addedAt: true, addedVia: true, segment: { select: { id: true, name: true, type: true } } },
    }),
    db.contactEvent.findMany({
      where: { companyId, contactId: id },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: RECENT_EVENTS_LIMIT,
      select: { id: true, type: true, occurredAt: true, campaignId: true, url: true, device: true, revenue: true },
    }),
  ]);

  const campaignIds = [...new Set(events.map((e) => e.campaignId).filter(isUuid))];
  const campaigns = campaignIds.length
    ? await db.campaign.findMany({ where: { companyId, id: { in: campaignIds } }, select: { id: true, name: true } })
    : [];
  const campaignNames = new Map(campaigns.map((c) => [c.id, c.name]));

  const { customFields: storedCustomFields, ...fields } = contact;
  return {
    ...fields,
    openedLastEmail: openedLastEmail(contact.lastOpenedAt, contact.lastEmailSentAt),
    customFields: customFieldsOf(storedCustomFields, definitions),
    segments: memberships
      .map((m) => ({ ...m.segment, addedAt: m.addedAt, addedVia: m.addedVia }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    events: events.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      occurredAt: e.occurredAt,
      campaignId: e.campaignId,
      campaignName: e.campaignId ? (campaignNames.get(e.campaignId) ?? null) : null,
      url: e.url,
      device: e.device,
      revenue: e.revenue === null ? null : e.revenue.toFixed(2),
    })),
  };
}

/** contact.openedLastEmail of the rule language. */
function openedLastEmail(lastOpenedAt: Date | null, lastEmailSentAt: Date | null): boolean | null {
  if (!lastEmailSentAt) return null;
  return lastOpenedAt !== null && lastOpenedAt.getTime() >= lastEmailSentAt.getTime();
}

/** Every defined field (set or not) by label, then stored values that have no definition. */
function customFieldsOf(
  stored: unknown,
  definitions: { key: string; label: string; type: CustomFieldType }[],
): ContactCustomField[] {
  const values: Record<string, unknown> =
    stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const defined = definitions.map((d) => ({ key: d.key, label: d.label, type: d.type, value: values[d.key] }));
  const known = new Set(definitions.map((d) => d.key));
  const orphans = Object.keys(values)
    .filter((key) => !known.has(key))
    .sort()
    .map((key) => ({ key, label: key, type: null, value: values[key] }));
  return [...defined, ...orphans];
}

/**
 * The company a contact belongs to, whichever it is. For platform admins only (a detail
 * page opened by id from another company): the caller must have checked isPlatformAdmin.
 * Probes each company's (companyId, id) primary key rather than scanning for the id.
 */
export async function findContactCompanyId(id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const rows = await db.$queryRaw<{ companyId: string }[]>(sql`
    SELECT c."id" AS "companyId" FROM "Company" c
    WHERE EXISTS (SELECT 1 FROM "Contact" k WHERE k."companyId" = c."id" AND k."id" = ${id}::uuid)
    LIMIT 1`);
  return rows[0]?.companyId ?? null;
}
