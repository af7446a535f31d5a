import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { setAudience } from "@/lib/data/campaigns/campaign-audience";
import { findSegmentCompanyId, getSegment, getSegmentUsage, listSegments } from "@/lib/data/segments/segment-reads";
import { createSegment, deleteSegment, updateSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { ConflictError, InUseError, NotFoundError, ValidationError } from "@/lib/errors";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { SEGMENT_NAME_TAKEN } from "@/lib/segments/schema";
import { deleteSegmentAs, segmentDeleteInfoAs } from "@/lib/segments/segment-actions";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let beta: string;
let alphaUser: string;
let alphaContacts: string[] = [];

const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/** Lead score above n: a valid definition of the rule language. */
const scoreAbove = (n: number) => ({
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: n }] }],
});
const inSegment = (id: string) => ({
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "segment", operator: "in_segment", value: id }] }],
});
const notInSegmentGroup = (id: string) => ({
  match: "all",
  conditions: [
    { field: "contact.leadScore", operator: "greater_than", value: 0 },
    { field: "segment", operator: "not_in_segment", value: id },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const [a, b] = await Promise.all([
    t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } }),
    t.db.company.create({ data: { name: "Beta Co", slug: "beta" } }),
  ]);
  alpha = a.id;
  beta = b.id;
  alphaUser = (
    await t.db.user.create({
      data: { companyId: alpha, email: "m@alpha.example", name: "Mia", passwordHash: "x" },
    })
  ).id;
  await t.db.contact.createMany({
    data: ["a@x.example", "b@x.example", "c@x.example"].map((email, i) => ({
      companyId: alpha,
      email,
      leadScore: i * 40,
    })),
  });
  alphaContacts = (await t.db.contact.findMany({ where: { companyId: alpha }, select: { id: true } })).map((c) => c.id);
});

afterAll(async () => {
  await t?.close();
});

async function addCampaign(
  companyId: string,
  name: string,
  status: CampaignStatus,
  segmentId: string,
  role: "INCLUDE" | "EXCLUDE" = "INCLUDE",
) {
  const campaign = await t.db.campaign.create({ data: { companyId, name, status }, select: { id: true } });
  await t.db.campaignAudience.create({ data: { companyId, campaignId: campaign.id, segmentId, role } });
  return campaign.id;
}

async function addMembers(companyId: string, segmentId: string, contactIds: string[]) {
  await t.db.segmentMembership.createMany({
    data: contactIds.map((contactId) => ({ companyId, segmentId, contactId, addedVia: "MANUAL" as const })),
  });
  await t.db.segment.update({
    where: { companyId_id: { companyId, id: segmentId } },
    data: { contactCount: contactIds.length },
  });
}

