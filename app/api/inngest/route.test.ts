import { beforeAll, describe, expect, it } from "vitest";

type FunctionConfig = {
  id: string;
  name: string;
  triggers: ({ cron: string } | { event: string })[];
  concurrency?: unknown;
  debounce?: unknown;
};

let GET: (req: Request, res: unknown) => Promise<Response>;
let configs: FunctionConfig[];

beforeAll(async () => {
  // Without a signing key the SDK serves only in dev mode.
  process.env.INNGEST_DEV = "1";
  ({ GET } = (await import("@/app/api/inngest/route")) as unknown as { GET: typeof GET });
  const { functions } = await import("@/inngest/functions");
  configs = functions.flatMap((fn) =>
    (fn as unknown as { getConfig: (o: object) => FunctionConfig[] }).getConfig({
      baseUrl: new URL("http://localhost:3000/api/inngest"),
      appPrefix: "segments",
    }),
  );
});

describe("/api/inngest", () => {
  it("serves the app's seven functions", async () => {
    const response = await GET(new Request("http://localhost:3000/api/inngest"), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ function_count: 7, mode: "dev" });
  });

  it("registers each function with its schedule or event and its flow control", () => {
    const byName = Object.fromEntries(configs.map((config) => [config.name, config]));
    expect(Object.keys(byName).sort()).toEqual([
      "analytics/segment-daily",
      "campaigns/send",
      "campaigns/send-scheduled",
      "campaigns/simulate-engagement",
      "contacts/engagement-scores",
      "segments/recalculate",
      "segments/recalculate-all",
    ]);
    // Inngest ids must be slugs.
    for (const config of configs) expect(config.id).toMatch(/^[a-z0-9-]+$/);
    expect(byName["segments/recalculate-all"]!.triggers).toEqual([{ cron: "*/30 * * * *" }]);
    expect(byName["analytics/segment-daily"]!.triggers).toEqual([
      { cron: "0 2 * * *" },
      { event: "analytics/segment-daily.backfill" },
    ]);
    expect(byName["contacts/engagement-scores"]!.triggers).toEqual([{ cron: "30 3 * * *" }]);
    expect(byName["segments/recalculate"]).toMatchObject({
      triggers: [{ event: "segment/recalculate.requested" }],
      concurrency: [{ key: "event.data.segmentId", limit: 1 }, { limit: 4 }],
      debounce: { key: "event.data.segmentId", period: "10s" },
    });
    expect(byName["campaigns/send-scheduled"]).toMatchObject({
      triggers: [{ cron: "* * * * *" }],
      concurrency: [{ limit: 1 }],
    });
    expect(byName["campaigns/send"]).toMatchObject({
      triggers: [{ event: "campaign/send.requested" }],
      concurrency: [{ key: "event.data.campaignId", limit: 1 }, { limit: 2 }],
    });
    expect(byName["campaigns/simulate-engagement"]).toMatchObject({
      triggers: [{ event: "campaign/engagement.requested" }],
    });
  });
});
