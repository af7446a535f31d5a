import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSegment, listSegments } from "@/lib/data/segments/segment-reads";
import { recalculateSegment } from "@/lib/data/segments/segment-recalculation";
import { markSegmentsQueued, sweepStuckRecalculations } from "@/lib/data/segments/segment-schedule";
import { setDb } from "@/lib/db";
import { INTERRUPTED_RUN_ERROR } from "@/lib/segments/run-status";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let beta: string;
const segment: Record<string, string> = {};

const scoreAbove = (value: number) => ({
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value }] }],
});
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function runOf(name: string) {
  const found = await getSegment(alpha, segment[name]!);
  return found!.run;
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta Co", slug: "beta" } })).id;
  await t.db.contact.createMany({
    data: [10, 40, 60, 80].map((leadScore) => ({ companyId: alpha, email: `s${leadScore}@x.example`, leadScore })),
  });
  for (const name of ["warm", "queued", "stuck", "lost", "beta"]) {
    segment[name] = (
      await t.db.segment.create({
        data: { companyId: name === "beta" ? beta : alpha, name, type: "DYNAMIC", rules: scoreAbove(50) },
      })
    ).id;
  }
  segment.picked = (await t.db.segment.create({ data: { companyId: alpha, name: "picked", type: "STATIC" } })).id;
});

afterAll(async () => {
  await t?.close();
});

describe("the run status on the list and the detail page", () => {
  it("says never before the first run, then the last run's time, duration, entered and exited", async () => {
    expect(await runOf("warm")).toMatchObject({ state: "idle", lastRun: null, busy: false });
    const result = await recalculateSegment(alpha, segment.warm!, { trigger: "MANUAL" });
    expect(result).toMatchObject({ status: "SUCCEEDED", entered: 2, exited: 0 });
    const run = await runOf("warm");
    expect(run).toMatchObject({
      state: "idle",
      busy: false,
      lastRun: { status: "SUCCEEDED", entered: 2, exited: 0, durationMs: result.durationMs },
    });
    expect(run.lastRun!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("says queued since the request, on the list too, for dynamic segments only", async () => {
    const before = Date.now();
    expect(
      await markSegmentsQueued([
        { companyId: alpha, segmentId: segment.queued! },
        { companyId: alpha, segmentId: segment.picked! },
        // Another company's segment with the wrong company: not matched.
        { companyId: alpha, segmentId: segment.beta! },
      ]),
    ).toBe(1);
    const run = await runOf("queued");
    expect(run).toMatchObject({ state: "queued", overdue: false, busy: true });
    expect(run.since!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const list = await listSegments(alpha, { sort: "name", order: "asc" });
    expect(list.rows.map((row) => [row.name, row.run.state])).toEqual([
      ["lost", "idle"],
      ["picked", "static"],
      ["queued", "queued"],
      ["stuck", "idle"],
      ["warm", "idle"],
    ]);
    expect((await getSegment(beta, segment.beta!))!.run.state).toBe("idle");
  });

  it("says running while a run is under way, keeping the previous run, and failed with the error", async () => {
    const running = await t.db.segmentRecalculation.create({
      data: { companyId: alpha, segmentId: segment.warm!, trigger: "SCHEDULE", startedAt: new Date() },
    });
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: segment.warm! } },
      data: { recalculationState: "RUNNING" },
    });
    expect(await runOf("warm")).toMatchObject({ state: "running", busy: true, lastRun: { entered: 2 } });

    await t.db.segmentRecalculation.update({
      where: { companyId_id: { companyId: alpha, id: running.id } },
      data: { status: "FAILED", finishedAt: new Date(), durationMs: 15, error: 'relation "x" does not exist' },
    });
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: segment.warm! } },
      data: { recalculationState: "FAILED" },
    });
    expect(await runOf("warm")).toMatchObject({
      state: "failed",
      error: 'relation "x" does not exist',
      busy: false,
      lastRun: { status: "FAILED", durationMs: 15 },
    });
  });

  it("shows a run stuck RUNNING as interrupted; the sweeper fails it and releases a lost request", async () => {
    await t.db.segmentRecalculation.create({
      data: { companyId: alpha, segmentId: segment.stuck!, trigger: "SCHEDULE", startedAt: minutesAgo(40) },
    });
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: segment.stuck! } },
      data: { recalculationState: "RUNNING" },
    });
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: segment.lost! } },
      data: { recalculationState: "QUEUED", recalculationQueuedAt: minutesAgo(90) },
    });
    // A run started a minute ago is left alone.
    const recent = await t.db.segmentRecalculation.create({
      data: { companyId: alpha, segmentId: segment.queued!, trigger: "SCHEDULE", startedAt: minutesAgo(1) },
    });

    expect(await runOf("stuck")).toMatchObject({ state: "failed", error: INTERRUPTED_RUN_ERROR, busy: false });
    expect(await runOf("lost")).toMatchObject({ state: "queued", overdue: true, busy: false });

    expect(await sweepStuckRecalculations()).toEqual({ interruptedRuns: 1, releasedQueued: 1 });
    const runs = await t.db.segmentRecalculation.findMany({ where: { segmentId: segment.stuck } });
    expect(runs).toMatchObject([{ status: "FAILED", error: INTERRUPTED_RUN_ERROR }]);
    expect(runs[0]!.finishedAt).not.toBeNull();
    const rows = await t.db.segment.findMany({ where: { companyId: alpha }, orderBy: { name: "asc" } });
    expect(rows.map((row) => [row.name, row.recalculationState])).toEqual([
      ["lost", "IDLE"],
      ["picked", "IDLE"],
      ["queued", "QUEUED"],
      ["stuck", "FAILED"],
      ["warm", "FAILED"],
    ]);
    expect((await t.db.segmentRecalculation.findFirstOrThrow({ where: { id: recent.id } })).status).toBe("RUNNING");
    // A second sweep finds nothing.
    expect(await sweepStuckRecalculations()).toEqual({ interruptedRuns: 0, releasedQueued: 0 });
  });
});
