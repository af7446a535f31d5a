/**
 * Previews under load (issue 13, "Load"): `users` marketers preview at once, each one
 * preview after another (always `users` in flight), rotating through the benchmark
 * definitions from a different start, through `sampleMatching` (the count and the
 * 10-contact sample the builder and POST /api/v1/segments/preview show). The floor is the
 * same schedule of hand-written counts on a plain `pg` pool with as many connections as
 * the app lets previews run at once (ENGINE_QUERY_CONCURRENCY), the engine's settings and
 * no parallel workers, measured in the same run. Latency is per preview and includes
 * waiting for a connection or a core.
 */
import type { Sql } from "@prisma/client-runtime-utils";
import pg from "pg";
import { sampleMatching } from "@/lib/data/segments/segment-preview";
import type { BenchDefinition } from "./definitions";

export type LoadStat = {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  previews: number;
  previewsPerSecond: number;
  /** CPU of this Node process per preview (user + system): the app's share of the cores. */
  appCpuMsPerPreview: number;
};

export type ConcurrentResults = {
  users: number;
  previewsPerUser: number;
  engine: LoadStat;
  handWritten: LoadStat;
  /** Engine p95 per definition: which ones the tail is made of. */
  engineP95ByDefinition: Record<string, number>;
  targetP95Ms: number;
};

export const CONCURRENT_TARGET_P95_MS = 500;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

function loadStat(samples: number[], wallMs: number, cpuMicros: number): LoadStat {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    p50Ms: r(percentile(sorted, 50)),
    p95Ms: r(percentile(sorted, 95)),
    maxMs: r(sorted.at(-1) ?? 0),
    previews: samples.length,
    previewsPerSecond: r((samples.length / wallMs) * 1000),
    appCpuMsPerPreview: r(cpuMicros / 1000 / Math.max(1, samples.length)),
  };
}

/**
 * `users` marketers each preview `count` times back to back (a closed loop: `users`
 * previews always in flight), each starting at a different definition and rotating.
 */
async function closedLoop(
  definitions: BenchDefinition[],
  users: number,
  count: number,
  preview: (definition: BenchDefinition) => Promise<unknown>,
): Promise<{ samples: number[]; byKey: Map<string, number[]>; wallMs: number; cpuMicros: number }> {
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  const byKey = new Map<string, number[]>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let round = 0; round < count; round++) {
        const definition = definitions[(user + round) % definitions.length]!;
        const begun = performance.now();
        await preview(definition);
        const elapsed = performance.now() - begun;
        samples.push(elapsed);
        byKey.set(definition.key, [...(byKey.get(definition.key) ?? []), elapsed]);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { samples, byKey, wallMs: performance.now() - started, cpuMicros: used.user + used.system };
}

export async function concurrentPreviews(options: {
  url: string;
  companyId: string;
  definitions: BenchDefinition[];
  handWritten: Record<string, Sql>;
  now: Date;
  users: number;
  previewsPerUser: number;
  /** Connections of the floor's pool: the app's limit of engine queries at once, for a fair comparison. */
  poolSize: number;
}): Promise<ConcurrentResults> {
  const { companyId, definitions, handWritten, now, users } = options;

  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    options: "-c jit=off -c work_mem=64MB -c max_parallel_workers_per_gather=0",
  });
  const floor = (definition: BenchDefinition) => {
    const query = handWritten[definition.key]!;
    return pool.query(query.text, query.values as unknown[]);
  };
  const engine = (definition: BenchDefinition) => sampleMatching(companyId, definition.definition, 10, { now });
  try {
    // Warm-up: every definition once each way, then one untimed round of each.
    for (const definition of definitions) await Promise.all([engine(definition), floor(definition)]);
    await closedLoop(definitions, users, 1, engine);
    await closedLoop(definitions, users, 1, floor);

    const engineRun = await closedLoop(definitions, users, options.previewsPerUser, engine);
    const floorRun = await closedLoop(definitions, users, options.previewsPerUser, floor);
    const byDefinition: Record<string, number> = {};
    for (const [key, samples] of engineRun.byKey) byDefinition[key] = loadStat(samples, engineRun.wallMs, 0).p95Ms;
    return {
      users,
      previewsPerUser: options.previewsPerUser,
      engine: loadStat(engineRun.samples, engineRun.wallMs, engineRun.cpuMicros),
      handWritten: loadStat(floorRun.samples, floorRun.wallMs, floorRun.cpuMicros),
      engineP95ByDefinition: byDefinition,
      targetP95Ms: CONCURRENT_TARGET_P95_MS,
    };
  } finally {
    await pool.end();
  }
}
