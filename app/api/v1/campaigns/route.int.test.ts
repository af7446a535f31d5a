import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams } from "@/lib/api/test-helpers";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { GET, POST } from "./route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
  // 7 campaigns a minute apart (two at the same instant, to exercise the id tiebreak).
  const base = Date.UTC(2024, 0, 1);
  const at = [0, 1, 2, 3, 3, 5, 6];
  await t.db.campaign.createMany({
    data: at.map((minute, i) => ({
      companyId: acme.companyId,
      name: i % 2 ? `Spring promo ${i}` : `Newsletter ${i}`,
      createdAt: new Date(base + minute * 60_000),
    })),
  });
  await t.db.campaign.create({ data: { companyId: globex.companyId, name: "Globex newsletter" } });
});

afterAll(async () => {
  await t?.close();
});

async function list(query: string, key = acme.key) {
  const response = await GET(apiRequest("GET", `/api/v1/campaigns${query}`, { key }), noParams);
  return { status: response.status, body: await response.json() };
}

describe("GET /api/v1/campaigns", () => {
  it("pages through the company's campaigns, newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      expect(body.campaigns.length).toBeLessThanOrEqual(3);
      seen.push(...body.campaigns.map((c: { name: string }) => c.name));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen[0]).toBe("Newsletter 6");
    expect(seen).not.toContain("Globex newsletter");
  });

  it("searches names case-insensitively", async () => {
    const { body } = await list("?q=SPRING");
    expect(body.campaigns.map((c: { name: string }) => c.name)).toEqual([
      "Spring promo 5",
      "Spring promo 3",
      "Spring promo 1",
    ]);
    expect(body.nextCursor).toBeNull();
    expect((await list("?q=50%25")).body.campaigns).toEqual([]);
  });

  it("answers 400 for a bad limit or a forged cursor", async () => {
    const badLimit = await list("?limit=0");
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.issues).toEqual([{ path: ["limit"], message: expect.any(String) }]);
    expect((await list("?limit=1000")).status).toBe(400);
    const forged = await list("?cursor=abc");
    expect(forged.status).toBe(400);
    expect(forged.body.error.issues[0].path).toEqual(["cursor"]);
  });
});

describe("POST /api/v1/campaigns", () => {
  it("creates a draft (201)", async () => {
    const response = await POST(
      apiRequest("POST", "/api/v1/campaigns", {
        key: acme.key,
        body: { name: " Welcome ", channel: "CALL", subject: "Hi" },
      }),
      noParams,
    );
    expect(response.status).toBe(201);
    const campaign = await response.json();
    expect(campaign).toMatchObject({ name: "Welcome", channel: "call", subject: "Hi", status: "draft" });
    const stored = await t.db.campaign.findFirstOrThrow({ where: { id: campaign.id } });
    expect(stored).toMatchObject({ companyId: acme.companyId, channel: "CALL", status: "DRAFT" });
  });

  it("defaults to email and answers 400 without a name", async () => {
    const ok = await POST(
      apiRequest("POST", "/api/v1/campaigns", { key: acme.key, body: { name: "Plain" } }),
      noParams,
    );
    expect(await ok.json()).toMatchObject({ channel: "email", subject: null });
    const bad = await POST(
      apiRequest("POST", "/api/v1/campaigns", { key: acme.key, body: { channel: "sms" } }),
      noParams,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues).toEqual([
      { path: ["name"], message: "Enter a name" },
      { path: ["channel"], message: 'Expected "email" or "call"' },
    ]);
  });
});
