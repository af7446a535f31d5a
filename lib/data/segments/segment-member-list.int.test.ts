import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findContactIdByEmail, listSegmentMemberPage } from "@/lib/data/segments/segment-member-list";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let beta: string;
let alphaSegment: string;
let betaSegment: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta Co", slug: "beta" } })).id;
  // 30 members in Alpha: scores 0..29, names "Person 0".."Person 29"; one "Zoë Special".
  await t.db.contact.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      companyId: alpha,
      email: i === 7 ? "zoe.special@alpha.example" : `p${i}@alpha.example`,
      firstName: i === 7 ? "Zoë" : "Person",
      lastName: i === 7 ? "Special" : String(i),
      leadScore: i,
    })),
  });
  // A non-member in Alpha and a Beta contact with a matching name: neither may show up.
  await t.db.contact.create({ data: { companyId: alpha, email: "outsider@alpha.example", firstName: "Zoë" } });
  await t.db.contact.create({ data: { companyId: beta, email: "zoe@beta.example", firstName: "Zoë" } });

  alphaSegment = (await createSegment(alpha, null, { name: "Alpha list", type: "static" })).id;
  betaSegment = (await createSegment(beta, null, { name: "Beta list", type: "static" })).id;
  const alphaMembers = await t.db.contact.findMany({
    where: { companyId: alpha, email: { endsWith: "@alpha.example", not: "outsider@alpha.example" } },
    select: { id: true, leadScore: true },
  });
  await t.db.segmentMembership.createMany({
    data: alphaMembers.map((c) => ({
      companyId: alpha,
      segmentId: alphaSegment,
      contactId: c.id,
      addedVia: "MANUAL" as const,
      // Older members have lower scores: addedAt order = score order.
      addedAt: new Date(Date.UTC(2026, 0, 1) + (c.leadScore ?? 0) * 60_000),
    })),
  });
  const betaContact = await t.db.contact.findFirstOrThrow({ where: { companyId: beta } });
  await t.db.segmentMembership.create({
    data: { companyId: beta, segmentId: betaSegment, contactId: betaContact.id, addedVia: "API" },
  });
});

afterAll(async () => {
  await t?.close();
});

describe("listSegmentMemberPage", () => {
  it("pages the members, newest first by default, with an exact total", async () => {
    const first = await listSegmentMemberPage(alpha, alphaSegment, { pageSize: 10 });
    expect(first.total).toEqual({ value: 30, exact: true });
    expect(first.rows).toHaveLength(10);
    expect(first.hasNextPage).toBe(true);
    expect(first.rows.map((r) => r.leadScore)).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20]);
    expect(first.rows[0]).toMatchObject({ email: "p29@alpha.example", addedVia: "MANUAL" });
    expect(first.rows[0]?.addedAt).toBeInstanceOf(Date);

    const last = await listSegmentMemberPage(alpha, alphaSegment, { pageSize: 10, page: 3 });
    expect(last.rows.map((r) => r.leadScore)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(last.hasNextPage).toBe(false);

    const pages = [1, 2, 3].map((page) => listSegmentMemberPage(alpha, alphaSegment, { pageSize: 10, page }));
    const ids = (await Promise.all(pages)).flatMap((p) => p.rows.map((r) => r.contactId));
    expect(new Set(ids).size).toBe(30);
  });

  it("sorts by a whitelisted column and rejects others", async () => {
    const byScore = await listSegmentMemberPage(alpha, alphaSegment, { sort: "leadScore", order: "asc", pageSize: 10 });
    expect(byScore.rows.map((r) => r.leadScore)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await expect(
      listSegmentMemberPage(alpha, alphaSegment, { sort: "passwordHash" as "email" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("searches email and name case-insensitively, members only", async () => {
    const byName = await listSegmentMemberPage(alpha, alphaSegment, { q: "zoË" });
    expect(byName.rows.map((r) => r.email)).toEqual(["zoe.special@alpha.example"]);
    expect(byName.total).toEqual({ value: 1, exact: true });
    const byEmail = await listSegmentMemberPage(alpha, alphaSegment, { q: "P1" });
    // p1, p10..p19
    expect(byEmail.total.value).toBe(11);
    const literal = await listSegmentMemberPage(alpha, alphaSegment, { q: "%" });
    expect(literal.rows).toEqual([]);
  });

  it("never shows another company's members", async () => {
    expect((await listSegmentMemberPage(beta, alphaSegment)).rows).toEqual([]);
    expect((await listSegmentMemberPage(alpha, betaSegment)).rows).toEqual([]);
    const own = await listSegmentMemberPage(beta, betaSegment);
    expect(own.rows.map((r) => r.email)).toEqual(["zoe@beta.example"]);
    expect((await listSegmentMemberPage("not-a-uuid", alphaSegment)).rows).toEqual([]);
  });
});

describe("findContactIdByEmail", () => {
  it("finds the company's contact whatever the case, never another company's", async () => {
    expect(await findContactIdByEmail(alpha, "  Outsider@Alpha.Example ")).toEqual(expect.any(String));
    expect(await findContactIdByEmail(beta, "outsider@alpha.example")).toBeNull();
    expect(await findContactIdByEmail(alpha, "")).toBeNull();
  });
});
