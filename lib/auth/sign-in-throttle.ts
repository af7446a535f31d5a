/**
 * Sign-in throttling policy: pure. Failed sign-ins are counted per key (the account, the
 * client's address, a known device); after `freeFailures` each further attempt waits a
 * growing delay, after `lockAfter` the key is locked for `lockSeconds`. A count left alone
 * for `lockSeconds` is forgotten, so every lock ends. The store is lib/data/auth/sign-in-throttle.ts.
 */
export type ThrottlePolicy = {
  freeFailures: number;
  lockAfter: number;
  lockSeconds: number;
  maxDelaySeconds: number;
};

/** Per account (email) and per known device: 5 free tries, then 1 s, 2 s, 4 s … ≤ 60 s; 20 → 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  lockAfter: 20,
  lockSeconds: 15 * 60,
  maxDelaySeconds: 60,
};

/** Per client address: looser, since an office or a mobile carrier puts many people behind one. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  lockAfter: 100,
  lockSeconds: 15 * 60,
  maxDelaySeconds: 60,
};

export type ThrottleRecord = { failures: number; lastFailureAt: Date };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; locked: boolean };

/** The failures that still count at `now` (a quiet period of lockSeconds forgets them). */
export function activeFailures(record: ThrottleRecord | null, policy: ThrottlePolicy, now: Date): number {
  if (!record) return 0;
  const quietSeconds = (now.getTime() - record.lastFailureAt.getTime()) / 1000;
  return quietSeconds >= policy.lockSeconds ? 0 : record.failures;
}

/** How long after the last failure the next attempt must wait, given the failures so far. */
export function waitSeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures >= policy.lockAfter) return policy.lockSeconds;
  if (failures < policy.freeFailures) return 0;
  return Math.min(2 ** (failures - policy.freeFailures), policy.maxDelaySeconds);
}

/** May one more attempt be made on this key now? */
export function decide(record: ThrottleRecord | null, policy: ThrottlePolicy, now: Date): ThrottleDecision {
  const failures = activeFailures(record, policy, now);
  if (!record || failures === 0) return { allowed: true };
  const readyAt = record.lastFailureAt.getTime() + waitSeconds(failures, policy) * 1000;
  const remainingMs = readyAt - now.getTime();
  if (remainingMs <= 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil(remainingMs / 1000), locked: failures >= policy.lockAfter };
}

/** The stricter of several decisions (the longest wait wins; a lock is reported as such). */
export function combine(decisions: ThrottleDecision[]): ThrottleDecision {
  let worst: ThrottleDecision = { allowed: true };
  for (const decision of decisions) {
    if (decision.allowed) continue;
    if (worst.allowed || decision.retryAfterSeconds > worst.retryAfterSeconds) worst = decision;
  }
  return worst;
}

/** What the sign-in form says to a refused attempt. */
export function throttleMessage(decision: { retryAfterSeconds: number; locked: boolean }): string {
  if (decision.locked) {
    const minutes = Math.ceil(decision.retryAfterSeconds / 60);
    return `Too many failed sign-ins: sign-in is locked for ${minutes} ${minutes === 1 ? "minute" : "minutes"}. Try again later, or from a device you signed in with before.`;
  }
  const seconds = decision.retryAfterSeconds;
  return `Too many failed sign-ins. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
}

/**
 * The client's address for the per-address count. Behind `trustedProxyHops` proxies that
 * each append to X-Forwarded-For, it is the entry the outermost trusted proxy added.
 * With none, it is what Next reports: it fills X-Forwarded-For from the socket when the
 * client sent none (a client sending its own only chooses its own per-address key; the
 * per-account count still holds).
 */
export function clientAddress(forwardedFor: string | null, trustedProxyHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return "unknown";
  const index = trustedProxyHops > 0 ? Math.max(entries.length - trustedProxyHops, 0) : entries.length - 1;
  return entries[index]?.slice(0, 64) ?? "unknown";
}
