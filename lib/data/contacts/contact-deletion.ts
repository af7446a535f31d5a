import "server-only";
import { randomUUID } from "node:crypto";
import { type Sql, sql } from "@prisma/client-runtime-utils";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type AuditActor, subjectHash } from "../platform/audit-log";
import { contactSearchCondition } from "./contacts";

/**
 * Deleting contacts, and erasing them ("forget", GDPR), set-based, a batch per
 * transaction, the company in every where. Per batch, in one transaction:
 *
 *   - the contacts are locked; their segments' recalculation locks are taken (a running
 *     recalculation finishes first), then their memberships are deleted, each segment's
 *     contactCount lowered by what it lost, and the history records them leaving: one
 *     run per segment with trigger CONTACTS_DELETED and an EXITED change per contact;
 *   - campaign recipients: a recipient not sent yet (a SENDING campaign's frozen
 *     audience) is removed and its campaign's recipientCount lowered, so it is never
 *     sent; a sent one stays (the report keeps counting it) with what it did with the
 *     campaign kept in deletedOutcome, as its events go with the contact;
 *   - the contacts are deleted: events, event summaries, ContactFacts follow by cascade
 *     (the summary trigger skips deleted contacts' keys);
 *   - forget also erases what survives elsewhere: recipients and history rows get a new
 *     random contact id (nothing links them to the person any more), and import reports
 *     (failed rows, the mapping preview) lose the rows that contain the email;
 *   - one audit entry (count; for forget, each email's salted hash).
 */

/** Contacts per transaction when deleting everything that matches a search. */
export const DELETE_BATCH_SIZE = 5_000;

export type DeleteMode = { forget?: boolean };

export type DeleteOutcome = { deleted: number; auditEntryId: string | null };

type Tx = Prisma.TransactionClient;

type BatchResult = { deletedIds: string[]; auditEntryId: string | null };

const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 };

/** Characters around an email in free text (CSV cells, messages): what it is split on to find one. */
const EMAIL_SEPARATORS = `[\\s,;:<>"'()\\[\\]]+`;

/** What an erased person's import cells become. */
export const ERASED = "[erased]";

export type DeleteTargets = { contactIds?: readonly string[]; emails?: readonly string[] };

export type DeleteByIdOutcome = DeleteOutcome & { unknownContactIds: string[]; unknownEmails: string[] };

/**
 * Deletes the company's contacts named by id and/or email (case-insensitive), in one
 * transaction. Ids and emails that name none of the company's contacts (another
 * company's included) come back as unknown, as given.
 */
export async function deleteContacts(
  companyId: string,
  targets: DeleteTargets,
  actor: AuditActor,
  mode: DeleteMode = {},
): Promise<DeleteByIdOutcome> {
  const givenIds = targets.contactIds ?? [];
  const givenEmails = targets.emails ?? [];
  const nothing = { deleted: 0, auditEntryId: null, unknownContactIds: [...givenIds], unknownEmails: [...givenEmails] };
  if (!isUuid(companyId)) return nothing;
  const ids = [...new Set(givenIds.map((id) => id.toLowerCase()).filter(isUuid))];
  const emails = [...new Set(givenEmails.map((email) => email.trim().toLowerCase()))];
  if (ids.length === 0 && emails.length === 0) return nothing;
  const db = await getDb();
  const { deleted, auditEntryId } = await db.$transaction(async (tx) => {
    const found = await tx.$queryRaw<{ id: string; email: string }[]>(sql`
      SELECT "id", "email" FROM "Contact" WHERE "companyId" = ${companyId}::uuid
        AND ("id" = ANY(${ids}::uuid[]) OR "email" = ANY(${emails}::text[]))`);
    // Forgetting an email that is no contact (any more) still erases it from import reports.
    const foundEmails = new Set(found.map((row) => row.email));
    const formerEmails = mode.forget
      ? emails.filter((email) => !foundEmails.has(email) && z.email().safeParse(email).success)
      : [];
    const result = await deleteBatch(
      tx,
      companyId,
      found.map((row) => row.id),
      actor,
      mode,
      null,
      formerEmails,
    );
    const gone = new Set(result.deletedIds);
    return { deleted: found.filter((row) => gone.has(row.id)), auditEntryId: result.auditEntryId };
  }, TX_OPTIONS);
  const deletedIds = new Set(deleted.map((row) => row.id));
  const deletedEmails = new Set(deleted.map((row) => row.email));
  return {
    deleted: deleted.length,
    auditEntryId,
    unknownContactIds: givenIds.filter((id) => !deletedIds.has(id.toLowerCase())),
    unknownEmails: givenEmails.filter((email) => !deletedEmails.has(email.trim().toLowerCase())),
  };
}

