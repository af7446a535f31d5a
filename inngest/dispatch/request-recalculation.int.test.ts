import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let alpha: string;
let userId: string;
const segment: Record<string, string> = {};

const INNGEST_VARS = ["INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] as const;
const saved = Object.fromEntries(INNGEST_VARS.map((name) => [name, process.env[name]]));

/**
 * requestRecalculation with the Inngest settings given: the client and lib/env read the
 * environment when first imported, so the modules are loaded afresh for each setting.
 */
async function loadWith(settings: Partial<Record<(typeof INNGEST_VARS)[number], string>>) {
  for (const name of INNGEST_VARS) delete process.env[name];
  Object.assign(process.env, settings);
  vi.resetModules();
  return import("@/inngest/dispatch/request-recalculation");
}

/** A stand-in for the Inngest dev server: answers probes, records the events it is sent. */
function fakeInngest(options: { acceptEvents: boolean }) {
  const received: { name: string; data: Record<string, unknown> }[] = [];
  let probes = 0;
  const server: Server = createServer((req, res) => {
    if (req.method === "GET") {
      probes++;
      res.end("Inngest dev server");
      return;
    }
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (!options.acceptEvents) {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: "down for maintenance", status: 500 }));
        return;
      }
      const events = JSON.parse(body) as { name: string; data: Record<string, unknown> }[];
      received.push(...events);
      res.end(JSON.stringify({ ids: events.map((_, i) => `evt-${received.length + i}`), status: 200 }));
    });
  });
  return {
    received,
    probes: () => probes,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local URL nothing listens on. */
async function closedUrl(): Promise<string> {
  const fake = fakeInngest({ acceptEvents: true });
  const url = await fake.start();
  await fake.stop();
  return url;
}

async function membersOf(name: string): Promise<number[]> {
  const rows = await t.db.segmentMembership.findMany({
    where: { companyId: alpha, segmentId: segment[name] },
    select: { contact: { select: { leadScore: true } } },
  });
  return rows.map((row) => row.contact.leadScore!).sort((a, b) => a - b);
}

const rules = (...conditions: object[]) => ({ match: "all", groups: [{ match: "all", conditions }] });

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  userId = (
    await t.db.user.create({ data: { companyId: alpha, email: "m@alpha.example", name: "Mia", passwordHash: "x" } })
  ).id;
  await t.db.contact.createMany({
    data: [10, 40, 60, 80, 95].map((leadScore) => ({ companyId: alpha, email: `s${leadScore}@x.example`, leadScore })),
  });
  segment.warm = (
    await t.db.segment.create({
      data: {
        companyId: alpha,
        name: "warm",
        type: "DYNAMIC",
        rules: rules({ field: "contact.leadScore", operator: "greater_than", value: 50 }),
      },
    })
  ).id;
  segment.hot = (
    await t.db.segment.create({
      data: {
        companyId: alpha,
        name: "hot",
        type: "DYNAMIC",
        rules: rules(
          { field: "segment", operator: "in_segment", value: segment.warm },
          { field: "contact.leadScore", operator: "greater_than", value: 70 },
        ),
      },
    })
  ).id;
});

afterEach(() => {
  for (const name of INNGEST_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

afterAll(async () => {
  await t?.close();
});

describe("requestRecalculation without an Inngest server", () => {
  it("recalculates in the request, with the segments that depend on it (a new machine: nothing set)", async () => {
    const { requestRecalculation } = await loadWith({});
    const outcome = await requestRecalculation(alpha, segment.warm!, "SAVE", userId);
    expect(outcome).toMatchObject({
      mode: "inline",
      result: { segmentId: segment.warm, status: "SUCCEEDED", entered: 3, memberCount: 3 },
      dependents: [{ segmentId: segment.hot, status: "SUCCEEDED", entered: 2 }],
      skipped: [],
    });
    expect(await membersOf("warm")).toEqual([60, 80, 95]);
    expect(await membersOf("hot")).toEqual([80, 95]);
    const runs = await t.db.segmentRecalculation.findMany({ orderBy: { startedAt: "asc" } });
    expect(runs.map((run) => [run.segmentId, run.trigger, run.requestedById])).toEqual([
      [segment.warm, "SAVE", userId],
      [segment.hot, "DEPENDENCY", userId],
    ]);
  });

  it("recalculates in the request when the configured dev server does not answer, and quickly", async () => {
    const { requestRecalculation } = await loadWith({ INNGEST_DEV: await closedUrl() });
    await t.db.contact.updateMany({ where: { companyId: alpha, leadScore: 40 }, data: { leadScore: 75 } });
    const started = performance.now();
    const outcome = await requestRecalculation(alpha, segment.warm!, "MANUAL");
    expect(outcome).toMatchObject({ mode: "inline", result: { entered: 1, exited: 0 } });
    expect(await membersOf("warm")).toEqual([60, 75, 80, 95]);
    expect(await membersOf("hot")).toEqual([75, 80, 95]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("answers not found for another company's or a malformed segment id", async () => {
    const { requestRecalculation } = await loadWith({});
    const other = (await t.db.company.create({ data: { name: "Beta Co", slug: "beta" } })).id;
    await expect(requestRecalculation(other, segment.warm!, "MANUAL")).rejects.toThrow("Segment not found");
    await expect(requestRecalculation(alpha, "nope", "MANUAL")).rejects.toThrow("Segment not found");
  });
});

describe("requestRecalculation with an Inngest server", () => {
  it("sends the event, marks the segment QUEUED and probes once a minute at most", async () => {
    const server = fakeInngest({ acceptEvents: true });
    const url = await server.start();
    try {
      const { requestRecalculation } = await loadWith({ INNGEST_DEV: url });
      const runsBefore = await t.db.segmentRecalculation.count();
      const outcome = await requestRecalculation(alpha, segment.warm!, "MANUAL", userId);
      expect(outcome).toEqual({ mode: "queued", eventId: "evt-1" });
      expect(server.received).toMatchObject([
        {
          name: "segment/recalculate.requested",
          data: { companyId: alpha, segmentId: segment.warm, trigger: "MANUAL", requestedById: userId },
        },
      ]);
      const row = await t.db.segment.findFirstOrThrow({ where: { id: segment.warm } });
      expect(row.recalculationState).toBe("QUEUED");
      // Nothing ran here: the worker will.
      expect(await t.db.segmentRecalculation.count()).toBe(runsBefore);

      await requestRecalculation(alpha, segment.hot!, "SAVE");
      expect(server.received).toHaveLength(2);
      expect(server.probes()).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it("falls back to recalculating in the request when the server refuses the event", async () => {
    const server = fakeInngest({ acceptEvents: false });
    const url = await server.start();
    try {
      const { requestRecalculation } = await loadWith({ INNGEST_DEV: url });
      await t.db.contact.updateMany({ where: { companyId: alpha, leadScore: 75 }, data: { leadScore: 40 } });
      const outcome = await requestRecalculation(alpha, segment.warm!, "MANUAL");
      expect(outcome).toMatchObject({ mode: "inline", result: { status: "SUCCEEDED", exited: 1 } });
      expect(await membersOf("warm")).toEqual([60, 80, 95]);
      const row = await t.db.segment.findFirstOrThrow({ where: { id: segment.warm } });
      expect(row.recalculationState).toBe("IDLE");
    } finally {
      await server.stop();
    }
  });
});
