import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// lib/env reads the limit once, when first imported: set it before any import runs.
vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "3";
});

import { apiRequest, companyWithKey, noParams } from "@/lib/api/test-helpers";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { GET } from "./custom-fields/route";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
});

afterAll(async () => {
  await t?.close();
});

describe("per-key rate limit", () => {
  it("answers 429 with Retry-After once a key used its requests of the minute; other keys go on", async () => {
    const acme = await companyWithKey(t.db, "acme");
    const globex = await companyWithKey(t.db, "globex");
    const call = (key: string) => GET(apiRequest("GET", "/api/v1/custom-fields", { key }), noParams);

    const allowed = [await call(acme.key), await call(acme.key), await call(acme.key)];
    expect(allowed.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(allowed.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0"]);

    const refused = await call(acme.key);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({
      error: { code: "rate_limited", message: expect.stringMatching(/at most 3 per minute/) },
    });

    expect((await call(globex.key)).status).toBe(200);
  });
});