describe("createSegment / getSegment", () => {
  it("creates a dynamic segment flagged for its first recalculation", async () => {
    const created = await createSegment(alpha, alphaUser, {
      name: "  Hot leads ",
      description: "Score above 50",
      type: "dynamic",
      rules: scoreAbove(50),
    });
    expect(created).toMatchObject({
      companyId: alpha,
      companyName: "Alpha Co",
      name: "Hot leads",
      description: "Score above 50",
      type: "DYNAMIC",
      status: "ACTIVE",
      contactCount: 0,
      definitionVersion: 1,
      needsRecalculation: true,
      createdById: alphaUser,
      lastRun: null,
      freshness: "never",
    });
    expect(created.rules).toEqual(scoreAbove(50));
    expect(await getSegment(alpha, created.id)).toEqual(created);
  });

  it("creates a static segment without rules and rejects rules on it", async () => {
    const created = await createSegment(alpha, null, { name: "Conference list", type: "STATIC", description: "  " });
    expect(created).toMatchObject({ type: "STATIC", rules: null, description: null, freshness: "fresh" });
    await expect(
      createSegment(alpha, null, { name: "Static with rules", type: "STATIC", rules: scoreAbove(1) }),
    ).rejects.toMatchObject({ issues: [{ path: ["rules"], message: "a static segment has no rules" }] });
  });

  it("rejects invalid input with field-level issues", async () => {
    const err = await createSegment(alpha, null, { name: " ", type: "dynamic", rules: scoreAbove(1) }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues).toEqual([{ path: ["name"], message: "enter a name" }]);

    const noRules = await createSegment(alpha, null, { name: "No rules", type: "dynamic" }).catch((e) => e);
    expect(noRules.issues).toEqual([{ path: ["rules"], message: "a dynamic segment needs rules" }]);

    const badRules = await createSegment(alpha, null, {
      name: "Bad rules",
      type: "dynamic",
      rules: {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "customField.nope", operator: "is_set" }] }],
      },
    }).catch((e) => e);
    expect(badRules).toBeInstanceOf(ValidationError);
    expect(badRules.issues[0].path.slice(0, 1)).toEqual(["rules"]);
    expect(badRules.issues[0].message).toContain("nope");

    const badType = await createSegment(alpha, null, { name: "X", type: "weekly" as never }).catch((e) => e);
    expect(badType.issues[0].path).toEqual(["type"]);
    expect(await t.db.segment.count({ where: { name: { in: ["No rules", "Bad rules", "X"] } } })).toBe(0);
  });

  it("refuses a name already used in the company, whatever its case", async () => {
    const err = await createSegment(alpha, null, { name: "HOT LEADS", type: "static" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(SEGMENT_NAME_TAKEN);
    expect(err.issues).toEqual([{ path: ["name"], message: "A segment with this name already exists" }]);
    // Another company may use it.
    await expect(createSegment(beta, null, { name: "Hot leads", type: "static" })).resolves.toMatchObject({
      companyId: beta,
    });
  });

  it("finds nothing for another company's id, a missing id or a non-UUID", async () => {
    const [ofAlpha] = await t.db.segment.findMany({ where: { companyId: alpha }, take: 1 });
    expect(await getSegment(beta, ofAlpha!.id)).toBeNull();
    expect(await getSegment(alpha, MISSING_ID)).toBeNull();
    expect(await getSegment(alpha, "not-a-uuid")).toBeNull();
    expect(await getSegment('\'; DROP TABLE "Segment"; --', ofAlpha!.id)).toBeNull();
    expect(await findSegmentCompanyId(ofAlpha!.id)).toBe(alpha);
    expect(await findSegmentCompanyId(MISSING_ID)).toBeNull();
    expect(await findSegmentCompanyId("nope")).toBeNull();
  });

  it("refuses to create in a company that does not exist", async () => {
    await expect(createSegment(MISSING_ID, null, { name: "Orphan", type: "static" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("updateSegment", () => {
  it("renames without touching membership or the definition version", async () => {
    const segment = await createSegment(alpha, null, { name: "Rename me", type: "dynamic", rules: scoreAbove(10) });
    await addMembers(alpha, segment.id, alphaContacts.slice(0, 2));
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: segment.id } },
      data: { needsRecalculation: false, lastRecalculatedAt: new Date() },
    });

    const renamed = await updateSegment(alpha, segment.id, { name: "Renamed", description: "New words" });
    expect(renamed).toMatchObject({
      name: "Renamed",
      description: "New words",
      definitionVersion: 1,
      needsRecalculation: false,
      contactCount: 2,
    });
    expect(await t.db.segmentMembership.count({ where: { companyId: alpha, segmentId: segment.id } })).toBe(2);

    // The same rules with keys in another order are no change either.
    const { groups, match } = scoreAbove(10);
    const same = await updateSegment(alpha, segment.id, { rules: { groups, match } });
    expect(same).toMatchObject({ definitionVersion: 1, needsRecalculation: false });

    const cleared = await updateSegment(alpha, segment.id, { description: null });
    expect(cleared.description).toBeNull();
  });

  it("bumps the definition version and flags recalculation when the rules change", async () => {
    const segment = await createSegment(alpha, null, { name: "Changing", type: "dynamic", rules: scoreAbove(10) });
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: segment.id } },
      data: { needsRecalculation: false },
    });
    const changed = await updateSegment(alpha, segment.id, { rules: scoreAbove(20) });
    expect(changed).toMatchObject({ definitionVersion: 2, needsRecalculation: true });
    expect(changed.rules).toEqual(scoreAbove(20));
    const again = await updateSegment(alpha, segment.id, { rules: scoreAbove(30) });
    expect(again.definitionVersion).toBe(3);
  });

  it("refuses invalid rules, rules on a static segment, a taken name and unknown fields", async () => {
    const segment = await createSegment(alpha, null, { name: "Strict", type: "dynamic", rules: scoreAbove(10) });
    const bad = await updateSegment(alpha, segment.id, { rules: { match: "all", groups: [] } }).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.issues[0].path[0]).toBe("rules");

    const taken = await updateSegment(alpha, segment.id, { name: "hot leads" }).catch((e) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    expect(taken.issues[0].path).toEqual(["name"]);
    // Its own name in another case is fine.
    await expect(updateSegment(alpha, segment.id, { name: "STRICT" })).resolves.toMatchObject({ name: "STRICT" });

    const unknown = await updateSegment(alpha, segment.id, { type: "STATIC" } as never).catch((e) => e);
    expect(unknown).toBeInstanceOf(ValidationError);

    const stat = await createSegment(alpha, null, { name: "Static strict", type: "static" });
    const staticRules = await updateSegment(alpha, stat.id, { rules: scoreAbove(1) }).catch((e) => e);
    expect(staticRules.issues).toEqual([{ path: ["rules"], message: "a static segment has no rules" }]);
    expect((await getSegment(alpha, segment.id))?.definitionVersion).toBe(1);
  });

  it("refuses a rule that would make a segment refer to itself", async () => {
    const segment = await createSegment(alpha, null, { name: "Loop", type: "dynamic", rules: scoreAbove(10) });
    const err = await updateSegment(alpha, segment.id, { rules: inSegment(segment.id) }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
  });

  it("cannot touch another company's segment", async () => {
    const [ofAlpha] = await t.db.segment.findMany({ where: { companyId: alpha }, take: 1 });
    await expect(updateSegment(beta, ofAlpha!.id, { name: "Hijacked" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateSegment(alpha, "nope", { name: "x" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.db.segment.findFirst({ where: { id: ofAlpha!.id } }))?.name).not.toBe("Hijacked");
  });
});

describe("deleteSegment / getSegmentUsage", () => {
  it("is refused, even for an exclusion, while a draft, scheduled or sending campaign targets it", async () => {
    const segment = await createSegment(alpha, null, { name: "Audience", type: "static" });
    await addMembers(alpha, segment.id, alphaContacts);
    await addCampaign(alpha, "Spring sale", "SCHEDULED", segment.id, "EXCLUDE");
    await addCampaign(alpha, "Launch blast", "SENDING", segment.id);
    const draft = await addCampaign(alpha, "Someday", "DRAFT", segment.id);

    const usage = await getSegmentUsage(alpha, segment.id);
    expect(usage?.blockingCampaigns.map((c) => [c.name, c.status, c.role])).toEqual([
      ["Launch blast", "SENDING", "INCLUDE"],
      ["Spring sale", "SCHEDULED", "EXCLUDE"],
    ]);
    expect(usage?.draftCampaigns.map((c) => c.name)).toEqual(["Someday"]);

    const err = await deleteSegment(alpha, segment.id).catch((e) => e);
    expect(err).toBeInstanceOf(InUseError);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.apiCode).toBe("segment_in_use");
    expect(err.message).toContain('"Spring sale" (scheduled, excludes it)');
    expect(err.message).toContain('"Launch blast" (sending)');
    expect(err.message).toContain('"Someday" (draft)');
    expect(err.details.campaigns.map((c: { name: string }) => c.name)).toEqual([
      "Launch blast",
      "Spring sale",
      "Someday",
    ]);
    expect(await getSegment(alpha, segment.id)).not.toBeNull();
    expect(await t.db.segmentMembership.count({ where: { segmentId: segment.id } })).toBe(3);
    expect(await t.db.campaignAudience.count({ where: { segmentId: segment.id } })).toBe(3);

    // A draft alone still blocks: it would silently lose the audience.
    await t.db.campaign.updateMany({ where: { companyId: alpha, id: { not: draft } }, data: { status: "SENT" } });
    await expect(deleteSegment(alpha, segment.id)).rejects.toThrow(/"Someday" \(draft\)/);
  });

  it("is allowed once only sent or cancelled campaigns used it; their links go, contacts stay", async () => {
    const segment = await createSegment(alpha, null, { name: "Old audience", type: "static" });
    await addMembers(alpha, segment.id, alphaContacts);
    const cancelled = await addCampaign(alpha, "Dropped newsletter", "CANCELLED", segment.id);
    const sent = await addCampaign(alpha, "Old newsletter", "SENT", segment.id, "EXCLUDE");
    await t.db.segmentRecalculation.create({
      data: { companyId: alpha, segmentId: segment.id, trigger: "MANUAL", status: "SUCCEEDED" },
    });

    expect(await deleteSegment(alpha, segment.id)).toEqual({ id: segment.id, name: "Old audience" });
    expect(await getSegment(alpha, segment.id)).toBeNull();
    expect(await t.db.campaignAudience.count({ where: { segmentId: segment.id } })).toBe(0);
    expect(await t.db.segmentMembership.count({ where: { segmentId: segment.id } })).toBe(0);
    expect(await t.db.segmentRecalculation.count({ where: { segmentId: segment.id } })).toBe(0);
    expect(await t.db.campaign.count({ where: { id: { in: [cancelled, sent] } } })).toBe(2);
    expect(await t.db.contact.count({ where: { companyId: alpha } })).toBe(3);
  });

  it("is refused while other segments' rules refer to it, paused ones included, naming them", async () => {
    const base = await createSegment(alpha, null, { name: "Base", type: "static" });
    const child = await createSegment(alpha, null, {
      name: "Child of base",
      type: "dynamic",
      rules: { ...inSegment(base.id), groups: [notInSegmentGroup(base.id)] },
    });
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: child.id } },
      data: { status: "PAUSED" },
    });

    const usage = await getSegmentUsage(alpha, base.id);
    expect(usage?.dependentSegments).toEqual([{ id: child.id, name: "Child of base" }]);
    const err = await deleteSegment(alpha, base.id).catch((e) => e);
    expect(err).toBeInstanceOf(InUseError);
    expect(err.message).toContain('segment "Child of base" refers to it');
    expect(err.details).toEqual({ campaigns: [], segments: [{ id: child.id, name: "Child of base" }] });
    expect(await getSegment(alpha, base.id)).not.toBeNull();

    // Once the reference is gone, so may the segment.
    await updateSegment(alpha, child.id, { rules: scoreAbove(10) });
    await deleteSegment(alpha, base.id);
    expect(await getSegment(alpha, base.id)).toBeNull();
  });

  it("a rule saved with a reference while the segment is being deleted: one of them is refused", async () => {
    const base = await createSegment(alpha, null, { name: "Raced base", type: "static" });
    const other = await createSegment(alpha, null, { name: "Raced referrer", type: "dynamic", rules: scoreAbove(1) });
    const [saved, deleted] = await Promise.allSettled([
      updateSegment(alpha, other.id, { rules: inSegment(base.id) }),
      deleteSegment(alpha, base.id),
    ]);
    const baseExists = (await getSegment(alpha, base.id)) !== null;
    const referrer = await getSegment(alpha, other.id);
    const refersToBase = JSON.stringify(referrer?.rules).includes(base.id);
    // Never both: a rule that refers to a segment that no longer exists.
    expect(refersToBase && !baseExists).toBe(false);
    expect([saved.status, deleted.status].filter((s) => s === "fulfilled")).toHaveLength(1);
  });

  it("a draft given the segment while it is being deleted: one of them is refused, never a half-done state", async () => {
    const target = await createSegment(alpha, null, { name: "Raced audience", type: "static" });
    const draft = await t.db.campaign.create({ data: { companyId: alpha, name: "Raced draft" }, select: { id: true } });
    const [given, deleted] = await Promise.allSettled([
      setAudience(alpha, draft.id, { include: [target.id], exclude: [] }),
      deleteSegment(alpha, target.id),
    ]);
    const outcomes = [given, deleted];
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected")
        expect(outcome.reason).toBeInstanceOf(given.status === "rejected" ? ValidationError : InUseError);
    }
    const links = await t.db.campaignAudience.count({ where: { campaignId: draft.id } });
    const exists = (await getSegment(alpha, target.id)) !== null;
    expect({ links, exists }).toEqual(
      given.status === "fulfilled" ? { links: 1, exists: true } : { links: 0, exists: false },
    );
  });

  it("cannot delete another company's segment", async () => {
    const segment = await createSegment(alpha, null, { name: "Mine", type: "static" });
    await expect(deleteSegment(beta, segment.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSegment(alpha, "nope")).rejects.toBeInstanceOf(NotFoundError);
    expect(await getSegmentUsage(beta, segment.id)).toBeNull();
    expect(await getSegment(alpha, segment.id)).not.toBeNull();
  });
});