/** How many of the company's contacts the contacts list's search matches (what "delete all" would delete). */
export async function countContactsMatching(companyId: string, q: string | undefined): Promise<number> {
  if (!isUuid(companyId)) return 0;
  const db = await getDb();
  const [row] = await db.$queryRaw<{ n: number }[]>(sql`
    SELECT count(*)::int AS "n" FROM "Contact" WHERE "companyId" = ${companyId}::uuid ${contactSearchCondition(q)}`);
  return row?.n ?? 0;
}

/**
 * Deletes every contact of the company that the search matches (all of them without one),
 * DELETE_BATCH_SIZE per transaction; one audit entry whose count grows with each batch.
 */
export async function deleteContactsMatching(
  companyId: string,
  q: string | undefined,
  actor: AuditActor,
  mode: DeleteMode = {},
  batchSize = DELETE_BATCH_SIZE,
): Promise<DeleteOutcome> {
  if (!isUuid(companyId)) return { deleted: 0, auditEntryId: null };
  const db = await getDb();
  let deleted = 0;
  let auditEntryId: string | null = null;
  for (;;) {
    const batch = await db.$queryRaw<{ id: string }[]>(sql`
      SELECT "id" FROM "Contact" WHERE "companyId" = ${companyId}::uuid ${contactSearchCondition(q)}
      ORDER BY "id" LIMIT ${batchSize}::int`);
    if (batch.length === 0) break;
    const entry: string | null = auditEntryId;
    const result: BatchResult = await db.$transaction(
      (tx) =>
        deleteBatch(
          tx,
          companyId,
          batch.map((row) => row.id),
          actor,
          mode,
          entry,
        ),
      TX_OPTIONS,
    );
    deleted += result.deletedIds.length;
    auditEntryId = result.auditEntryId;
  }
  return { deleted, auditEntryId };
}

