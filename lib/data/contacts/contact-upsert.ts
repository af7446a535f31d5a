import "server-only";
import { raw, sql } from "@prisma/client-runtime-utils";
import { type RowError, rowMessage } from "@/lib/api/bulk";
import { CONTACT_TEXT_FIELDS, contactInputSchemaFor, type NormalizedContact } from "@/lib/contacts/schema";
import { listCustomFields } from "@/lib/data/contacts/custom-fields";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";

/**
 * Contacts in bulk, by email (unique per company, stored lower-case): set-based SQL, a
 * constant number of statements per batch whatever its size.
 *
 * Why two statements and not one `INSERT … ON CONFLICT DO UPDATE`: a field the input
 * leaves out must keep its stored value, and the DO UPDATE branch sees only EXCLUDED (the
 * proposed row), which cannot tell "left out" from "cleared"; the proposed row would also
 * reset subscriptionStatus to its default. So, in one transaction: INSERT … ON CONFLICT
 * DO NOTHING RETURNING the new rows, then one UPDATE … FROM the same input for the rest,
 * choosing per row and column between the given and the stored value.
 */

export type ContactOutcome = "created" | "updated" | "skipped";

export type SavedContact = { index: number; id: string; email: string; outcome: ContactOutcome };

export type SaveContactsResult = {
  /** One per distinct email, at the index of the row that was used (the last of its email). */
  saved: SavedContact[];
  /** Earlier rows of an email that appears again later in the same batch: the later row wins. */
  duplicates: { index: number; keptIndex: number }[];
};

export type SaveContactsOptions = {
  /** What happens to contacts that already exist: update them (default) or leave them alone. */
  existing?: "update" | "skip";
};

/** Prisma's default (5 s) is short for a large batch on the embedded database. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/** The most rows one call stores (the API allows 1,000 per request; imports send batches). */
export const SAVE_CONTACTS_MAX = 5_000;

/** Columns the input may set, beside email, tags and customFields. */
const PLAIN_FIELDS = [
  ...CONTACT_TEXT_FIELDS,
  "lifecycleStage",
  "subscriptionStatus",
  "leadScore",
  "createdAt",
] as const;

/**
 * `"firstName" = CASE WHEN 'firstName' = ANY(r."given") THEN r."firstName" ELSE c."firstName" END, …`
 * for the text columns and leadScore: given (a value or null) wins, else the stored value.
 * Column names come from the constant list above, never from input.
 */
const CLEARABLE_ASSIGNMENTS = raw(
  [...CONTACT_TEXT_FIELDS, "leadScore"]
    .map((f) => `"${f}" = CASE WHEN '${f}' = ANY(r."given") THEN r."${f}" ELSE c."${f}" END`)
    .join(",\n"),
);

/**
 * Stores already-normalized contacts (contactInputSchemaFor's output). Rows whose email
 * appears again later in the batch are not stored: the last one wins and the earlier ones
 * are listed in `duplicates`.
 */
