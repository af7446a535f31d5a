/**
 * A fixed-window request counter per API key, in memory. Simple and exact enough for one
 * server process: each process counts on its own, so N processes allow up to N × limit.
 * A shared store (Redis, the database) would be the next step for a fleet.
 */
export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (≥ 1): the Retry-After of a refused request. */
  resetInSeconds: number;
};

type Window = { startedAt: number; count: number };

export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error("rate limit must be a positive integer");
  }

  /** Counts one request of `key` and says whether it may go ahead. */
  take(key: string): RateLimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size >= 10_000) this.forgetExpired(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    const resetInSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
    if (window.count >= this.limit) {
      return { allowed: false, limit: this.limit, remaining: 0, resetInSeconds };
    }
    window.count += 1;
    return { allowed: true, limit: this.limit, remaining: this.limit - window.count, resetInSeconds };
  }

  /** Keeps memory bounded when many keys were used once. */
  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}