async function deleteBatch(
  tx: Tx,
  companyId: string,
  ids: string[],
  actor: AuditActor,
  mode: DeleteMode,
  auditEntryId: string | null,
  formerEmails: string[] = [],
): Promise<BatchResult> {
  const company = sql`${companyId}::uuid`;
  const contacts = await tx.$queryRaw<{ id: string; email: string }[]>(sql`
    SELECT "id", "email" FROM "Contact" WHERE "companyId" = ${company} AND "id" = ANY(${ids}::uuid[])
    ORDER BY "id" FOR UPDATE`);
  if (contacts.length === 0 && formerEmails.length === 0) return { deletedIds: [], auditEntryId };
  const found = contacts.map((row) => row.id);
  const batch = sql`${found}::uuid[]`;

  // A recalculation of one of these segments either finishes before this (and its result
  // is what is lowered below) or starts after (and no longer sees these contacts).
  await tx.$queryRaw(sql`
    SELECT count(pg_advisory_xact_lock(hashtext('segment-recalculation'), hashtext(k."segmentId"::text)))::int AS "locked"
    FROM (SELECT DISTINCT m."segmentId" FROM "SegmentMembership" m
      WHERE m."companyId" = ${company} AND m."contactId" = ANY(${batch}) ORDER BY m."segmentId") k`);
  await tx.$executeRaw(sql`
    WITH "removed" AS (
      DELETE FROM "SegmentMembership" m WHERE m."companyId" = ${company} AND m."contactId" = ANY(${batch})
      RETURNING m."segmentId", m."contactId"
    ), "lost" AS (
      SELECT r."segmentId", count(*)::int AS "n" FROM "removed" r GROUP BY r."segmentId"
    ), "counted" AS (
      UPDATE "Segment" s SET "contactCount" = greatest(s."contactCount" - l."n", 0)
      FROM "lost" l WHERE s."companyId" = ${company} AND s."id" = l."segmentId"
      RETURNING s."id", s."contactCount", l."n"
    ), "runs" AS (
      INSERT INTO "SegmentRecalculation" ("companyId", "segmentId", "trigger", "status", "finishedAt", "durationMs",
        "exited", "memberCount", "requestedById")
      SELECT ${company}, c."id", 'CONTACTS_DELETED', 'SUCCEEDED', now(), 0, c."n", c."contactCount",
        ${actor.userId ?? null}::uuid
      FROM "counted" c
      RETURNING "id", "segmentId"
    )
    INSERT INTO "SegmentMembershipChange" ("companyId", "segmentId", "recalculationId", "contactId", "kind")
    SELECT ${company}, r."segmentId", run."id", r."contactId", 'EXITED'
    FROM "removed" r JOIN "runs" run ON run."segmentId" = r."segmentId"
    ORDER BY r."segmentId", r."contactId"`);

  await keepCampaignRecipients(tx, companyId, found);
  if (mode.forget) await eraseTraces(tx, companyId, contacts, formerEmails);

  await tx.$executeRaw(sql`DELETE FROM "Contact" WHERE "companyId" = ${company} AND "id" = ANY(${batch})`);
  const entryId = await writeAudit(
    tx,
    companyId,
    [...contacts.map((c) => c.email), ...formerEmails],
    actor,
    mode,
    auditEntryId,
  );
  return { deletedIds: found, auditEntryId: entryId };
}

/** Unsent recipients are dropped (never sent); sent ones keep what the contact did with the campaign. */
async function keepCampaignRecipients(tx: Tx, companyId: string, ids: string[]): Promise<void> {
  const company = sql`${companyId}::uuid`;
  await tx.$executeRaw(sql`
    WITH "unsent" AS (
      DELETE FROM "CampaignRecipient" r
      WHERE r."companyId" = ${company} AND r."contactId" = ANY(${ids}::uuid[]) AND r."sentAt" IS NULL
      RETURNING r."campaignId"
    )
    UPDATE "Campaign" c SET "recipientCount" = greatest(c."recipientCount" - u."n", 0)
    FROM (SELECT "campaignId", count(*)::int AS "n" FROM "unsent" GROUP BY "campaignId") u
    WHERE c."companyId" = ${company} AND c."id" = u."campaignId"`);
  // The same figures as the report's (lib/data/campaigns/campaign-report.ts) reads from the events.
  await tx.$executeRaw(sql`
    UPDATE "CampaignRecipient" r SET "contactDeletedAt" = now(), "deletedOutcome" = o."outcome"
    FROM (
      SELECT x."campaignId", x."contactId", jsonb_build_object(
        'delivered', coalesce(bool_or(e."type" = 'email_delivered'), false),
        'opened', coalesce(bool_or(e."type" = 'email_opened'), false),
        'clicked', coalesce(bool_or(e."type" = 'email_clicked'), false),
        'unsubscribed', coalesce(bool_or(e."type" = 'unsubscribed'), false),
        'converted', coalesce(bool_or(e."type" IN ('purchase', 'conversion')), false),
        'revenue', coalesce(sum(e."revenue") FILTER (WHERE e."type" IN ('purchase', 'conversion')), 0)
      ) AS "outcome"
      FROM "CampaignRecipient" x
      LEFT JOIN "ContactEvent" e ON e."companyId" = x."companyId" AND e."contactId" = x."contactId"
        AND e."campaignId" = x."campaignId"::text
      WHERE x."companyId" = ${company} AND x."contactId" = ANY(${ids}::uuid[])
      GROUP BY x."campaignId", x."contactId"
    ) o
    WHERE r."companyId" = ${company} AND r."campaignId" = o."campaignId" AND r."contactId" = o."contactId"`);
}

