import "server-only";
import { empty, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { ConflictError, isUuid, NotFoundError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { LifecycleStage, MembershipSource, SubscriptionStatus } from "@/lib/generated/prisma/enums";

/**
 * The members of one segment: read for any segment, written (added / removed by hand or
 * the API) for static segments only. A dynamic segment's membership follows its rules
 * and is written by recalculation alone.
 */

export type SegmentMember = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  country: string | null;
  lifecycleStage: LifecycleStage | null;
  subscriptionStatus: SubscriptionStatus;
  leadScore: number | null;
  addedAt: Date;
  addedVia: MembershipSource;
};

export type SegmentMemberPage = {
  contacts: SegmentMember[];
  /** Members matching `q` (all members without it). */
  total: number;
  /** The last contact id of this page when there is a next one. */
  next: string | null;
};

export const DYNAMIC_MEMBERSHIP = "membership of a dynamic segment follows its rules";

/**
 * A page of the segment's members in contact id order (keyset on the id: stable while
 * members come and go); `q` finds a case-insensitive part of the email or name.
 */
export async function listSegmentMembers(
  companyId: string,
  segmentId: string,
  options: { q?: string; after?: string; limit: number },
): Promise<SegmentMemberPage> {
  const db = await getDb();
  await assertSegmentExists(db, companyId, segmentId);

  const { q, after, limit } = options;
  const search = q
    ? sql`AND (strpos(c."email", lower(${q})) > 0
        OR strpos(lower(coalesce(c."firstName", '') || ' ' || coalesce(c."lastName", '')), lower(${q})) > 0)`
    : empty;
  const from = sql`"SegmentMembership" m
    JOIN "Contact" c ON c."companyId" = m."companyId" AND c."id" = m."contactId"
    WHERE m."companyId" = ${companyId}::uuid AND m."segmentId" = ${segmentId}::uuid ${search}`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<SegmentMember[]>(sql`
      SELECT c."id", c."email", c."firstName", c."lastName", c."companyName", c."country",
        c."lifecycleStage"::text AS "lifecycleStage", c."subscriptionStatus"::text AS "subscriptionStatus",
        c."leadScore", m."addedAt", m."addedVia"::text AS "addedVia"
      FROM ${from} ${after ? sql`AND m."contactId" > ${after}::uuid` : empty}
      ORDER BY m."contactId" LIMIT ${limit + 1}`),
    db.$queryRaw<{ n: number }[]>(sql`SELECT count(*)::int AS "n" FROM ${from}`),
  ]);
  const page = rows.slice(0, limit).map((row) => ({ ...row, addedAt: new Date(row.addedAt) }));
  const last = page[page.length - 1];
  return { contacts: page, total: Number(counted[0]?.n ?? 0), next: rows.length > limit && last ? last.id : null };
}

export type AddMembersResult = {
  /** Contacts that were not members before (already members are not counted twice). */
  added: number;
  /** Given ids that are not contacts of this company (or not UUIDs). */
  unknownContactIds: string[];
  /** Given emails of no contact of this company. */
  unknownEmails: string[];
};

/**
 * Adds contacts, by id and/or email (case-insensitive), to a static segment. Idempotent:
 * a contact already in it stays as it was. Unknown ids and emails are reported, not fatal.
 * ConflictError for a dynamic segment.
 */
export async function addStaticMembers(
  companyId: string,
  segmentId: string,
  input: { contactIds?: string[]; emails?: string[] },
  addedVia: MembershipSource = "API",
): Promise<AddMembersResult> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await lockStaticSegment(tx, companyId, segmentId);
    const givenIds = unique(input.contactIds ?? []);
    const validIds = givenIds.filter(isUuid).map((id) => id.toLowerCase());
    const givenEmails = unique((input.emails ?? []).map((email) => email.trim().toLowerCase()).filter(Boolean));

    const byId = validIds.length
      ? await tx.$queryRaw<{ id: string }[]>(sql`
          SELECT "id" FROM "Contact" WHERE "companyId" = ${companyId}::uuid AND "id" = ANY(${validIds}::uuid[])`)
      : [];
    // Emails are stored lower-case (contact write path), so equality uses the unique index.
    const byEmail = givenEmails.length
      ? await tx.$queryRaw<{ id: string; email: string }[]>(sql`
          SELECT "id", "email" FROM "Contact" WHERE "companyId" = ${companyId}::uuid AND "email" = ANY(${givenEmails}::text[])`)
      : [];

    const foundIds = new Set(byId.map((row) => row.id));
    const foundEmails = new Set(byEmail.map((row) => row.email));
    const contactIds = unique([...foundIds, ...byEmail.map((row) => row.id)]);

    let added = 0;
    if (contactIds.length > 0) {
      const inserted = await tx.$queryRaw<{ contactId: string }[]>(sql`
        INSERT INTO "SegmentMembership" ("companyId", "segmentId", "contactId", "addedVia")
        SELECT ${companyId}::uuid, ${segmentId}::uuid, x.id, ${addedVia}::"MembershipSource"
        FROM unnest(${contactIds}::uuid[]) AS x(id)
        ON CONFLICT DO NOTHING
        RETURNING "contactId"`);
      added = inserted.length;
      if (added > 0) await refreshCount(tx, companyId, segmentId);
    }
    return {
      added,
      unknownContactIds: givenIds.filter((id) => !foundIds.has(id.toLowerCase())),
      unknownEmails: givenEmails.filter((email) => !foundEmails.has(email)),
    };
  });
}

