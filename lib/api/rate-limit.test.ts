import { describe, expect, it } from "vitest";
import { FixedWindowRateLimiter } from "./rate-limit";

describe("FixedWindowRateLimiter", () => {
  it("allows `limit` requests per window and key, then refuses until the window ends", () => {
    let now = 1_000_000;
    const limiter = new FixedWindowRateLimiter(2, 60_000, () => now);
    expect(limiter.take("a")).toEqual({ allowed: true, limit: 2, remaining: 1, resetInSeconds: 60 });
    now += 10_000;
    expect(limiter.take("a").remaining).toBe(0);
    expect(limiter.take("b").allowed).toBe(true);
    now += 500;
    expect(limiter.take("a")).toEqual({ allowed: false, limit: 2, remaining: 0, resetInSeconds: 50 });
    now = 1_000_000 + 59_999;
    expect(limiter.take("a")).toMatchObject({ allowed: false, resetInSeconds: 1 });
    now = 1_000_000 + 60_000;
    expect(limiter.take("a")).toMatchObject({ allowed: true, remaining: 1, resetInSeconds: 60 });
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => new FixedWindowRateLimiter(0)).toThrow();
    expect(() => new FixedWindowRateLimiter(1.5)).toThrow();
  });
});
