import "server-only";
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from "@/lib/api/key-format";
import { getDb } from "@/lib/db";
import { isUuid, NotFoundError, ValidationError } from "@/lib/errors";
import { unstorableTextMessage } from "@/lib/segments/engine/storable-text";

/** An API key as Settings lists it: never the key or its hash. */
export type ApiKeyDto = {
  id: string;
  name: string;
  /** The key's first characters, e.g. "seg_live_a1B2c3". */
  prefix: string;
  createdAt: Date;
  createdById: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const dtoSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  createdById: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export const API_KEY_NAME_MAX = 100;

/** lastUsedAt is written at most this often per key, so busy keys do not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** A new key for the company. `key` is the only time the key exists outside its owner's hands. */
export async function createApiKey(
  companyId: string,
  input: { name: string; createdById?: string | null },
): Promise<{ key: string; dto: ApiKeyDto }> {
  const name = input.name.trim();
  if (!name) throw new ValidationError("Name the key", [{ path: ["name"], message: "Enter a name" }]);
  if (name.length > API_KEY_NAME_MAX) {
    throw new ValidationError("Name too long", [{ path: ["name"], message: `At most ${API_KEY_NAME_MAX} characters` }]);
  }
  const unstorable = unstorableTextMessage(name);
  if (unstorable) throw new ValidationError("Check the name", [{ path: ["name"], message: unstorable }]);
  if (!isUuid(companyId)) throw new NotFoundError("Company not found");
  const db = await getDb();
  const key = generateApiKey();
  const dto = await db.apiKey.create({
    data: {
      companyId,
      name,
      prefix: displayPrefix(key),
      hash: hashApiKey(key),
      createdById: isUuid(input.createdById) ? input.createdById : null,
    },
    select: dtoSelect,
  });
  return { key, dto };
}

/** The company's keys, newest first, revoked ones included (Settings shows them as revoked). */
export async function listApiKeys(companyId: string): Promise<ApiKeyDto[]> {
  if (!isUuid(companyId)) return [];
  const db = await getDb();
  return db.apiKey.findMany({
    where: { companyId },
    select: dtoSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/**
 * Revokes a key of the company: it stops working at once. Revoking a revoked key keeps
 * its first revocation time. NotFoundError for an id that is not this company's key.
 */
export async function revokeApiKey(companyId: string, id: string): Promise<ApiKeyDto> {
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("API key not found");
  const db = await getDb();
  await db.apiKey.updateMany({ where: { companyId, id, revokedAt: null }, data: { revokedAt: new Date() } });
  const key = await db.apiKey.findFirst({ where: { companyId, id }, select: dtoSelect });
  if (!key) throw new NotFoundError("API key not found");
  return key;
}

/**
 * The company and key a raw key stands for, or null (malformed, unknown or revoked).
 * The one lookup not scoped by a company: the key is what names the company.
 */
export async function authenticateApiKey(rawKey: string): Promise<{ companyId: string; keyId: string } | null> {
  if (!isWellFormedApiKey(rawKey)) return null;
  const db = await getDb();
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(rawKey) },
    select: { id: true, companyId: true, lastUsedAt: true, revokedAt: true },
  });
  if (!key || key.revokedAt) return null;
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write once.
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { companyId: key.companyId, keyId: key.id };
}
