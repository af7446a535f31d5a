import { describe, expect, it } from "vitest";
import {
  ACCOUNT_POLICY,
  activeFailures,
  clientAddress,
  combine,
  decide,
  throttleMessage,
  waitSeconds,
} from "./sign-in-throttle";

const now = new Date("2026-12-04T12:00:00Z");
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("waitSeconds", () => {
  it("lets 5 failures through freely, then doubles the wait up to a minute, then locks for 15 minutes", () => {
    expect([0, 4].map((f) => waitSeconds(f, ACCOUNT_POLICY))).toEqual([0, 0]);
    expect([5, 6, 7, 10, 11, 19].map((f) => waitSeconds(f, ACCOUNT_POLICY))).toEqual([1, 2, 4, 32, 60, 60]);
    expect(waitSeconds(20, ACCOUNT_POLICY)).toBe(900);
    expect(waitSeconds(50, ACCOUNT_POLICY)).toBe(900);
  });
});

describe("decide", () => {
  it("allows a key with no or few failures", () => {
    expect(decide(null, ACCOUNT_POLICY, now)).toEqual({ allowed: true });
    expect(decide({ failures: 4, lastFailureAt: now }, ACCOUNT_POLICY, now)).toEqual({ allowed: true });
  });

  it("refuses early with the seconds left, then allows once the delay has passed", () => {
    expect(decide({ failures: 8, lastFailureAt: secondsAgo(3) }, ACCOUNT_POLICY, now)).toEqual({
      allowed: false,
      retryAfterSeconds: 5,
      locked: false,
    });
    expect(decide({ failures: 8, lastFailureAt: secondsAgo(8) }, ACCOUNT_POLICY, now)).toEqual({ allowed: true });
  });

  it("locks for 15 minutes after 20 failures, and the lock ends", () => {
    expect(decide({ failures: 20, lastFailureAt: secondsAgo(60) }, ACCOUNT_POLICY, now)).toEqual({
      allowed: false,
      retryAfterSeconds: 840,
      locked: true,
    });
    expect(decide({ failures: 20, lastFailureAt: secondsAgo(900) }, ACCOUNT_POLICY, now)).toEqual({ allowed: true });
  });

  it("forgets failures after a quiet period as long as the lock", () => {
    expect(activeFailures({ failures: 12, lastFailureAt: secondsAgo(899) }, ACCOUNT_POLICY, now)).toBe(12);
    expect(activeFailures({ failures: 12, lastFailureAt: secondsAgo(900) }, ACCOUNT_POLICY, now)).toBe(0);
  });
});

describe("combine", () => {
  it("keeps the longest wait", () => {
    const short = { allowed: false, retryAfterSeconds: 4, locked: false } as const;
    const lock = { allowed: false, retryAfterSeconds: 600, locked: true } as const;
    expect(combine([{ allowed: true }, short, lock])).toEqual(lock);
    expect(combine([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
  });
});

describe("throttleMessage", () => {
  it("says how long to wait, and says a lock is a lock", () => {
    expect(throttleMessage({ retryAfterSeconds: 1, locked: false })).toBe(
      "Too many failed sign-ins. Try again in 1 second.",
    );
    expect(throttleMessage({ retryAfterSeconds: 840, locked: true })).toMatch(/locked for 14 minutes/);
  });
});

describe("clientAddress", () => {
  it("takes the address Next reports when no proxy is trusted", () => {
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress(null, 0)).toBe("unknown");
  });

  it("takes the entry added by the outermost trusted proxy, ignoring what the client prepended", () => {
    expect(clientAddress("1.1.1.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("1.1.1.1, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", 3)).toBe("203.0.113.9");
  });
});
