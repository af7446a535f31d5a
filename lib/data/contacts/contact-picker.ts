import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { contactSearchCondition } from "./contacts";

/**
 * The contact picker's reads (static segment builder, and adding contacts on a static
 * segment's page): which contacts a search selects, and which emails of a CSV are the
 * company's contacts. The list itself is listContacts (same search).
 */

/** One request adds at most this many contacts (as the API: bigger lists are a CSV import). */
export const MAX_PICKED_CONTACTS = 10_000;

/** Ids of the contacts the list's search `q` finds, at most `limit` + 1 (so the caller can tell "too many"). */
export async function contactIdsMatchingSearch(
  companyId: string,
  q: string,
  limit = MAX_PICKED_CONTACTS,
): Promise<string[]> {
  if (!isUuid(companyId)) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT "id" FROM "Contact" WHERE "companyId" = ${companyId}::uuid ${contactSearchCondition(q.trim() || undefined)}
    ORDER BY "id" LIMIT ${limit + 1}`);
  return rows.map((row) => row.id);
}

export type EmailMatch = { found: { id: string; email: string }[]; unknown: string[] };

/** Which of these emails (any case) are contacts of the company; emails are stored lower-case (unique index). */
export async function findContactsByEmails(companyId: string, emails: string[]): Promise<EmailMatch> {
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
  if (!isUuid(companyId) || wanted.length === 0) return { found: [], unknown: wanted };
  const db = await getDb();
  const found = await db.$queryRaw<{ id: string; email: string }[]>(sql`
    SELECT "id", "email" FROM "Contact"
    WHERE "companyId" = ${companyId}::uuid AND "email" = ANY(${wanted}::text[])
    ORDER BY "email"`);
  const known = new Set(found.map((row) => row.email));
  return { found, unknown: wanted.filter((email) => !known.has(email)) };
}