/** Forget: what outlives the contact no longer leads back to the person. */
async function eraseTraces(
  tx: Tx,
  companyId: string,
  contacts: { id: string; email: string }[],
  formerEmails: string[],
): Promise<void> {
  const company = sql`${companyId}::uuid`;
  const ids = contacts.map((contact) => contact.id);
  const aliases = contacts.map(() => randomUUID());
  const emails = [...contacts.map((contact) => contact.email.toLowerCase()), ...formerEmails];
  const alias = sql`unnest(${ids}::uuid[], ${aliases}::uuid[]) AS a("id", "alias")`;
  await tx.$executeRaw(sql`
    UPDATE "SegmentMembershipChange" ch SET "contactId" = a."alias" FROM ${alias}
    WHERE ch."companyId" = ${company} AND ch."contactId" = a."id"`);
  await tx.$executeRaw(sql`
    UPDATE "CampaignRecipient" r SET "contactId" = a."alias" FROM ${alias}
    WHERE r."companyId" = ${company} AND r."contactId" = a."id"`);
  // A text holds the email when one of its words is the email: "bada@x.example" does not
  // hold "ada@x.example", "Ada <ada@x.example>" does.
  const holds = (text: Sql) => sql`EXISTS (SELECT 1 FROM unnest(${emails}::text[]) e
    WHERE e = ANY(regexp_split_to_array(lower(${text}), ${EMAIL_SEPARATORS})))`;
  // An import row that holds the email is the person's row: every cell goes (the name and
  // phone beside it too), and the message if it quotes the email.
  await tx.$executeRaw(sql`
    UPDATE "ImportFailedRow" f SET
      "cells" = array_fill(${ERASED}::text, ARRAY[greatest(cardinality(f."cells"), 1)]),
      "message" = CASE WHEN ${holds(sql`f."message"`)} THEN ${ERASED} ELSE f."message" END
    WHERE f."companyId" = ${company}
      AND EXISTS (SELECT 1 FROM unnest(f."cells") cell WHERE ${holds(sql`cell`)})`);
  await tx.$executeRaw(sql`
    UPDATE "ImportJob" j SET "sample" = (
      SELECT coalesce(jsonb_agg(
        CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(s."row") cell WHERE ${holds(sql`cell`)})
          THEN (SELECT coalesce(jsonb_agg(to_jsonb(${ERASED}::text)), '[]'::jsonb) FROM jsonb_array_elements(s."row"))
          ELSE s."row" END
        ORDER BY s."n"), '[]'::jsonb)
      FROM jsonb_array_elements(j."sample") WITH ORDINALITY AS s("row", "n")
    )
    WHERE j."companyId" = ${company}
      AND EXISTS (SELECT 1 FROM unnest(${emails}::text[]) e WHERE strpos(lower(j."sample"::text), e) > 0)`);
}

/** One entry per request; its count is the people concerned (for forget, emails erased). */
async function writeAudit(
  tx: Tx,
  companyId: string,
  emails: string[],
  actor: AuditActor,
  mode: DeleteMode,
  auditEntryId: string | null,
): Promise<string> {
  const hashes = mode.forget ? emails.map((email) => subjectHash(companyId, email)) : [];
  if (auditEntryId) {
    await tx.$executeRaw(sql`
      UPDATE "AuditLogEntry" SET "count" = "count" + ${emails.length}::int,
        "subjectHashes" = "subjectHashes" || ${hashes}::text[]
      WHERE "companyId" = ${companyId}::uuid AND "id" = ${auditEntryId}::uuid`);
    return auditEntryId;
  }
  const entry = await tx.auditLogEntry.create({
    data: {
      companyId,
      action: mode.forget ? "CONTACTS_FORGOTTEN" : "CONTACTS_DELETED",
      actorUserId: isUuid(actor.userId) ? actor.userId : null,
      actorApiKeyId: isUuid(actor.apiKeyId) ? actor.apiKeyId : null,
      actorLabel: actor.label,
      count: emails.length,
      subjectHashes: hashes,
    },
    select: { id: true },
  });
  return entry.id;
}
