import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recalculateSegmentFunction } from "@/inngest/functions/recalculate-segment";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
const contactByScore: Record<number, string> = {};
const segment: Record<string, string> = {};

const condition = (field: string, operator: string, value: unknown) => ({ field, operator, value });
const rules = (...conditions: object[]) => ({ match: "all", groups: [{ match: "all", conditions }] });

type SentEvent = { name: string; data: { companyId: string; segmentId: string; trigger: string } };

/** Runs the function for one request; the dependents' sendEvent step is mocked (no Inngest server). */
async function run(name: string | null, trigger = "MANUAL", segmentId = name ? segment[name]! : "") {
  const engine = new InngestTestEngine({
    function: recalculateSegmentFunction,
    events: [{ name: "segment/recalculate.requested", data: { companyId: alpha, segmentId, trigger } }],
    steps: [{ id: "request-dependents", handler: () => ({ ids: ["mocked"] }) }],
  });
  const output = await engine.execute();
  const sent = output.ctx.step.sendEvent.mock.calls.flatMap(([, payload]) => payload as SentEvent[]);
  return { ...output, sent };
}

async function membersOf(name: string): Promise<number[]> {
  const rows = await t.db.segmentMembership.findMany({
    where: { companyId: alpha, segmentId: segment[name] },
    select: { contact: { select: { leadScore: true } } },
  });
  return rows.map((row) => row.contact.leadScore!).sort((a, b) => a - b);
}

async function runsOf(name: string) {
  return t.db.segmentRecalculation.findMany({
    where: { companyId: alpha, segmentId: segment[name] },
    orderBy: { startedAt: "asc" },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  for (const score of [10, 40, 60, 80, 95]) {
    contactByScore[score] = (
      await t.db.contact.create({ data: { companyId: alpha, email: `s${score}@x.example`, leadScore: score } })
    ).id;
  }
  const make = async (name: string, data: { type: "DYNAMIC" | "STATIC"; status?: "PAUSED"; rules?: object }) => {
    segment[name] = (await t.db.segment.create({ data: { companyId: alpha, name, ...data } })).id;
  };
  await make("warm", { type: "DYNAMIC", rules: rules(condition("contact.leadScore", "greater_than", 50)) });
  await make("hot", {
    type: "DYNAMIC",
    rules: rules(condition("segment", "in_segment", segment.warm), condition("contact.leadScore", "greater_than", 70)),
  });
  await make("not hot", { type: "DYNAMIC", rules: rules(condition("segment", "not_in_segment", segment.hot)) });
  await make("paused on warm", {
    type: "DYNAMIC",
    status: "PAUSED",
    rules: rules(condition("segment", "in_segment", segment.warm)),
  });
  await make("picked", { type: "STATIC" });
  await t.db.segmentMembership.create({
    data: { companyId: alpha, segmentId: segment.picked!, contactId: contactByScore[10]!, addedVia: "MANUAL" },
  });
  await make("on picked", { type: "DYNAMIC", rules: rules(condition("segment", "in_segment", segment.picked)) });
});

afterAll(async () => {
  await t?.close();
});

describe("segments/recalculate", () => {
  it("writes the membership, the history and the run, then requests the flagged direct dependents", async () => {
    const { result, error, sent } = await run("warm", "MANUAL");
    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      segmentId: segment.warm,
      result: { status: "SUCCEEDED", entered: 3, exited: 0, memberCount: 3 },
      dependents: [segment.hot],
    });
    expect(await membersOf("warm")).toEqual([60, 80, 95]);
    const [runRow] = await runsOf("warm");
    expect(runRow).toMatchObject({ trigger: "MANUAL", status: "SUCCEEDED", entered: 3, exited: 0, memberCount: 3 });
    const changes = await t.db.segmentMembershipChange.findMany({ where: { recalculationId: runRow!.id } });
    expect(changes.map((change) => change.kind)).toEqual(["ENTERED", "ENTERED", "ENTERED"]);
    // The paused dependent and the indirect one ("not hot", through "hot") are not requested.
    expect(sent.map(({ name, data }) => ({ name, data }))).toEqual([
      {
        name: "segment/recalculate.requested",
        data: { companyId: alpha, segmentId: segment.hot, trigger: "DEPENDENCY" },
      },
    ]);
    const hot = await t.db.segment.findFirstOrThrow({ where: { id: segment.hot } });
    expect(hot).toMatchObject({ needsRecalculation: true, recalculationState: "QUEUED" });
    const warm = await t.db.segment.findFirstOrThrow({ where: { id: segment.warm } });
    expect(warm).toMatchObject({ contactCount: 3, recalculationState: "IDLE" });
  });

  it("changes nothing when run a second time", async () => {
    const { result, error } = await run("warm", "SCHEDULE");
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ result: { status: "SUCCEEDED", entered: 0, exited: 0, memberCount: 3 } });
    expect(await membersOf("warm")).toEqual([60, 80, 95]);
    const runs = await runsOf("warm");
    expect(runs.map((row) => [row.trigger, row.entered, row.exited])).toEqual([
      ["MANUAL", 3, 0],
      ["SCHEDULE", 0, 0],
    ]);
  });

  it("runs a dependent after its dependency and passes the chain on", async () => {
    const { result, sent } = await run("hot", "DEPENDENCY");
    expect(result).toMatchObject({ result: { status: "SUCCEEDED", entered: 2 }, dependents: [segment["not hot"]] });
    expect(await membersOf("hot")).toEqual([80, 95]);
    expect((await t.db.segment.findFirstOrThrow({ where: { id: segment.hot } })).needsRecalculation).toBe(false);
    expect(sent.map((event) => [event.data.segmentId, event.data.trigger])).toEqual([
      [segment["not hot"], "DEPENDENCY"],
    ]);

    await run("not hot", "DEPENDENCY");
    expect(await membersOf("not hot")).toEqual([10, 40, 60]);
  });

  it("for a static segment, requests its dependents only", async () => {
    const { result, error, sent } = await run("picked", "SAVE");
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ skipped: expect.stringContaining("static"), dependents: [segment["on picked"]] });
    expect(await runsOf("picked")).toEqual([]);
    expect(sent.map((event) => event.data.segmentId)).toEqual([segment["on picked"]]);
  });

  it("skips a segment that no longer exists, without retrying", async () => {
    const { result, error, sent } = await run(null, "SCHEDULE", "00000000-0000-4000-8000-000000000000");
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ skipped: "Segment not found", dependents: [] });
    expect(sent).toEqual([]);
  });

  it("fails the attempt (for Inngest to retry) when the engine records a failure", async () => {
    await t.db.segment.update({
      where: { companyId_id: { companyId: alpha, id: segment.warm! } },
      data: { rules: { match: "all", groups: [] } },
    });
    const { error } = await run("warm", "MANUAL");
    expect(String((error as { message?: string })?.message ?? error)).toContain("Recalculation failed");
    const runs = await runsOf("warm");
    expect(runs.at(-1)).toMatchObject({ status: "FAILED" });
    // The previous membership is intact.
    expect(await membersOf("warm")).toEqual([60, 80, 95]);
  });
});
