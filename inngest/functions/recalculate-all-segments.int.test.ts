import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAN_OUT_PAGE_SIZE, recalculateAllSegments } from "@/inngest/functions/recalculate-all-segments";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let beta: string;
/** The segments the cron must request, as "companyId/segmentId". */
const expected = new Set<string>();
const ids: Record<string, string> = {};

const scoreAbove = (n: number) => ({
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: n }] }],
});
const inSegment = (id: string, extra = 0) => ({
  match: "all",
  groups: [
    {
      match: "any",
      conditions: [
        { field: "contact.leadScore", operator: "greater_than", value: extra },
        // Nested one level down, as the builder writes sub-groups.
        { match: "all", conditions: [{ field: "segment", operator: "in_segment", value: id }] },
      ],
    },
  ],
});

type SentEvent = { name: string; data: { companyId: string; segmentId: string; trigger: string } };

/** Events of the sendEvent steps, in the order the function sent them. */
function sentEvents(calls: unknown[][]): SentEvent[][] {
  return calls.map(([, payload]) => payload as SentEvent[]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const [a, b] = await Promise.all([
    t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } }),
    t.db.company.create({ data: { name: "Beta Co", slug: "beta" } }),
  ]);
  alpha = a.id;
  beta = b.id;
  const make = async (
    companyId: string,
    name: string,
    data: { type: "DYNAMIC" | "STATIC"; status?: "ACTIVE" | "PAUSED"; rules?: object },
  ) => {
    const row = await t.db.segment.create({ data: { companyId, name, ...data } });
    ids[name] = row.id;
    return row.id;
  };
  // Created dependent-first, so an order by creation or name would be wrong.
  const base = "00000000-0000-4000-8000-000000000000";
  const top = await make(alpha, "a top", { type: "DYNAMIC", rules: inSegment(base) });
  const middle = await make(alpha, "b middle", { type: "DYNAMIC", rules: inSegment(base) });
  const root = await make(alpha, "c root", { type: "DYNAMIC", rules: scoreAbove(10) });
  await t.db.segment.update({
    where: { companyId_id: { companyId: alpha, id: middle } },
    data: { rules: inSegment(root) },
  });
  await t.db.segment.update({
    where: { companyId_id: { companyId: alpha, id: top } },
    data: { rules: inSegment(middle) },
  });
  await make(alpha, "static list", { type: "STATIC" });
  await make(alpha, "paused", { type: "DYNAMIC", status: "PAUSED", rules: scoreAbove(50) });
  // Depends on a paused segment only: depth 0, still requested.
  await make(alpha, "on paused", { type: "DYNAMIC", rules: inSegment(ids.paused!) });
  await make(beta, "beta one", { type: "DYNAMIC", rules: scoreAbove(20) });
  await make(beta, "beta paused", { type: "DYNAMIC", status: "PAUSED", rules: scoreAbove(20) });
  await make(beta, "beta static", { type: "STATIC" });
  for (const name of ["a top", "b middle", "c root", "on paused"]) expected.add(`${alpha}/${ids[name]}`);
  expected.add(`${beta}/${ids["beta one"]}`);
});

afterAll(async () => {
  await t?.close();
});

describe("segments/recalculate-all", () => {
  it("requests one recalculation per active dynamic segment of every company, dependencies first", async () => {
    const engine = new InngestTestEngine({
      function: recalculateAllSegments,
      steps: [{ id: "request-recalculation-0", handler: () => ({ ids: [] }) }],
    });
    const { result, ctx, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ segments: 5, pages: 1, swept: { interruptedRuns: 0, releasedQueued: 0 } });

    const batches = sentEvents(ctx.step.sendEvent.mock.calls);
    expect(batches).toHaveLength(1);
    const events = batches[0]!;
    expect(events.every((event) => event.name === "segment/recalculate.requested")).toBe(true);
    expect(events.every((event) => event.data.trigger === "SCHEDULE")).toBe(true);
    const got = events.map((event) => `${event.data.companyId}/${event.data.segmentId}`);
    expect(new Set(got)).toEqual(expected);
    expect(got).toHaveLength(expected.size);

    const position = (name: string) => events.findIndex((event) => event.data.segmentId === ids[name]);
    expect(position("c root")).toBeLessThan(position("b middle"));
    expect(position("b middle")).toBeLessThan(position("a top"));

    // The requested segments show as queued; the others keep their state.
    const states = await t.db.segment.findMany({ select: { id: true, recalculationState: true } });
    for (const row of states) {
      const requested = got.some((key) => key.endsWith(row.id));
      expect(row.recalculationState, row.id).toBe(requested ? "QUEUED" : "IDLE");
    }
  });

  it("sends thousands of segments in pages of at most 1,000 events, each segment once", async () => {
    const many = 2 * FAN_OUT_PAGE_SIZE + 150;
    await t.db.segment.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        companyId: i % 2 ? alpha : beta,
        name: `bulk ${i}`,
        type: "DYNAMIC" as const,
        rules: scoreAbove(i % 100),
      })),
    });
    const total = many + expected.size;
    const pages = Math.ceil(total / FAN_OUT_PAGE_SIZE);
    const engine = new InngestTestEngine({
      function: recalculateAllSegments,
      steps: Array.from({ length: pages }, (_, page) => ({
        id: `request-recalculation-${page}`,
        handler: () => ({ ids: [] }),
      })),
    });
    const { result, ctx, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ segments: total, pages });
    const batches = sentEvents(ctx.step.sendEvent.mock.calls);
    expect(batches.map((batch) => batch.length)).toEqual([1000, 1000, total - 2000]);
    const keys = batches.flat().map((event) => `${event.data.companyId}/${event.data.segmentId}`);
    expect(new Set(keys).size).toBe(total);
    for (const key of expected) expect(keys).toContain(key);
    const inactive = await t.db.segment.findMany({
      where: { OR: [{ type: "STATIC" }, { status: "PAUSED" }] },
      select: { id: true },
    });
    for (const { id } of inactive) expect(keys.some((key) => key.endsWith(id))).toBe(false);
  });

  it("first sweeps up after crashes: a stuck run fails, a lost request is queued again", async () => {
    const root = ids["c root"]!;
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await t.db.segment.updateMany({ data: { recalculationState: "IDLE", recalculationQueuedAt: null } });
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: root } },
      data: { recalculationState: "QUEUED", recalculationQueuedAt: hoursAgo(2) },
    });
    const stuck = await t.db.segmentRecalculation.create({
      data: { companyId: alpha, segmentId: ids["b middle"]!, trigger: "SCHEDULE", startedAt: hoursAgo(1) },
    });
    const pages = Math.ceil(
      (await t.db.segment.count({ where: { type: "DYNAMIC", status: "ACTIVE" } })) / FAN_OUT_PAGE_SIZE,
    );
    const engine = new InngestTestEngine({
      function: recalculateAllSegments,
      steps: Array.from({ length: pages }, (_, page) => ({
        id: `request-recalculation-${page}`,
        handler: () => ({ ids: [] }),
      })),
    });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ swept: { interruptedRuns: 1, releasedQueued: 1 } });
    expect(await t.db.segmentRecalculation.findFirstOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: "FAILED",
      error: expect.stringContaining("Interrupted"),
    });
    const requeued = await t.db.segment.findFirstOrThrow({ where: { id: root } });
    expect(requeued.recalculationState).toBe("QUEUED");
    expect(requeued.recalculationQueuedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
