import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { countMatching } from "@/lib/data/segments/segment-preview";
import { setDb } from "@/lib/db";
import { findTemplate } from "@/lib/segments/engine/templates";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  checkEmailsAs,
  createSegmentAs,
  previewSegmentAs,
  searchContactsAs,
  suggestValuesAs,
  updateSegmentAs,
} from "./builder-actions";

let t: TestDatabase;
let alpha: string;
let beta: string;
let alphaUser: string;
let betaUser: string;

const member = (companyId: string, userId: string): Actor => ({
  userId,
  email: "m@example.com",
  name: "M",
  role: "MEMBER",
  companyId,
});
const admin = (companyId: string): Actor => ({
  ...member(companyId, "00000000-0000-4000-8000-0000000000ad"),
  role: "ADMIN",
});

/** The spec's full example (Engaged OR High-Value, in North America, not unqualified). */
const fullExample = findTemplate("engaged-or-high-value-na")!.definition;
const highScore = {
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_or_equal", value: 75 }] }],
};

async function memberIds(companyId: string, segmentId: string): Promise<string[]> {
  const rows = await t.db.segmentMembership.findMany({ where: { companyId, segmentId }, select: { contactId: true } });
  return rows.map((row) => row.contactId).sort();
}
const emailsOf = async (ids: string[]) =>
  (await t.db.contact.findMany({ where: { id: { in: ids } }, select: { email: true } })).map((c) => c.email).sort();

beforeAll(async () => {
  // No Inngest in tests: recalculation runs inline.
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_DEV;
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta Co", slug: "beta" } })).id;
  alphaUser = (
    await t.db.user.create({ data: { companyId: alpha, email: "m@alpha.example", name: "A", passwordHash: "x" } })
  ).id;
  betaUser = (
    await t.db.user.create({ data: { companyId: beta, email: "m@beta.example", name: "B", passwordHash: "x" } })
  ).id;
  for (const companyId of [alpha, beta]) {
    await t.db.customFieldDefinition.createMany({
      data: [
        { companyId, key: "customer_ltv", label: "Customer LTV", type: "NUMBER" },
        { companyId, key: "bounced", label: "Bounced", type: "BOOLEAN" },
        { companyId, key: "industry", label: "Industry", type: "SELECT", options: ["SaaS", "Retail"] },
      ],
    });
  }
  await t.db.contact.createMany({
    data: [
      {
        companyId: alpha,
        email: "hv@alpha.example",
        country: "Canada",
        leadScore: 80,
        customFields: { customer_ltv: 2000, industry: "SaaS" },
      },
      {
        companyId: alpha,
        email: "hv-bounced@alpha.example",
        country: "Canada",
        leadScore: 90,
        customFields: { customer_ltv: 5000, bounced: true },
      },
      {
        companyId: alpha,
        email: "unq@alpha.example",
        country: "United States",
        leadScore: 99,
        tags: ["unqualified"],
        customFields: { customer_ltv: 3000 },
      },
      {
        companyId: alpha,
        email: "de@alpha.example",
        country: "Germany",
        leadScore: 95,
        customFields: { customer_ltv: 9000, industry: "Retail" },
      },
      {
        companyId: alpha,
        email: "low@alpha.example",
        country: "United States",
        leadScore: 10,
        customFields: { industry: "saas" },
      },
      {
        companyId: beta,
        email: "hv@beta.example",
        country: "Canada",
        leadScore: 99,
        customFields: { customer_ltv: 9999 },
      },
    ],
  });
});

afterAll(async () => {
  await t?.close();
});

