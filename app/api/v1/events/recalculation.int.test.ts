import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams } from "@/lib/api/test-helpers";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { runJobsInline } from "@/test/inline-jobs";
import { POST } from "./route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
const ids: Record<string, string> = {};

const one = (condition: Record<string, unknown>) => ({
  match: "all",
  groups: [{ match: "all", conditions: [condition] }],
});

beforeAll(async () => {
  runJobsInline();
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  await t.db.contact.createMany({
    data: [
      { companyId: acme.companyId, email: "ada@example.com", leadScore: 90 },
      { companyId: acme.companyId, email: "bob@example.com" },
    ],
  });
  const dynamic = async (name: string, rules: unknown) =>
    (ids[name] = (await createSegment(acme.companyId, null, { name, type: "DYNAMIC", rules })).id);
  await dynamic("opened", one({ field: "contact.lastOpenedAt", operator: "within_last_days", value: 30 }));
  await dynamic("clicked", one({ field: "event.email_clicked", operator: "has_done" }));
  await dynamic("score", one({ field: "contact.leadScore", operator: "greater_than", value: 50 }));
  await dynamic("paused", one({ field: "event.email_opened", operator: "has_done" }));
  await dynamic("follows opened", one({ field: "segment", operator: "in_segment", value: ids.opened }));
  await t.db.segment.update({
    where: { companyId_id: { companyId: acme.companyId, id: ids.paused as string } },
    data: { status: "PAUSED" },
  });
});

afterAll(async () => {
  await t?.close();
});

async function post(events: unknown[]) {
  const response = await POST(apiRequest("POST", "/api/v1/events", { key: acme.key, body: { events } }), noParams);
  return { status: response.status, body: await response.json() };
}

/** Each segment's runs as [trigger] and its members' emails. */
async function state(name: string) {
  const segmentId = ids[name] as string;
  const runs = await t.db.segmentRecalculation.findMany({ where: { segmentId }, select: { trigger: true } });
  const members = await t.db.segmentMembership.findMany({
    where: { segmentId },
    select: { contact: { select: { email: true } } },
  });
  return { runs: runs.map((run) => run.trigger), members: members.map((m) => m.contact.email).sort() };
}

describe("events recalculate the segments they affect", () => {
  it("recalculates segments that read the changed fields or event types, and their dependents, only those", async () => {
    const now = new Date().toISOString();
    const answer = await post([{ email: "ada@example.com", type: "email_opened", occurredAt: now }]);
    expect(answer).toEqual({ status: 200, body: { accepted: 1, errors: [] } });
    expect(await state("opened")).toEqual({ runs: ["EVENTS"], members: ["ada@example.com"] });
    expect(await state("follows opened")).toEqual({ runs: ["DEPENDENCY"], members: ["ada@example.com"] });
    expect(await state("clicked")).toEqual({ runs: [], members: [] });
    expect(await state("score")).toEqual({ runs: [], members: [] });
    expect(await state("paused")).toEqual({ runs: [], members: [] });

    await post([
      { email: "bob@example.com", type: "email_clicked", occurredAt: now },
      { email: "ada@example.com", type: "email_clicked", occurredAt: now },
    ]);
    // Two events for one segment: one run.
    expect(await state("clicked")).toEqual({ runs: ["EVENTS"], members: ["ada@example.com", "bob@example.com"] });
    expect((await state("opened")).runs).toEqual(["EVENTS"]);
  });

  it("leaves a segment that is already queued to its coming run", async () => {
    await t.db.segment.update({
      where: { companyId_id: { companyId: acme.companyId, id: ids.opened as string } },
      data: { recalculationState: "QUEUED" },
    });
    await post([{ email: "bob@example.com", type: "email_opened", occurredAt: new Date().toISOString() }]);
    expect((await state("opened")).runs).toEqual(["EVENTS"]);
  });
});
