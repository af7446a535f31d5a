import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { listRecalculations } from "@/lib/data/segments/segment-run-history";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { NUL_MESSAGE } from "@/lib/segments/engine/storable-text";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { explainContactAs, recalculateSegmentAs } from "./detail-actions";

let t: TestDatabase;
let alpha: string;
let beta: string;
let alphaUser: string;
let segmentId: string;

const highScore = {
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: 50 }] }],
};

const member = (companyId: string, userId: string): Actor => ({
  userId,
  email: "m@example.com",
  name: "M",
  role: "MEMBER",
  companyId,
});

beforeAll(async () => {
  // No Inngest configured in tests: recalculation runs inline.
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_DEV;
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta Co", slug: "beta" } })).id;
  alphaUser = (
    await t.db.user.create({ data: { companyId: alpha, email: "m@alpha.example", name: "Mia", passwordHash: "x" } })
  ).id;
  await t.db.contact.createMany({
    data: [
      { companyId: alpha, email: "hot@alpha.example", leadScore: 90 },
      { companyId: alpha, email: "cold@alpha.example", leadScore: 10 },
      { companyId: beta, email: "hot@beta.example", leadScore: 95 },
    ],
  });
  segmentId = (await createSegment(alpha, alphaUser, { name: "Hot leads", type: "dynamic", rules: highScore })).id;
});

afterAll(async () => {
  await t?.close();
});

describe("recalculateSegmentAs", () => {
  it("refuses a member of another company (not found) and a forged scope (forbidden), running nothing", async () => {
    const outsider = member(beta, "00000000-0000-4000-8000-000000000001");
    expect(await recalculateSegmentAs(outsider, beta, segmentId)).toMatchObject({ ok: false, code: "not_found" });
    expect(await recalculateSegmentAs(outsider, alpha, segmentId)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await recalculateSegmentAs(outsider, beta, "not-a-uuid")).toMatchObject({ ok: false, code: "not_found" });
    expect(await listRecalculations(alpha, segmentId)).toEqual([]);
  });

  it("recalculates inline for the company's member and records who asked", async () => {
    const result = await recalculateSegmentAs(member(alpha, alphaUser), alpha, segmentId);
    expect(result).toEqual({
      ok: true,
      data: { mode: "inline", status: "SUCCEEDED", entered: 1, exited: 0, error: null },
    });
    const [run] = await listRecalculations(alpha, segmentId);
    expect(run).toMatchObject({ trigger: "MANUAL", entered: 1, requestedBy: { id: alphaUser, name: "Mia" } });
  });

  it("lets a platform admin working in another company recalculate it", async () => {
    const admin: Actor = { ...member(beta, "00000000-0000-4000-8000-000000000002"), role: "ADMIN" };
    const result = await recalculateSegmentAs(admin, beta, segmentId);
    expect(result).toMatchObject({ ok: true, data: { mode: "inline", entered: 0, exited: 0 } });
  });
});

describe("explainContactAs", () => {
  it("explains a contact of the segment's company by email", async () => {
    const result = await explainContactAs(member(alpha, alphaUser), alpha, { segmentId, email: "COLD@alpha.example" });
    if (!result.ok) throw new Error(result.error);
    expect(result.data.tree.matched).toBe(false);
    const condition = result.data.tree.children?.[0]?.children?.[0];
    expect(condition).toMatchObject({ kind: "condition", matched: false, actual: 10 });
  });

  it("does not find another company's contact or segment", async () => {
    const alphaMember = member(alpha, alphaUser);
    expect(await explainContactAs(alphaMember, alpha, { segmentId, email: "hot@beta.example" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    const outsider = member(beta, "00000000-0000-4000-8000-000000000001");
    expect(await explainContactAs(outsider, beta, { segmentId, email: "hot@beta.example" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("answers an email with a NUL character with the reason, not a 500", async () => {
    expect(
      await explainContactAs(member(alpha, alphaUser), alpha, { segmentId, email: "cold\u0000@alpha.example" }),
    ).toEqual({ ok: false, code: "validation_error", error: `Email ${NUL_MESSAGE}.` });
  });
});