describe("createSegmentAs", () => {
  it("reports invalid rules at the engine's paths under rules, and a blank name, creating nothing", async () => {
    const rules = structuredClone(fullExample) as typeof fullExample;
    (rules.groups[1]!.conditions[0] as { value: unknown }).value = [];
    const result = await createSegmentAs(member(alpha, alphaUser), alpha, { name: "NA", type: "dynamic", rules });
    expect(result).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: [{ path: ["rules", "groups", 1, "conditions", 0, "value"], message: "add at least one value" }],
    });
    const unnamed = await createSegmentAs(member(alpha, alphaUser), alpha, {
      name: "  ",
      type: "dynamic",
      rules: highScore,
    });
    expect(unnamed).toMatchObject({ ok: false, issues: [{ path: ["name"], message: "enter a name" }] });
    const unknownField = await createSegmentAs(member(alpha, alphaUser), alpha, {
      name: "X",
      type: "dynamic",
      rules: {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "customField.nope", operator: "is_set" }] }],
      },
    });
    expect(unknownField).toMatchObject({
      ok: false,
      issues: [{ path: ["rules", "groups", 0, "conditions", 0, "field"], message: 'unknown custom field "nope"' }],
    });
    expect(await t.db.segment.count()).toBe(0);
  });

  it("answers a NUL character in the name, description, a rule value or a picked email with a field error", async () => {
    const create = (input: Record<string, unknown>) =>
      createSegmentAs(member(alpha, alphaUser), alpha, { name: "N", type: "dynamic", rules: highScore, ...input });
    const rulesWith = (value: unknown) => ({
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.country", operator: "equals", value }] }],
    });
    for (const [input, path] of [
      [{ name: "V\u0000IP" }, ["name"]],
      [{ description: "d\u0000" }, ["description"]],
      [{ name: "Lone \ud800" }, ["name"]],
      [{ rules: rulesWith("Can\u0000ada") }, ["rules", "groups", 0, "conditions", 0, "value"]],
      [{ type: "static", rules: undefined, members: { emails: ["a\u0000@alpha.example"] } }, ["members", "emails", 0]],
    ] as const) {
      const result = await create(input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "validation_error" });
      expect(result.ok === false && result.issues?.map((issue) => issue.path)).toContainEqual(path);
    }
    expect(await t.db.segment.count()).toBe(0);
  });

  it("saves a dynamic segment and fills its membership at once (the spec's full example)", async () => {
    const result = await createSegmentAs(member(alpha, alphaUser), alpha, {
      name: "Engaged OR High-Value NA",
      description: "The spec's example",
      type: "dynamic",
      rules: fullExample,
    });
    expect(result).toMatchObject({ ok: true, data: { companyId: alpha, recalculation: "inline" } });
    if (!result.ok) return;
    const saved = await t.db.segment.findUniqueOrThrow({
      where: { companyId_id: { companyId: alpha, id: result.data.id } },
    });
    expect(saved).toMatchObject({
      type: "DYNAMIC",
      contactCount: 1,
      needsRecalculation: false,
      createdById: alphaUser,
    });
    expect(saved.rules).toEqual(fullExample);
    expect(await emailsOf(await memberIds(alpha, result.data.id))).toEqual(["hv@alpha.example"]);
  });

  it("saves a static segment with picked contacts, CSV emails and 'all matching', reporting unknown emails", async () => {
    const [low] = await t.db.contact.findMany({ where: { companyId: alpha, email: "low@alpha.example" } });
    const result = await createSegmentAs(member(alpha, alphaUser), alpha, {
      name: "Picked by hand",
      type: "static",
      members: {
        contactIds: [low!.id],
        emails: ["DE@alpha.example", "nobody@alpha.example", "hv@beta.example"],
        matchingSearch: "hv-bounced",
      },
    });
    expect(result).toMatchObject({
      ok: true,
      data: { added: 3, unknownEmails: ["nobody@alpha.example", "hv@beta.example"] },
    });
    if (!result.ok) return;
    expect(await emailsOf(await memberIds(alpha, result.data.id))).toEqual([
      "de@alpha.example",
      "hv-bounced@alpha.example",
      "low@alpha.example",
    ]);
    const saved = await t.db.segment.findFirstOrThrow({ where: { id: result.data.id } });
    expect(saved).toMatchObject({ type: "STATIC", contactCount: 3, rules: null });
  });

  it("saves a static segment without the rules the builder still holds from before 'static' was picked", async () => {
    const result = await createSegmentAs(member(alpha, alphaUser), alpha, {
      name: "Static after all",
      type: "static",
      rules: highScore,
    });
    expect(result).toMatchObject({ ok: true, data: { added: 0, unknownEmails: [] } });
    if (!result.ok) return;
    expect(await t.db.segment.findFirstOrThrow({ where: { id: result.data.id } })).toMatchObject({ rules: null });
  });

  it("refuses contacts for a dynamic segment, and a member's request for another company (not found)", async () => {
    expect(
      await createSegmentAs(member(alpha, alphaUser), alpha, {
        name: "D",
        type: "dynamic",
        rules: highScore,
        members: { contactIds: [], emails: ["a@b.c"] },
      }),
    ).toMatchObject({ ok: false, code: "validation_error", issues: [{ path: ["members"] }] });
    const forged = await createSegmentAs(member(alpha, alphaUser), alpha, {
      companyId: beta,
      name: "Sneaky",
      type: "dynamic",
      rules: highScore,
    });
    expect(forged).toMatchObject({ ok: false, code: "not_found" });
    expect(await t.db.segment.count({ where: { companyId: beta } })).toBe(0);
  });

  it("lets a platform admin create a segment for a chosen company", async () => {
    const result = await createSegmentAs(admin(alpha), alpha, {
      companyId: beta,
      name: "Beta high",
      type: "dynamic",
      rules: highScore,
    });
    expect(result).toMatchObject({ ok: true, data: { companyId: beta } });
    if (!result.ok) return;
    expect(await emailsOf(await memberIds(beta, result.data.id))).toEqual(["hv@beta.example"]);
    const missing = await createSegmentAs(admin(alpha), alpha, {
      companyId: "00000000-0000-4000-8000-000000000999",
      name: "Nowhere",
      type: "dynamic",
      rules: highScore,
    });
    expect(missing).toMatchObject({ ok: false, code: "not_found", error: "This company does not exist." });
  });
});