describe("listSegments", () => {
  let listCo: string;
  const ids: Record<string, string> = {};
  const NOW = new Date();
  const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

  beforeAll(async () => {
    listCo = (await t.db.company.create({ data: { name: "Gamma Co", slug: "gamma" } })).id;
    const specs = [
      { name: "banana buyers", description: "People who buy BANANAS", type: "STATIC", contactCount: 5 },
      { name: "Apple fans", description: null, type: "DYNAMIC", contactCount: 50 },
      { name: "cherry pickers", description: "100% organic_fans", type: "DYNAMIC", contactCount: 7 },
      { name: "Date lovers", description: "never recalculated", type: "DYNAMIC", contactCount: 0 },
      { name: "Elder", description: "old calculation", type: "DYNAMIC", contactCount: 7 },
    ] as const;
    for (const [i, spec] of specs.entries()) {
      const row = await t.db.segment.create({
        data: { companyId: listCo, ...spec, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) },
      });
      ids[spec.name] = row.id;
    }
    const set = (name: string, data: object) =>
      t.db.segment.update({ where: { companyId_id: { companyId: listCo, id: ids[name]! } }, data });
    await set("Apple fans", { lastRecalculatedAt: minutesAgo(5) });
    await set("cherry pickers", { lastRecalculatedAt: minutesAgo(5) });
    await set("Elder", { lastRecalculatedAt: minutesAgo(90) });
    // Apple: an older failure, then success → fresh. Cherry: latest run failed → failed.
    const run = (name: string, status: "SUCCEEDED" | "FAILED", startedMinutesAgo: number, error?: string) =>
      t.db.segmentRecalculation.create({
        data: {
          companyId: listCo,
          segmentId: ids[name]!,
          trigger: "SCHEDULE",
          status,
          startedAt: minutesAgo(startedMinutesAgo),
          finishedAt: minutesAgo(startedMinutesAgo - 1),
          durationMs: 1234,
          error,
        },
      });
    await run("Apple fans", "FAILED", 40, "old failure");
    await run("Apple fans", "SUCCEEDED", 6);
    await run("cherry pickers", "SUCCEEDED", 40);
    await run("cherry pickers", "FAILED", 6, "statement timeout");
  });

  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  it("lists only the company's segments, newest first by default, with freshness and the last run", async () => {
    const list = await listSegments(listCo, {}, NOW);
    expect(names(list.rows)).toEqual(["Elder", "Date lovers", "cherry pickers", "Apple fans", "banana buyers"]);
    expect(list.total).toEqual({ value: 5, exact: true });
    expect(list.hasNextPage).toBe(false);
    const byName = Object.fromEntries(list.rows.map((r) => [r.name, r]));
    expect(byName["Apple fans"]).toMatchObject({
      freshness: "fresh",
      companyName: "Gamma Co",
      lastRun: { status: "SUCCEEDED", durationMs: 1234, error: null },
    });
    expect(byName["cherry pickers"]).toMatchObject({
      freshness: "failed",
      lastRun: { status: "FAILED", error: "statement timeout" },
    });
    expect(byName["Date lovers"]).toMatchObject({ freshness: "never", lastRun: null });
    expect(byName.Elder?.freshness).toBe("stale");
    expect(byName["banana buyers"]?.freshness).toBe("fresh");
    expect(byName["Apple fans"]?.lastRecalculatedAt).toBeInstanceOf(Date);
    expect(byName["Apple fans"]?.createdAt).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect(Object.keys(byName["Apple fans"]!)).not.toContain("rules");
  });

  it("marks a segment flagged for recalculation as stale", async () => {
    await t.db.segment.update({
      where: { companyId_id: { companyId: listCo, id: ids["Apple fans"]! } },
      data: { needsRecalculation: true },
    });
    const list = await listSegments(listCo, { q: "apple" }, NOW);
    expect(list.rows[0]?.freshness).toBe("stale");
    await t.db.segment.update({
      where: { companyId_id: { companyId: listCo, id: ids["Apple fans"]! } },
      data: { needsRecalculation: false },
    });
  });

  it("sorts by name case-insensitively, by contacts and by creation, both ways", async () => {
    expect(names((await listSegments(listCo, { sort: "name", order: "asc" })).rows)).toEqual([
      "Apple fans",
      "banana buyers",
      "cherry pickers",
      "Date lovers",
      "Elder",
    ]);
    expect(names((await listSegments(listCo, { sort: "name", order: "desc" })).rows)[0]).toBe("Elder");
    const byCount = (await listSegments(listCo, { sort: "contactCount", order: "desc" })).rows;
    expect(byCount.map((r) => r.contactCount)).toEqual([50, 7, 7, 5, 0]);
    expect(names((await listSegments(listCo, { sort: "createdAt", order: "asc" })).rows)[0]).toBe("banana buyers");
  });

  it("searches name and description, case-insensitively and literally", async () => {
    expect(names((await listSegments(listCo, { q: "BANANA" })).rows)).toEqual(["banana buyers"]);
    expect(names((await listSegments(listCo, { q: "old calc" })).rows)).toEqual(["Elder"]);
    expect(names((await listSegments(listCo, { q: "100%" })).rows)).toEqual(["cherry pickers"]);
    expect(names((await listSegments(listCo, { q: "organ_c" })).rows)).toEqual([]);
    expect(names((await listSegments(listCo, { q: "_fans" })).rows)).toEqual(["cherry pickers"]);
    const none = await listSegments(listCo, { q: "zzz" });
    expect(none).toMatchObject({ rows: [], total: { value: 0, exact: true }, hasNextPage: false });
  });

  it("pages with a stable order and an exact total", async () => {
    const first = await listSegments(listCo, { sort: "name", order: "asc", pageSize: 10 });
    expect(first.hasNextPage).toBe(false);
    const all = await t.db.segment.count({ where: { companyId: alpha } });
    const pages = [];
    for (let page = 1; ; page++) {
      const result = await listSegments(alpha, { sort: "contactCount", order: "asc", pageSize: 10, page });
      expect(result.total.value).toBe(all);
      pages.push(...result.rows);
      if (!result.hasNextPage) break;
    }
    expect(pages).toHaveLength(all);
    expect(new Set(pages.map((r) => r.id)).size).toBe(all);
    const past = await listSegments(listCo, { page: 9, pageSize: 10 });
    expect(past).toMatchObject({ rows: [], total: { value: 5 }, hasNextPage: false });
  });

  it("never leaks another company's segments; 'all' lists every company with its name", async () => {
    for (const row of (await listSegments(beta, { pageSize: 100 })).rows) expect(row.companyId).toBe(beta);
    expect(names((await listSegments(beta, { q: "apple" })).rows)).toEqual([]);
    expect((await listSegments("not-a-uuid")).rows).toEqual([]);

    const everything = await listSegments("all", { pageSize: 100, sort: "name", order: "asc" });
    expect(everything.total.value).toBe(await t.db.segment.count());
    const companies = new Set(everything.rows.map((r) => r.companyName));
    expect(companies).toEqual(new Set(["Alpha Co", "Beta Co", "Gamma Co"]));
    const hot = everything.rows.filter((r) => r.name.toLowerCase() === "hot leads");
    expect(hot.map((r) => r.companyName).sort()).toEqual(["Alpha Co", "Beta Co"]);
  });

  it("rejects bad parameters with a validation error", async () => {
    await expect(listSegments(listCo, { sort: "password" as never })).rejects.toBeInstanceOf(ValidationError);
    await expect(listSegments(listCo, { pageSize: 7 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("delete actions (authorization)", () => {
  const member = (companyId: string): Actor => ({
    userId: MISSING_ID,
    email: "m@example.com",
    name: "M",
    role: "MEMBER",
    companyId,
  });
  const admin: Actor = { userId: MISSING_ID, email: "a@example.com", name: "A", role: "ADMIN", companyId: beta };

  it("lets a member delete their company's segment and shows usage first", async () => {
    const segment = await createSegment(alpha, null, { name: "Action target", type: "static" });
    const info = await segmentDeleteInfoAs(member(alpha), alpha, segment.id);
    expect(info).toMatchObject({ ok: true, data: { name: "Action target", usage: { blockingCampaigns: [] } } });
    expect(await deleteSegmentAs(member(alpha), alpha, { id: segment.id })).toEqual({
      ok: true,
      data: { name: "Action target" },
    });
    expect(await getSegment(alpha, segment.id)).toBeNull();
  });

  it("answers not-found to a member for another company's segment, even with a forged scope", async () => {
    const segment = await createSegment(alpha, null, { name: "Not yours", type: "static" });
    const asBeta = await deleteSegmentAs(member(beta), beta, { id: segment.id });
    expect(asBeta).toMatchObject({ ok: false, code: "not_found" });
    // A member whose scope somehow names another company is still refused by authorize().
    const forged = await deleteSegmentAs(member(beta), alpha, { id: segment.id });
    expect(forged).toMatchObject({ ok: false, code: "forbidden" });
    expect(await segmentDeleteInfoAs(member(beta), beta, segment.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await getSegment(alpha, segment.id)).not.toBeNull();
  });

  it("lets an admin delete any company's segment, still refusing when a campaign is active", async () => {
    const segment = await createSegment(alpha, null, { name: "Admin target", type: "static" });
    await addCampaign(alpha, "Busy campaign", "SENDING", segment.id);
    const refused = await deleteSegmentAs(admin, beta, { id: segment.id });
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    expect(refused.ok ? "" : refused.error).toContain("Busy campaign");

    const other = await createSegment(alpha, null, { name: "Admin target 2", type: "static" });
    expect(await deleteSegmentAs(admin, beta, { id: other.id })).toMatchObject({ ok: true });
    expect(await getSegment(alpha, other.id)).toBeNull();
  });

  it("rejects malformed input without throwing", async () => {
    expect(await deleteSegmentAs(member(alpha), alpha, { id: 42 })).toMatchObject({ ok: false });
    expect(await deleteSegmentAs(member(alpha), alpha, null)).toMatchObject({ ok: false });
    expect(await deleteSegmentAs(member(alpha), alpha, { id: "nope" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await segmentDeleteInfoAs(member(alpha), alpha, { evil: true })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
