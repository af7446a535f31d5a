import "server-only";
import {
  activeFailures,
  combine,
  decide,
  type ThrottleDecision,
  type ThrottlePolicy,
} from "@/lib/auth/sign-in-throttle";
import { getDb } from "@/lib/db";

/**
 * The sign-in throttle's counts, in the database so they hold across processes and
 * restarts. An attempt is charged before the password is checked (and the charge undone
 * on success): parallel attempts are serialized on the rows, so firing fifty at once
 * gets no more tries than firing them one by one. Policy: lib/auth/sign-in-throttle.ts.
 */
export type ThrottleKey = { key: string; policy: ThrottlePolicy };

type Row = { key: string; failures: number; lastFailureAt: Date };

/** Refused (nothing charged) when any key must wait; otherwise one failure charged on every key. */
export async function chargeSignInAttempt(keys: ThrottleKey[], now = new Date()): Promise<ThrottleDecision> {
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const rows = new Map<string, Row>();
    for (const { key } of sorted) {
      // A row to lock even on the first attempt, so concurrent first attempts queue too.
      await tx.$executeRaw`INSERT INTO "SignInThrottle" (key, failures, "lastFailureAt") VALUES (${key}, 0, ${new Date(0)}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await tx.$queryRaw<
        Row[]
      >`SELECT key, failures, "lastFailureAt" FROM "SignInThrottle" WHERE key = ${key} FOR UPDATE`;
      if (row) rows.set(key, row);
    }
    const decision = combine(sorted.map(({ key, policy }) => decide(rows.get(key) ?? null, policy, now)));
    if (!decision.allowed) return decision;
    for (const { key, policy } of sorted) {
      const failures = activeFailures(rows.get(key) ?? null, policy, now) + 1;
      await tx.signInThrottle.update({ where: { key }, data: { failures, lastFailureAt: now } });
    }
    return decision;
  });
}

/** A right password: the `reset` keys (account, device) start over; the `refund` keys (address) get this attempt back. */
export async function recordSignInSuccess(keys: { reset: string[]; refund: string[] }): Promise<void> {
  const db = await getDb();
  if (keys.reset.length) await db.signInThrottle.deleteMany({ where: { key: { in: keys.reset } } });
  for (const key of keys.refund) {
    await db.$executeRaw`UPDATE "SignInThrottle" SET failures = GREATEST(failures - 1, 0) WHERE key = ${key}`;
  }
  // Housekeeping on the way: rows quiet for a day count as zero anyway (every policy forgets sooner).
  await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } } });
}

const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