export async function saveContacts(
  companyId: string,
  contacts: readonly NormalizedContact[],
  options: SaveContactsOptions = {},
): Promise<SaveContactsResult> {
  if (!isUuid(companyId)) throw new Error("saveContacts: companyId must be a UUID");
  if (contacts.length > SAVE_CONTACTS_MAX) throw new Error(`saveContacts: at most ${SAVE_CONTACTS_MAX} rows per call`);

  const lastIndexOf = new Map<string, number>();
  contacts.forEach((contact, index) => {
    lastIndexOf.set(contact.email, index);
  });
  const duplicates: SaveContactsResult["duplicates"] = [];
  const rows: Record<string, unknown>[] = [];
  contacts.forEach((contact, index) => {
    const keptIndex = lastIndexOf.get(contact.email) as number;
    if (keptIndex !== index) duplicates.push({ index, keptIndex });
    else rows.push(toRecord(contact, index));
  });
  if (rows.length === 0) return { saved: [], duplicates };

  const input = sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
    "index" int, "email" text, "given" text[],
    "firstName" text, "lastName" text, "phone" text, "companyName" text, "jobTitle" text, "source" text,
    "country" text, "state" text, "city" text, "timezone" text,
    "lifecycleStage" text, "subscriptionStatus" text, "leadScore" int, "createdAt" timestamptz,
    "tags" text[], "customFields" jsonb)`;

  const db = await getDb();
  const { created, others } = await db.$transaction(async (tx) => {
    const created = await tx.$queryRaw<{ id: string; email: string }[]>(sql`
      INSERT INTO "Contact" ("companyId", "email", "firstName", "lastName", "phone", "companyName", "jobTitle",
        "source", "country", "state", "city", "timezone", "lifecycleStage", "subscriptionStatus",
        "subscriptionStatusAt", "leadScore", "tags", "customFields", "createdAt", "updatedAt")
      SELECT ${companyId}::uuid, r."email", r."firstName", r."lastName", r."phone", r."companyName", r."jobTitle",
        r."source", r."country", r."state", r."city", r."timezone",
        r."lifecycleStage"::"LifecycleStage",
        coalesce(r."subscriptionStatus", 'ACTIVE')::"SubscriptionStatus",
        -- A status given is set now: events dated at or before now change nothing.
        CASE WHEN r."subscriptionStatus" IS NOT NULL THEN now() END,
        r."leadScore",
        coalesce(r."tags", ARRAY[]::text[]),
        jsonb_strip_nulls(coalesce(r."customFields", '{}'::jsonb)),
        coalesce(r."createdAt", now()),
        now()
      FROM ${input}
      ORDER BY r."index"
      ON CONFLICT ("companyId", "email") DO NOTHING
      RETURNING "id", "email"`);
    const createdEmails = created.map((row) => row.email);

    // All new (the usual import): nothing left to update or look up.
    const others =
      created.length === rows.length
        ? []
        : options.existing === "skip"
          ? await tx.$queryRaw<{ id: string; email: string }[]>(sql`
            SELECT c."id", c."email" FROM "Contact" c JOIN ${input} ON c."email" = r."email"
            WHERE c."companyId" = ${companyId}::uuid AND NOT (c."email" = ANY(${createdEmails}::text[]))`)
          : await tx.$queryRaw<{ id: string; email: string }[]>(sql`
            UPDATE "Contact" c SET
              ${CLEARABLE_ASSIGNMENTS},
              "lifecycleStage" = CASE WHEN 'lifecycleStage' = ANY(r."given")
                THEN r."lifecycleStage"::"LifecycleStage" ELSE c."lifecycleStage" END,
              "subscriptionStatus" = coalesce(r."subscriptionStatus"::"SubscriptionStatus", c."subscriptionStatus"),
              "subscriptionStatusAt" = CASE WHEN r."subscriptionStatus" IS NOT NULL
                THEN now() ELSE c."subscriptionStatusAt" END,
              "createdAt" = coalesce(r."createdAt", c."createdAt"),
              "tags" = CASE WHEN 'tags' = ANY(r."given") THEN coalesce(r."tags", ARRAY[]::text[]) ELSE c."tags" END,
              "customFields" = CASE WHEN r."customFields" IS NULL THEN c."customFields"
                ELSE jsonb_strip_nulls(c."customFields" || r."customFields") END,
              "updatedAt" = now()
            FROM ${input}
            WHERE c."companyId" = ${companyId}::uuid AND c."email" = r."email"
              AND NOT (c."email" = ANY(${createdEmails}::text[]))
            RETURNING c."id", c."email"`);
    return { created, others };
  }, TRANSACTION_OPTIONS);

  const outcomes = new Map<string, { id: string; outcome: ContactOutcome }>();
  for (const row of created) outcomes.set(row.email, { id: row.id, outcome: "created" });
  const otherOutcome: ContactOutcome = options.existing === "skip" ? "skipped" : "updated";
  for (const row of others) outcomes.set(row.email, { id: row.id, outcome: otherOutcome });

  const saved: SavedContact[] = [];
  for (const row of rows) {
    const email = row.email as string;
    const outcome = outcomes.get(email);
    // Every row is either inserted or found: the UPDATE runs after the INSERT committed
    // its conflicts. Only a contact deleted at that very moment could be missing.
    if (outcome) saved.push({ index: row.index as number, email, ...outcome });
  }
  return { saved, duplicates };
}

/** The row as jsonb_to_recordset reads it; `given` lists the fields the input set (null included). */
function toRecord(contact: NormalizedContact, index: number): Record<string, unknown> {
  const record: Record<string, unknown> = { index, email: contact.email };
  const given: string[] = [];
  for (const field of PLAIN_FIELDS) {
    const value = contact[field];
    if (value === undefined) continue;
    given.push(field);
    record[field] = value instanceof Date ? value.toISOString() : value;
  }
  if (contact.tags !== undefined) {
    given.push("tags");
    record.tags = contact.tags;
  }
  if (contact.customFields !== undefined && Object.keys(contact.customFields).length > 0) {
    record.customFields = contact.customFields;
  }
  record.given = given;
  return record;
}

export type UpsertContactsResult = { created: number; updated: number; errors: RowError[] };

/**
 * POST /api/v1/contacts: raw ContactInput rows validated one by one against the company's
 * custom fields; the valid ones are stored, the others reported by index.
 */
export async function upsertContacts(companyId: string, rows: readonly unknown[]): Promise<UpsertContactsResult> {
  const schema = contactInputSchemaFor(await listCustomFields(companyId));
  const errors: RowError[] = [];
  const valid: NormalizedContact[] = [];
  const indexOf: number[] = [];
  rows.forEach((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      valid.push(parsed.data);
      indexOf.push(index);
    } else {
      errors.push({ index, message: rowMessage(parsed.error.issues) });
    }
  });

  const { saved, duplicates } = await saveContacts(companyId, valid);
  for (const { index, keptIndex } of duplicates) {
    errors.push({
      index: indexOf[index] as number,
      message: `Skipped: the same email appears again at index ${indexOf[keptIndex]}, which was used instead`,
    });
  }
  errors.sort((a, b) => a.index - b.index);
  return {
    created: saved.filter((s) => s.outcome === "created").length,
    updated: saved.filter((s) => s.outcome === "updated").length,
    errors,
  };
}