describe("updateSegmentAs", () => {
  let id: string;
  beforeAll(async () => {
    const created = await createSegmentAs(member(alpha, alphaUser), alpha, {
      name: "High scores",
      type: "dynamic",
      rules: highScore,
    });
    if (!created.ok) throw new Error(created.error);
    id = created.data.id;
  });

  it("renames without touching membership or requesting a recalculation", async () => {
    const before = await memberIds(alpha, id);
    const runsBefore = await t.db.segmentRecalculation.count({ where: { segmentId: id } });
    // The same rules come back from the form: not a change.
    const result = await updateSegmentAs(member(alpha, alphaUser), alpha, {
      id,
      name: "Top scores",
      description: "renamed",
      rules: JSON.parse(JSON.stringify(highScore)),
    });
    expect(result).toEqual({ ok: true, data: { id, companyId: alpha, rulesChanged: false } });
    expect(await memberIds(alpha, id)).toEqual(before);
    expect(await t.db.segmentRecalculation.count({ where: { segmentId: id } })).toBe(runsBefore);
    expect(await t.db.segment.findFirstOrThrow({ where: { id } })).toMatchObject({
      name: "Top scores",
      definitionVersion: 1,
    });
  });

  it("new rules bump the version and recalculate membership", async () => {
    const rules = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.country", operator: "in", value: ["germany"] }] }],
    };
    const result = await updateSegmentAs(member(alpha, alphaUser), alpha, { id, rules });
    expect(result).toMatchObject({ ok: true, data: { rulesChanged: true } });
    expect(await emailsOf(await memberIds(alpha, id))).toEqual(["de@alpha.example"]);
  });

  it("refuses new rules while a scheduled campaign targets the segment, but still renames", async () => {
    const campaign = await t.db.campaign.create({
      data: { companyId: alpha, name: "Spring launch", status: "SCHEDULED" },
    });
    await t.db.campaignAudience.create({
      data: { companyId: alpha, campaignId: campaign.id, segmentId: id, role: "INCLUDE" },
    });
    const refused = await updateSegmentAs(member(alpha, alphaUser), alpha, { id, name: "Locked", rules: highScore });
    expect(refused).toMatchObject({ ok: false, code: "conflict", issues: [{ path: ["rules"] }] });
    expect(refused.ok ? "" : refused.error).toContain("“Spring launch”");
    expect(await t.db.segment.findFirstOrThrow({ where: { id } })).toMatchObject({
      name: "Top scores",
      definitionVersion: 2,
    });
    expect(await updateSegmentAs(member(alpha, alphaUser), alpha, { id, name: "Locked" })).toMatchObject({ ok: true });
    await t.db.campaign.delete({ where: { companyId_id: { companyId: alpha, id: campaign.id } } });
  });

  it("another company's member gets not found; a platform admin may edit it", async () => {
    expect(await updateSegmentAs(member(beta, betaUser), beta, { id, name: "Mine now" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await updateSegmentAs(member(beta, betaUser), beta, { id: "not-a-uuid", name: "x" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await updateSegmentAs(admin(beta), beta, { id, description: "checked by admin" })).toMatchObject({
      ok: true,
      data: { companyId: alpha },
    });
    expect(await t.db.segment.findFirstOrThrow({ where: { id } })).toMatchObject({ description: "checked by admin" });
  });
});

describe("previewSegmentAs", () => {
  it("counts exactly what countMatching counts, with a sample of the company's contacts", async () => {
    const result = await previewSegmentAs(member(alpha, alphaUser), alpha, { rules: highScore });
    const expected = await countMatching(alpha, highScore);
    expect(result).toMatchObject({ ok: true, data: { count: expected.count } });
    if (!result.ok) return;
    expect(result.data.count).toBe(4);
    expect(result.data.sample.map((c) => c.email).sort()).toEqual([
      "de@alpha.example",
      "hv-bounced@alpha.example",
      "hv@alpha.example",
      "unq@alpha.example",
    ]);
    expect(new Date(result.data.computedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const full = await previewSegmentAs(member(alpha, alphaUser), alpha, { rules: fullExample });
    expect(full).toMatchObject({ ok: true, data: { count: (await countMatching(alpha, fullExample)).count } });
  });

  it("answers invalid rules with issues at their paths", async () => {
    const result = await previewSegmentAs(member(alpha, alphaUser), alpha, {
      rules: {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "between", value: [9, 1] }] }],
      },
    });
    expect(result).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: [{ path: ["groups", 0, "conditions", 0, "value"], message: "min must not be greater than max" }],
    });
  });

  it("previews in the edited segment's company and reports a self-reference as a cycle", async () => {
    const own = await t.db.segment.findFirstOrThrow({ where: { companyId: alpha, name: "Locked" } });
    const selfRef = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "segment", operator: "in_segment", value: own.id }] }],
    };
    const result = await previewSegmentAs(admin(beta), beta, { segmentId: own.id, rules: selfRef });
    expect(result).toMatchObject({ ok: false, issues: [{ path: ["groups", 0, "conditions", 0, "value"] }] });
    expect(await previewSegmentAs(member(beta, betaUser), beta, { segmentId: own.id, rules: highScore })).toMatchObject(
      {
        ok: false,
        code: "not_found",
      },
    );
  });
});

