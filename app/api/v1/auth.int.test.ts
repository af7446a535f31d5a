import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { apiRoute, json } from "@/lib/api/handler";
import { apiRequest, companyWithKey, noParams } from "@/lib/api/test-helpers";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/data/platform/api-keys";
import { setDb } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { GET as listCustomFields } from "./custom-fields/route";

let t: TestDatabase;
let acme: { companyId: string; key: string };

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
});

afterAll(async () => {
  await t?.close();
});

async function expectUnauthorized(response: Response, message: RegExp) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe("Bearer");
  const body = await response.json();
  expect(body).toEqual({ error: { code: "unauthorized", message: expect.stringMatching(message) } });
}

describe("API authentication", () => {
  it("answers 401 without an Authorization header", async () => {
    await expectUnauthorized(
      await listCustomFields(apiRequest("GET", "/api/v1/custom-fields"), noParams),
      /Missing API key/,
    );
  });

  it("answers 401 for a malformed header", async () => {
    for (const header of ["Basic abc", "Bearer", "Bearer a b", acme.key, `Token ${acme.key}`]) {
      const request = apiRequest("GET", "/api/v1/custom-fields", { headers: { authorization: header } });
      await expectUnauthorized(await listCustomFields(request, noParams), /Malformed|Invalid/);
    }
  });

  it("answers 401 for a well-formed key that does not exist", async () => {
    const forged = `seg_live_${"A".repeat(40)}`;
    const response = await listCustomFields(apiRequest("GET", "/api/v1/custom-fields", { key: forged }), noParams);
    await expectUnauthorized(response, /Invalid or revoked/);
  });

  it("accepts a live key (scheme in any case) and answers 401 once it is revoked", async () => {
    const { key, dto } = await createApiKey(acme.companyId, { name: "to revoke" });
    const ok = await listCustomFields(
      apiRequest("GET", "/api/v1/custom-fields", { headers: { authorization: `bearer ${key}` } }),
      noParams,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ customFields: [] });

    await revokeApiKey(acme.companyId, dto.id);
    const response = await listCustomFields(apiRequest("GET", "/api/v1/custom-fields", { key }), noParams);
    await expectUnauthorized(response, /Invalid or revoked/);
  });
});

describe("API keys", () => {
  it("stores only a hash and a display prefix, and shows the key once", async () => {
    const { key, dto } = await createApiKey(acme.companyId, { name: "  Zapier  " });
    expect(key).toMatch(/^seg_live_[0-9A-Za-z]{40}$/);
    expect(dto.name).toBe("Zapier");
    expect(dto.prefix).toBe(key.slice(0, 15));
    const stored = await t.db.apiKey.findUniqueOrThrow({ where: { id: dto.id } });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(JSON.stringify(await listApiKeys(acme.companyId))).not.toContain(stored.hash);
  });

  it("authenticates to the key's company and records the last use at most once a minute", async () => {
    const { key, dto } = await createApiKey(acme.companyId, { name: "usage" });
    expect(dto.lastUsedAt).toBeNull();
    expect(await authenticateApiKey(key)).toEqual({ companyId: acme.companyId, keyId: dto.id });
    const first = (await t.db.apiKey.findUniqueOrThrow({ where: { id: dto.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(key);
    const second = (await t.db.apiKey.findUniqueOrThrow({ where: { id: dto.id } })).lastUsedAt;
    expect(second?.getTime()).toBe(first?.getTime());

    // Two minutes later, it is written again.
    await t.db.apiKey.update({ where: { id: dto.id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await authenticateApiKey(key);
    const third = (await t.db.apiKey.findUniqueOrThrow({ where: { id: dto.id } })).lastUsedAt;
    expect(third && Date.now() - third.getTime()).toBeLessThan(10_000);
  });

  it("lists and revokes only the company's own keys", async () => {
    const globex = await companyWithKey(t.db, "globex");
    const globexKeys = await listApiKeys(globex.companyId);
    expect(globexKeys.map((k) => k.name)).toEqual(["globex test key"]);
    const acmeKeyIds = (await listApiKeys(acme.companyId)).map((k) => k.id);
    expect(acmeKeyIds).not.toContain(globexKeys[0]?.id);

    await expect(revokeApiKey(acme.companyId, globexKeys[0]?.id as string)).rejects.toThrow(/not found/);
    await expect(revokeApiKey(acme.companyId, "not-a-uuid")).rejects.toThrow(/not found/);
    expect(await authenticateApiKey(globex.key)).toEqual({ companyId: globex.companyId, keyId: globexKeys[0]?.id });

    const revoked = await revokeApiKey(globex.companyId, globexKeys[0]?.id as string);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await revokeApiKey(globex.companyId, globexKeys[0]?.id as string);
    expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt?.getTime());
    expect(await authenticateApiKey(globex.key)).toBeNull();
  });

  it("rejects a blank or over-long name", async () => {
    await expect(createApiKey(acme.companyId, { name: "   " })).rejects.toThrow(/Name/);
    await expect(createApiKey(acme.companyId, { name: "x".repeat(101) })).rejects.toThrow(/too long/);
  });
});

describe("the route wrapper", () => {
  it("hides unexpected errors behind a generic 500 and logs them", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const route = apiRoute(async () => {
      throw new Error("connection to db.internal:5432 failed (password hunter2)");
    });
    const response = await route(apiRequest("GET", "/api/v1/x", { key: acme.key }), noParams);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side. Please try again later." },
    });
    expect(text).not.toMatch(/hunter2|db\.internal|at /);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("maps not-found and conflict errors, and parses bodies and queries with zod", async () => {
    const notFound = apiRoute(async () => {
      throw new NotFoundError("Segment not found");
    });
    const conflict = apiRoute(async () => {
      throw new ConflictError("An active campaign targets this segment");
    });
    const echo = apiRoute(async ({ body, query }) => {
      const { limit } = query(z.object({ limit: z.coerce.number().int().max(10) }));
      const { name } = await body(z.object({ name: z.string().min(1) }));
      return json({ name, limit }, 201);
    });
    const request = (init: { rawBody?: string; body?: unknown; query?: string }) =>
      apiRequest("POST", `/api/v1/x${init.query ?? "?limit=5"}`, { key: acme.key, ...init });

    expect((await notFound(request({}), noParams)).status).toBe(404);
    const conflictResponse = await conflict(request({}), noParams);
    expect(conflictResponse.status).toBe(409);
    expect(await conflictResponse.json()).toEqual({
      error: { code: "conflict", message: "An active campaign targets this segment" },
    });

    const ok = await echo(request({ body: { name: "x" } }), noParams);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ name: "x", limit: 5 });
    expect(ok.headers.get("cache-control")).toBe("no-store");

    const badBody = await echo(request({ body: { name: "" } }), noParams);
    expect(await badBody.json()).toEqual({
      error: {
        code: "validation_error",
        message: "The request body is not valid",
        issues: [{ path: ["name"], message: expect.any(String) }],
      },
    });
    const badQuery = await echo(request({ body: { name: "x" }, query: "?limit=99" }), noParams);
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).error.issues[0].path).toEqual(["limit"]);
    const empty = await echo(request({ rawBody: "" }), noParams);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/empty/);
  });
});
