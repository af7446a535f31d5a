import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RecalculationResult,
  recalculateSegment,
  recalculateWithDependencies,
} from "@/lib/data/segments/segment-recalculation";
import { listMembershipChanges, listRecalculations } from "@/lib/data/segments/segment-run-history";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { SegmentDefinition } from "@/lib/segments/engine";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { DIFF_NOWS, type DiffIds, generateWorld } from "@/test/segments/generate";
import { Random } from "@/test/segments/random";
import { evaluatorMembers, insertWorld, loadCompany } from "@/test/segments/world";

/**
 * Recalculation on the engine's edge-case world (320 contacts in company A, 90 in B):
 * membership equals the reference evaluator's member set, only the differences are
 * written (and recorded), failures roll back, dependents follow their dependencies.
 */

const NOW = DIFF_NOWS[0];

let t: TestDatabase;
let ids: DiffIds;
let A: string;
let userId: string;
let staticSegment: string;

// Engaged, high-score, VIP or on the static list; never the unsubscribed.
const richRules = (staticId: string): SegmentDefinition => ({
  match: "all",
  groups: [
    {
      match: "any",
      conditions: [
        { field: "contact.leadScore", operator: "greater_or_equal", value: 50 },
        { field: "event.email_opened", operator: "count_at_least", value: 2, window: { lastDays: 30 } },
        { field: "contact.tags", operator: "contains_any", value: ["vip"] },
        { field: "segment", operator: "in_segment", value: staticId },
      ],
    },
  ],
  exclusions: [
    { match: "all", conditions: [{ field: "contact.subscriptionStatus", operator: "equals", value: "UNSUBSCRIBED" }] },
  ],
});
const inSegmentWithScore = (segmentId: string): SegmentDefinition => ({
  match: "all",
  groups: [
    {
      match: "all",
      conditions: [
        { field: "segment", operator: "in_segment", value: segmentId },
        { field: "contact.leadScore", operator: "greater_or_equal", value: 50 },
      ],
    },
  ],
});
const notInButOnList = (segmentId: string, staticId: string): SegmentDefinition => ({
  match: "all",
  groups: [
    {
      match: "all",
      conditions: [
        { field: "segment", operator: "not_in_segment", value: segmentId },
        { field: "segment", operator: "in_segment", value: staticId },
      ],
    },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const generated = generateWorld(new Random(4_242));
  ids = generated.ids;
  A = ids.companyA;
  staticSegment = ids.segmentsA[0]!;
  await insertWorld(t.sql, generated.world);
  if (t.kind === "postgres") await t.sql.exec("ANALYZE");
  userId = (await t.db.user.create({ data: { companyId: A, email: "mia@a.example", name: "Mia", passwordHash: "x" } }))
    .id;
});

afterAll(async () => {
  await t?.close();
});

// --- helpers ------------------------------------------------------------------------

async function membershipRows(segmentId: string) {
  return t.db.segmentMembership.findMany({
    where: { companyId: A, segmentId },
    select: { contactId: true, addedVia: true, addedAt: true },
    orderBy: { contactId: "asc" },
  });
}

async function members(segmentId: string): Promise<Set<string>> {
  return new Set((await membershipRows(segmentId)).map((row) => row.contactId));
}

/** The reference evaluator's answer on the data as it is now (stored memberships included). */
async function expectedMembers(rules: SegmentDefinition): Promise<Set<string>> {
  return evaluatorMembers(rules, await loadCompany(t.db, A), NOW);
}

async function changesOf(runId: string) {
  const rows = await t.db.segmentMembershipChange.findMany({
    where: { companyId: A, recalculationId: runId },
    select: { contactId: true, kind: true },
  });
  const of = (kind: string) =>
    rows
      .filter((row) => row.kind === kind)
      .map((row) => row.contactId)
      .sort();
  return { entered: of("ENTERED"), exited: of("EXITED"), total: rows.length };
}

async function setContact(id: string, data: { subscriptionStatus?: "ACTIVE" | "UNSUBSCRIBED"; leadScore?: number }) {
  await t.db.contact.update({ where: { companyId_id: { companyId: A, id } }, data });
}

async function newDynamic(name: string, rules: SegmentDefinition): Promise<string> {
  return (await createSegment(A, userId, { name, type: "dynamic", rules })).id;
}

const recalc = (segmentId: string, companyId = A) =>
  recalculateSegment(companyId, segmentId, { trigger: "MANUAL", requestedById: userId, now: NOW });

const sorted = (set: Iterable<string>) => [...set].sort();

// --- tests --------------------------------------------------------------------------

describe("recalculateSegment", () => {
  let rich: string;
  let firstRun: RecalculationResult;

  it("fills a new dynamic segment with exactly the reference evaluator's members", async () => {
    rich = await newDynamic("Rich", richRules(staticSegment));
    const expected = await expectedMembers(richRules(staticSegment));
    expect(expected.size).toBeGreaterThan(20);
    expect(expected.size).toBeLessThan(300);

    firstRun = await recalc(rich);
    expect(firstRun).toMatchObject({
      segmentId: rich,
      status: "SUCCEEDED",
      entered: expected.size,
      exited: 0,
      memberCount: expected.size,
      error: null,
    });
    const rows = await membershipRows(rich);
    expect(rows.map((row) => row.contactId)).toEqual(sorted(expected));
    expect(new Set(rows.map((row) => row.addedVia))).toEqual(new Set(["RULE_MATCH"]));

    const segment = await t.db.segment.findUniqueOrThrow({ where: { companyId_id: { companyId: A, id: rich } } });
    expect(segment).toMatchObject({
      contactCount: expected.size,
      needsRecalculation: false,
      recalculationState: "IDLE",
    });
    expect(segment.lastRecalculatedAt).toBeInstanceOf(Date);

    const run = await t.db.segmentRecalculation.findUniqueOrThrow({
      where: { companyId_id: { companyId: A, id: firstRun.runId } },
    });
    expect(run).toMatchObject({
      segmentId: rich,
      trigger: "MANUAL",
      status: "SUCCEEDED",
      entered: expected.size,
      exited: 0,
      memberCount: expected.size,
      durationMs: firstRun.durationMs,
      error: null,
      requestedById: userId,
    });
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
    expect(await changesOf(firstRun.runId)).toEqual({ entered: sorted(expected), exited: [], total: expected.size });
  });

  it("enters and exits nobody when run again on unchanged data, and rewrites no row", async () => {
    const before = await membershipRows(rich);
    const again = await recalc(rich);
    expect(again).toMatchObject({ status: "SUCCEEDED", entered: 0, exited: 0, memberCount: before.length });
    expect((await changesOf(again.runId)).total).toBe(0);
    // Same rows with the same addedAt: nothing was deleted and re-inserted.
    expect(await membershipRows(rich)).toEqual(before);
  });

  it("records exactly the contacts that changed when 1% of contacts change", async () => {
    const before = await members(rich);
    const [leaving1, leaving2] = sorted(before);
    const joining = (await loadCompany(t.db, A)).contacts
      .map((entry) => entry.contact.id as string)
      .filter((id) => !before.has(id))
      .sort()[0]!;
    await setContact(leaving1!, { subscriptionStatus: "UNSUBSCRIBED" }); // excluded
    await setContact(leaving2!, { subscriptionStatus: "UNSUBSCRIBED" });
    await setContact(joining, { subscriptionStatus: "ACTIVE", leadScore: 99 }); // matches the score rule

    const run = await recalc(rich);
    expect(run).toMatchObject({ status: "SUCCEEDED", entered: 1, exited: 2, memberCount: before.size - 1 });
    expect(await changesOf(run.runId)).toEqual({
      entered: [joining],
      exited: sorted([leaving1!, leaving2!]),
      total: 3,
    });
    const after = await members(rich);
    expect(sorted(after)).toEqual(sorted(await expectedMembers(richRules(staticSegment))));
    expect(sorted(after)).toEqual(
      sorted([...before].filter((id) => id !== leaving1 && id !== leaving2).concat(joining)),
    );
  });

  it("keeps the previous membership and records the run FAILED when it fails midway", async () => {
    await t.sql.exec(`
      CREATE FUNCTION test_fail_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure while recording changes'; END $$;
      CREATE TRIGGER test_fail_change BEFORE INSERT ON "SegmentMembershipChange"
        FOR EACH ROW EXECUTE FUNCTION test_fail_change();`);
    try {
      const rowsBefore = await membershipRows(rich);
      const segmentBefore = await t.db.segment.findUniqueOrThrow({
        where: { companyId_id: { companyId: A, id: rich } },
      });
      const leaving = rowsBefore[0]!.contactId;
      await setContact(leaving, { subscriptionStatus: "UNSUBSCRIBED" });

      const failed = await recalc(rich);
      expect(failed).toMatchObject({ status: "FAILED", entered: 0, exited: 0, memberCount: null });
      expect(failed.error).toContain("injected failure while recording changes");
      expect(failed.error).not.toMatch(/\n\s+at /); // a message, not a stack trace

      // The delete of the exited contact ran before the failing insert: rolled back.
      expect(await membershipRows(rich)).toEqual(rowsBefore);
      const run = await t.db.segmentRecalculation.findUniqueOrThrow({
        where: { companyId_id: { companyId: A, id: failed.runId } },
      });
      expect(run).toMatchObject({ status: "FAILED", error: failed.error, entered: 0, exited: 0, memberCount: null });
      expect(run.finishedAt).toBeInstanceOf(Date);
      const segment = await t.db.segment.findUniqueOrThrow({ where: { companyId_id: { companyId: A, id: rich } } });
      expect(segment).toMatchObject({
        recalculationState: "FAILED",
        contactCount: segmentBefore.contactCount,
        lastRecalculatedAt: segmentBefore.lastRecalculatedAt,
      });
      expect((await changesOf(failed.runId)).total).toBe(0);

      await t.sql.exec(`DROP TRIGGER test_fail_change ON "SegmentMembershipChange"`);
      const retried = await recalc(rich);
      expect(retried).toMatchObject({ status: "SUCCEEDED", entered: 0, exited: 1 });
      expect(await changesOf(retried.runId)).toEqual({ entered: [], exited: [leaving], total: 1 });
      expect(
        (await t.db.segment.findUniqueOrThrow({ where: { companyId_id: { companyId: A, id: rich } } }))
          .recalculationState,
      ).toBe("IDLE");
    } finally {
      await t.sql.exec(`DROP TRIGGER IF EXISTS test_fail_change ON "SegmentMembershipChange";
        DROP FUNCTION IF EXISTS test_fail_change();`);
    }
  });

  it("refuses a static segment and leaves its members alone", async () => {
    const before = await membershipRows(staticSegment);
    expect(before.length).toBeGreaterThan(0);
    const error = await recalc(staticSegment).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain("static");
    expect(await membershipRows(staticSegment)).toEqual(before);
    expect(await t.db.segmentRecalculation.count({ where: { companyId: A, segmentId: staticSegment } })).toBe(0);
  });

  it("never lets another company recalculate or read a segment", async () => {
    const runs = await t.db.segmentRecalculation.count({ where: { segmentId: rich } });
    const before = await membershipRows(rich);
    await expect(recalc(rich, ids.companyB)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      recalculateWithDependencies(ids.companyB, rich, { trigger: "MANUAL", now: NOW }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(recalc("not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(recalc(ids.segmentsB[0]!)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.segmentRecalculation.count({ where: { segmentId: rich } })).toBe(runs);
    expect(await membershipRows(rich)).toEqual(before);
    expect(await listRecalculations(ids.companyB, rich)).toEqual([]);
    expect(await listMembershipChanges(ids.companyB, firstRun.runId)).toEqual([]);
    expect(await listRecalculations(A, "x")).toEqual([]);
  });

  it("lets two runs of one segment not interleave", async () => {
    const id = await newDynamic("Concurrent", richRules(staticSegment));
    const expected = await expectedMembers(richRules(staticSegment));
    const runs = await Promise.all([recalc(id), recalc(id)]);
    expect(runs.map((run) => run.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(runs.map((run) => run.entered).sort((a, b) => a - b)).toEqual([0, expected.size]);
    expect(sorted(await members(id))).toEqual(sorted(expected));
  });

  it("lists the runs newest first with who asked, and the changes of a run", async () => {
    const history = await listRecalculations(A, rich);
    expect(history).toHaveLength(5); // first fill, rerun, 1% change, failed, retried
    const times = history.map((run) => run.startedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = history.find((run) => run.id === firstRun.runId)!;
    expect(first).toMatchObject({
      trigger: "MANUAL",
      status: "SUCCEEDED",
      entered: firstRun.entered,
      exited: 0,
      memberCount: firstRun.memberCount,
      durationMs: firstRun.durationMs,
      error: null,
      requestedBy: { id: userId, name: "Mia" },
    });
    expect(history.some((run) => run.status === "FAILED" && run.error?.includes("injected failure"))).toBe(true);
    expect(await listRecalculations(A, rich, { limit: 2 })).toHaveLength(2);

    const changes = await listMembershipChanges(A, firstRun.runId, { kind: "ENTERED", limit: 5 });
    expect(changes).toHaveLength(5);
    const contacts = await t.db.contact.findMany({
      where: { companyId: A, id: { in: changes.map((c) => c.contactId) } },
      select: { id: true, email: true },
    });
    const emailOf = new Map(contacts.map((c) => [c.id, c.email]));
    for (const change of changes) {
      expect(change.kind).toBe("ENTERED");
      expect(change.email).toBe(emailOf.get(change.contactId));
      expect(change.at).toBeInstanceOf(Date);
    }
    expect(await listMembershipChanges(A, firstRun.runId, { kind: "EXITED" })).toEqual([]);
  });

  it("deletes a run's membership changes with the run, and a segment's with the segment", async () => {
    const id = await newDynamic("Short-lived", richRules(staticSegment));
    const first = await recalc(id);
    const changeCount = () => t.db.segmentMembershipChange.count({ where: { companyId: A, segmentId: id } });
    expect(await changeCount()).toBe(first.entered);
    expect(first.entered).toBeGreaterThan(0);
    await setContact([...(await members(id))][0]!, { subscriptionStatus: "UNSUBSCRIBED" });
    const second = await recalc(id);
    expect(await changeCount()).toBe(first.entered + second.entered + second.exited);
    await t.db.segmentRecalculation.delete({ where: { companyId_id: { companyId: A, id: first.runId } } });
    expect(await changeCount()).toBe(second.entered + second.exited);
    await t.db.segment.delete({ where: { companyId_id: { companyId: A, id } } });
    expect(await changeCount()).toBe(0);
    // A change naming no run (or another segment's run) is refused, as a foreign key would.
    await expect(
      t.sql.query(
        `INSERT INTO "SegmentMembershipChange" ("companyId", "segmentId", "recalculationId", "contactId", "kind")
         VALUES ($1, $2, $3, $4, 'ENTERED')`,
        [A, rich, second.runId, [...(await members(rich))][0]],
      ),
    ).rejects.toThrow(/does not exist for their segment/);
    // Other segments' history is untouched.
    expect(await listMembershipChanges(A, firstRun.runId, { kind: "ENTERED", limit: 1 })).toHaveLength(1);
  });
});

describe("dependencies", () => {
  let d1: string;
  let d2: string;
  let d3: string;

  beforeAll(async () => {
    d1 = await newDynamic("D1 rich", richRules(staticSegment));
    d2 = await newDynamic("D2 rich with score", inSegmentWithScore(d1));
    d3 = await newDynamic("D3 on list but not D2", notInButOnList(d2, staticSegment));
    for (const id of [d1, d2, d3]) expect((await recalc(id)).status).toBe("SUCCEEDED");
  });

  const flags = async () =>
    Object.fromEntries(
      (
        await t.db.segment.findMany({
          where: { companyId: A, id: { in: [d1, d2, d3] } },
          select: { id: true, needsRecalculation: true },
        })
      ).map((s) => [s.id === d1 ? "d1" : s.id === d2 ? "d2" : "d3", s.needsRecalculation]),
    );

  it("recalculates dependents after the segments they depend on", async () => {
    // A member of D1 and D2 that is on the static list: leaving D1 takes it out of D2 and into D3.
    const onList = await members(staticSegment);
    const moving = sorted(await members(d2)).find((id) => onList.has(id));
    expect(moving).toBeDefined();
    expect((await members(d3)).has(moving!)).toBe(false);
    await setContact(moving!, { subscriptionStatus: "UNSUBSCRIBED" });

    const { results, skipped } = await recalculateWithDependencies(A, d1, {
      trigger: "MANUAL",
      requestedById: userId,
      now: NOW,
    });
    expect(skipped).toEqual([]);
    expect(results.map((r) => [r.segmentId, r.status])).toEqual([
      [d1, "SUCCEEDED"],
      [d2, "SUCCEEDED"],
      [d3, "SUCCEEDED"],
    ]);
    const runs = await t.db.segmentRecalculation.findMany({
      where: { companyId: A, id: { in: results.map((r) => r.runId) } },
    });
    const runOf = (id: string) => runs.find((run) => run.segmentId === id)!;
    expect([d1, d2, d3].map((id) => runOf(id).trigger)).toEqual(["MANUAL", "DEPENDENCY", "DEPENDENCY"]);
    expect(runOf(d2).startedAt.getTime()).toBeGreaterThanOrEqual(runOf(d1).finishedAt!.getTime());
    expect(runOf(d3).startedAt.getTime()).toBeGreaterThanOrEqual(runOf(d2).finishedAt!.getTime());

    expect(await changesOf(results[0]!.runId)).toMatchObject({ exited: [moving] });
    expect(await changesOf(results[1]!.runId)).toMatchObject({ exited: [moving] });
    expect(await changesOf(results[2]!.runId)).toMatchObject({ entered: [moving] });
    // Each agrees with the evaluator on the final data (which includes the stored memberships).
    expect(sorted(await members(d1))).toEqual(sorted(await expectedMembers(richRules(staticSegment))));
    expect(sorted(await members(d2))).toEqual(sorted(await expectedMembers(inSegmentWithScore(d1))));
    expect(sorted(await members(d3))).toEqual(sorted(await expectedMembers(notInButOnList(d2, staticSegment))));
    expect(await flags()).toEqual({ d1: false, d2: false, d3: false });
  });

  it("marks the direct dependents of a segment whose membership changed, and only then", async () => {
    await recalc(d1); // no change
    expect(await flags()).toEqual({ d1: false, d2: false, d3: false });
    const target = sorted(await members(d1))[0]!;
    await setContact(target, { subscriptionStatus: "UNSUBSCRIBED" });
    expect((await recalc(d1)).exited).toBe(1);
    expect(await flags()).toEqual({ d1: false, d2: true, d3: false });
    await recalculateWithDependencies(A, d1, { trigger: "MANUAL", now: NOW });
    expect(await flags()).toEqual({ d1: false, d2: false, d3: false });
  });

  it("skips the dependents of a failed run", async () => {
    await t.sql.exec(`
      CREATE FUNCTION test_fail_d1() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'd1 cannot be written'; END $$;
      CREATE TRIGGER test_fail_d1 BEFORE INSERT OR DELETE ON "SegmentMembership"
        FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION test_fail_d1();`);
    try {
      await setContact(sorted(await members(d1))[0]!, { subscriptionStatus: "UNSUBSCRIBED" });
      const { results, skipped } = await recalculateWithDependencies(A, d1, { trigger: "MANUAL", now: NOW });
      expect(results.map((r) => [r.segmentId, r.status])).toEqual([[d1, "FAILED"]]);
      expect(results[0]!.error).toContain("d1 cannot be written");
      expect(skipped.map((s) => s.segmentId)).toEqual([d2, d3]);
    } finally {
      await t.sql.exec(`DROP TRIGGER IF EXISTS test_fail_d1 ON "SegmentMembership";
        DROP FUNCTION IF EXISTS test_fail_d1();`);
    }
  });

  it("runs only the dependents of a static segment", async () => {
    const { results, skipped } = await recalculateWithDependencies(A, staticSegment, { trigger: "API", now: NOW });
    expect(skipped).toEqual([]);
    // "Rich", "Concurrent", D1 and D3 refer to the static list; D2 refers to D1, D3 to D2.
    const order = results.map((r) => r.segmentId);
    const byName = await t.db.segment.findMany({
      where: { companyId: A, name: { in: ["Rich", "Concurrent"] } },
      select: { id: true },
    });
    expect(sorted(order)).toEqual(sorted([d1, d2, d3, ...byName.map((s) => s.id)]));
    expect(order.indexOf(d1)).toBeLessThan(order.indexOf(d2));
    expect(order.indexOf(d2)).toBeLessThan(order.indexOf(d3));
    expect(results.every((r) => r.status === "SUCCEEDED")).toBe(true);
    const triggers = await t.db.segmentRecalculation.findMany({
      where: { companyId: A, id: { in: results.map((r) => r.runId) } },
      select: { trigger: true },
    });
    expect(new Set(triggers.map((run) => run.trigger))).toEqual(new Set(["DEPENDENCY"]));
    expect(await t.db.segmentRecalculation.count({ where: { companyId: A, segmentId: staticSegment } })).toBe(0);
  });
});