describe("pickers", () => {
  it("suggests the company's values, most common first, filtered by what was typed", async () => {
    const countries = await suggestValuesAs(member(alpha, alphaUser), alpha, { field: "contact.country", q: "" });
    expect(countries).toEqual({
      ok: true,
      data: [
        { value: "Canada", count: 2 },
        { value: "United States", count: 2 },
        { value: "Germany", count: 1 },
      ],
    });
    expect(await suggestValuesAs(member(alpha, alphaUser), alpha, { field: "contact.country", q: "GER" })).toEqual({
      ok: true,
      data: [{ value: "Germany", count: 1 }],
    });
    expect(await suggestValuesAs(member(alpha, alphaUser), alpha, { field: "contact.tags", q: "" })).toEqual({
      ok: true,
      data: [{ value: "unqualified", count: 1 }],
    });
    expect(await suggestValuesAs(member(alpha, alphaUser), alpha, { field: "customField.industry", q: "" })).toEqual({
      ok: true,
      data: [
        { value: "Retail", count: 1 },
        { value: "SaaS", count: 1 },
        { value: "saas", count: 1 },
      ],
    });
    // Not a suggestible field, or SQL in the field name: nothing, never an error.
    expect(await suggestValuesAs(member(alpha, alphaUser), alpha, { field: "contact.email", q: "" })).toEqual({
      ok: true,
      data: [],
    });
    expect(
      await suggestValuesAs(member(alpha, alphaUser), alpha, { field: 'contact.country"; DROP TABLE "Contact', q: "" }),
    ).toEqual({ ok: true, data: [] });
    expect(
      await suggestValuesAs(member(alpha, alphaUser), alpha, { companyId: beta, field: "contact.country", q: "" }),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("searches the company's contacts a page at a time and checks CSV emails", async () => {
    const page = await searchContactsAs(member(alpha, alphaUser), alpha, { q: "hv", page: 1 });
    expect(page.ok && page.data.rows.map((r) => r.email)).toEqual(["hv-bounced@alpha.example", "hv@alpha.example"]);
    const checked = await checkEmailsAs(member(alpha, alphaUser), alpha, {
      emails: ["HV@alpha.example", "hv@beta.example", ""],
    });
    expect(checked).toMatchObject({
      ok: true,
      data: { found: [{ email: "hv@alpha.example" }], unknown: ["hv@beta.example"] },
    });
    // Search text PostgreSQL cannot store is cleaned, not an error.
    const nul = await searchContactsAs(member(alpha, alphaUser), alpha, { q: "h\u0000v", page: 1 });
    expect(nul.ok && nul.data.rows.map((r) => r.email)).toEqual(["hv-bounced@alpha.example", "hv@alpha.example"]);
    expect(
      await suggestValuesAs(member(alpha, alphaUser), alpha, { field: "contact.country", q: "\u0000" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await checkEmailsAs(member(alpha, alphaUser), alpha, { emails: ["hv\u0000@alpha.example"] })).toMatchObject({
      ok: false,
      code: "validation_error",
    });
    expect(await searchContactsAs(member(beta, betaUser), beta, { companyId: alpha, q: "" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