/** Removes contacts (by id) from a static segment; ids that are not members are ignored. ConflictError for a dynamic segment. */
export async function removeStaticMembers(
  companyId: string,
  segmentId: string,
  contactIds: string[],
): Promise<{ removed: number }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await lockStaticSegment(tx, companyId, segmentId);
    const ids = unique(contactIds.filter(isUuid).map((id) => id.toLowerCase()));
    if (ids.length === 0) return { removed: 0 };
    const removed = await tx.$executeRaw(sql`
      DELETE FROM "SegmentMembership"
      WHERE "companyId" = ${companyId}::uuid AND "segmentId" = ${segmentId}::uuid AND "contactId" = ANY(${ids}::uuid[])`);
    if (removed > 0) await refreshCount(tx, companyId, segmentId);
    return { removed };
  });
}

/** NotFoundError unless the company has this segment. */
async function assertSegmentExists(db: PrismaClient, companyId: string, segmentId: string): Promise<void> {
  if (!isUuid(companyId) || !isUuid(segmentId)) throw new NotFoundError("Segment not found");
  const segment = await db.segment.findUnique({
    where: { companyId_id: { companyId, id: segmentId } },
    select: { id: true },
  });
  if (!segment) throw new NotFoundError("Segment not found");
}

/** The segment row locked for this transaction (so concurrent writes count right); NotFound / Conflict otherwise. */
async function lockStaticSegment(tx: Prisma.TransactionClient, companyId: string, segmentId: string): Promise<void> {
  if (!isUuid(companyId) || !isUuid(segmentId)) throw new NotFoundError("Segment not found");
  const [segment] = await tx.$queryRaw<{ type: string }[]>(sql`
    SELECT "type"::text AS "type" FROM "Segment"
    WHERE "companyId" = ${companyId}::uuid AND "id" = ${segmentId}::uuid FOR UPDATE`);
  if (!segment) throw new NotFoundError("Segment not found");
  if (segment.type !== "STATIC") throw new ConflictError(DYNAMIC_MEMBERSHIP);
}

/** A static segment's count is its membership, kept in step by every write. */
async function refreshCount(tx: Prisma.TransactionClient, companyId: string, segmentId: string): Promise<void> {
  await tx.$executeRaw(sql`
    UPDATE "Segment" SET "contactCount" = (
      SELECT count(*)::int FROM "SegmentMembership" WHERE "companyId" = ${companyId}::uuid AND "segmentId" = ${segmentId}::uuid
    ), "updatedAt" = now()
    WHERE "companyId" = ${companyId}::uuid AND "id" = ${segmentId}::uuid`);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** A contact offered by the detail page's "Add contacts" search. */
export type ContactChoice = { id: string; email: string; name: string | null; isMember: boolean };

/**
 * Up to `limit` contacts of the company whose email or name contains `q`
 * (case-insensitive), by email, each saying whether it is already in the segment.
 * NotFoundError when the segment is not this company's.
 */
export async function searchContactsForSegment(
  companyId: string,
  segmentId: string,
  q: string,
  limit = 10,
): Promise<ContactChoice[]> {
  const db = await getDb();
  await assertSegmentExists(db, companyId, segmentId);
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  const rows = await db.$queryRaw<
    { id: string; email: string; firstName: string | null; lastName: string | null; isMember: boolean }[]
  >(sql`
    SELECT c."id", c."email", c."firstName", c."lastName",
      EXISTS (SELECT 1 FROM "SegmentMembership" m
        WHERE m."companyId" = c."companyId" AND m."segmentId" = ${segmentId}::uuid AND m."contactId" = c."id") AS "isMember"
    FROM "Contact" c
    WHERE c."companyId" = ${companyId}::uuid
      AND (strpos(c."email", ${needle}) > 0
        OR strpos(lower(coalesce(c."firstName", '') || ' ' || coalesce(c."lastName", '')), ${needle}) > 0)
    ORDER BY c."email"
    LIMIT ${Math.min(Math.max(Math.trunc(limit), 1), 50)}::int`);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: [row.firstName, row.lastName].filter((part) => part?.trim()).join(" ") || null,
    isMember: row.isMember,
  }));
}
