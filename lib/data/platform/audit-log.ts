import "server-only";
import { createHash } from "node:crypto";
import { sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { AuditAction } from "@/lib/generated/prisma/enums";

/**
 * The company's audit log: irreversible actions (contact deletion and erasure), who did
 * them and how many. It never holds an erased person's data: only `subjectHash`, so
 * "was this email erased?" can be answered later without keeping the email.
 */

/** Who did it: a signed-in user or an API key. */
export type AuditActor = { userId?: string | null; apiKeyId?: string | null; label: string };

/**
 * sha256 of "<companyId>:<email lower-case>": the company id salts it, so the same person
 * erased in two companies has two unrelated references, and the email cannot be read back.
 */
export function subjectHash(companyId: string, email: string): string {
  return createHash("sha256").update(`${companyId}:${email.trim().toLowerCase()}`).digest("hex");
}

/** An API key as an actor: "API key <name> (<prefix>…)", as it is named now. */
export async function apiKeyActor(companyId: string, keyId: string): Promise<AuditActor> {
  const db = await getDb();
  const key = isUuid(keyId)
    ? await db.apiKey.findFirst({ where: { companyId, id: keyId }, select: { name: true, prefix: true } })
    : null;
  return { apiKeyId: key ? keyId : null, label: key ? `API key ${key.name} (${key.prefix}…)` : "API key" };
}

export type AuditLogEntryDto = {
  id: string;
  action: AuditAction;
  actorLabel: string;
  actorKind: "user" | "apiKey";
  count: number;
  at: Date;
};

/** The company's latest entries, newest first. */
export async function listAuditLog(companyId: string, limit = 100): Promise<AuditLogEntryDto[]> {
  if (!isUuid(companyId)) return [];
  const db = await getDb();
  const rows = await db.auditLogEntry.findMany({
    where: { companyId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(Math.trunc(limit), 1), 500),
    select: { id: true, action: true, actorLabel: true, actorApiKeyId: true, count: true, at: true },
  });
  return rows.map(({ actorApiKeyId, ...row }) => ({ ...row, actorKind: actorApiKeyId ? "apiKey" : "user" }));
}

/** When this email was erased ("forgotten") in the company, or null if it never was. */
export async function findErasure(companyId: string, email: string): Promise<Date | null> {
  if (!isUuid(companyId) || !email.trim()) return null;
  const db = await getDb();
  const [row] = await db.$queryRaw<{ at: Date }[]>(sql`
    SELECT "at" FROM "AuditLogEntry"
    WHERE "companyId" = ${companyId}::uuid AND "action" = 'CONTACTS_FORGOTTEN'
      AND "subjectHashes" @> ARRAY[${subjectHash(companyId, email)}]::text[]
    ORDER BY "at" DESC LIMIT 1`);
  return row ? new Date(row.at) : null;
}
