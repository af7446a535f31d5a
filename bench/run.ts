/**
 * npm run bench -- [--contacts N] [--events N] [--runs N] [--fresh] [--reuse] [--only engine|jobs] [--previews-only] [--concurrent [N]]
 *
 * The segment engine's benchmark (issue 3): live preview counts of 8 fixed definitions
 * against hand-written SQL (the floor), set-based recalculation of a ~30% dynamic
 * segment (first fill, rerun with no change, rerun after 1% of contacts changed) against
 * the brief's seed-style engine. The background jobs' benchmark (issue 5, bench/jobs.ts):
 * one day of segment analytics, the nightly engagement scores, the recalculate-all
 * fan-out over 10,000 segments. Prints tables (median and min-max) and writes
 * bench/results.json. Runs with --conditions=react-server: the data layer is server-only.
 *
 * Database: DATABASE_URL (PostgreSQL), or with --fresh its own database segments_bench on
 * postgresql://postgres@127.0.0.1:5432 (dropped and created again unless --reuse).
 * --reuse keeps the seeded data already there (the benchmark's own segments are replaced).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "@prisma/client-runtime-utils";
import pg from "pg";
import { loadSegmentCatalog, validDefinitionOrThrow } from "@/lib/data/segments/segment-catalog";
import { countMatching } from "@/lib/data/segments/segment-preview";
import { recalculateSegment } from "@/lib/data/segments/segment-recalculation";
import { setDb } from "@/lib/db";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { openSqlRunner } from "@/lib/db/open";
import { env } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { companyIdFor, seedDemoData } from "@/lib/seed/run";
import { compileDefinition } from "@/lib/segments/engine";
import { seedStyleRecalculate } from "./baseline";
import { type ConcurrentResults, concurrentPreviews } from "./concurrent";
import { benchDefinitions, type Definition, recalcDefinition } from "./definitions";
import { handWrittenCounts } from "./hand-written";
import { importBenchmark } from "./import";
import { benchJobs, type JobsResults, type Stat } from "./jobs";

const USAGE = `Usage: npm run bench -- [--contacts N] [--events N] [--runs N] [--fresh] [--reuse] [--only engine|jobs] [--previews-only]
  --contacts N  contacts of the one benchmark company (default 100,000)
  --events N    events (default 1,000,000)
  --runs N      timed runs per figure, at least 5 (default 7)
  --fresh       use (drop and create) database segments_bench on postgresql://postgres@127.0.0.1:5432
  --reuse       keep the data already seeded in the benchmark database
  --only X      run only the engine's figures (engine) or the background jobs' (jobs)
  --previews-only  only the engine's preview counts (the seed-style baseline takes minutes a run at 1M)
  --import-only only the CSV import benchmark (100,000 rows, 3 runs; bench/import.ts)
  --concurrent [N]  only previews under load: N marketers (default 20) previewing at once (bench/concurrent.ts)
Needs DATABASE_URL (PostgreSQL) unless --fresh is given.`;

const LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432";
const BENCH_DB = "segments_bench";
const PREFIX = "bench: ";

type Args = {
  contacts: number;
  events: number;
  runs: number;
  fresh: boolean;
  reuse: boolean;
  only: "engine" | "jobs" | null;
  importOnly: boolean;
  previewsOnly: boolean;
  /** Marketers previewing at once for --concurrent; 0 = not this mode. */
  concurrent: number;
};

function parseArgs(argv: string[]): Args {
  const args: Args = {
    contacts: 100_000,
    events: 1_000_000,
    runs: 7,
    fresh: false,
    reuse: false,
    only: null,
    importOnly: false,
    previewsOnly: false,
    concurrent: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const num = () => {
      const value = Number(String(argv[++i] ?? "").replace(/[_,]/g, ""));
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${flag} needs a whole number`);
      return value;
    };
    if (flag === "--contacts") args.contacts = num();
    else if (flag === "--events") args.events = num();
    else if (flag === "--runs") args.runs = num();
    else if (flag === "--fresh") args.fresh = true;
    else if (flag === "--reuse") args.reuse = true;
    else if (flag === "--import-only") args.importOnly = true;
    else if (flag === "--previews-only") args.previewsOnly = true;
    else if (flag === "--concurrent") args.concurrent = /^\d/.test(argv[i + 1] ?? "") ? num() : 20;
    else if (flag === "--only") {
      const value = argv[++i];
      if (value !== "engine" && value !== "jobs") throw new Error("--only takes engine or jobs");
      args.only = value;
    } else throw new Error(`unknown option "${flag}"`);
  }
  if (args.runs < 5) throw new Error("--runs must be at least 5 (medians of fewer runs are noise here)");
  if (args.contacts < 1_000) throw new Error("--contacts must be at least 1,000");
  return args;
}

// --- statistics and output ---------------------------------------------------------------

function stat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  return { medianMs: r(median), minMs: r(sorted[0]!), maxMs: r(sorted.at(-1)!), samplesMs: samples.map(r) };
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);
const range = (s: Stat) => `${ms(s.minMs)}–${ms(s.maxMs)}`;
const verdict = (met: boolean) => (met ? "met" : "NOT met");
const fmt = (n: number) => n.toLocaleString("en-US");

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));
}

// --- database set-up ---------------------------------------------------------------------

async function databaseUrl(args: Args): Promise<string> {
  if (!args.fresh) {
    const url = process.env.DATABASE_URL;
    if (!url || !/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must name a PostgreSQL database (or pass --fresh to use its own segments_bench).");
    }
    return url;
  }
  const admin = new pg.Client({ connectionString: `${LOCAL_SERVER}/postgres` });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [BENCH_DB])).rowCount;
    if (exists && !args.reuse) await admin.query(`DROP DATABASE ${BENCH_DB} WITH (FORCE)`);
    if (!exists || !args.reuse) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
  return `${LOCAL_SERVER}/${BENCH_DB}`;
}

/** Seeds 1 company of the given size unless --reuse finds it there; returns its id and size. */
async function seeded(db: PrismaClient, args: Args): Promise<{ companyId: string; contacts: number; events: number }> {
  const companyId = companyIdFor("acme");
  const existing = await db.company.findUnique({ where: { id: companyId }, select: { id: true } });
  if (existing && !args.reuse) {
    throw new Error("The database already holds the demo company: pass --reuse to benchmark it as it is, or --fresh.");
  }
  if (!existing) {
    const anyData = await db.company.count();
    if (anyData) throw new Error("The database holds other data: the benchmark seeds only an empty database.");
    console.log(`Seeding 1 company: ${fmt(args.contacts)} contacts, ${fmt(args.events)} events ...`);
    const result = await seedDemoData(
      { contacts: args.contacts, events: args.events, companies: 1, reset: false },
      (line) => console.log(`  ${line}`),
    );
    console.log(`Seeded in ${result.seconds.toFixed(1)} s.`);
  }
  // VACUUM too, not only ANALYZE: autovacuum is off here, and without the visibility map
  // every "index-only" probe of the events index fetches heap pages (and the first reads
  // dirty pages setting hint bits), which a server with autovacuum would not pay.
  await db.$executeRawUnsafe("VACUUM (ANALYZE)");
  const [row] = await db.$queryRaw<{ contacts: number; events: number }[]>(sql`
    SELECT (SELECT count(*)::int FROM "Contact" WHERE "companyId" = ${companyId}::uuid) AS "contacts",
      (SELECT count(*)::int FROM "ContactEvent" WHERE "companyId" = ${companyId}::uuid) AS "events"`);
  return { companyId, contacts: row!.contacts, events: row!.events };
}

/** A dynamic segment of the benchmark (raw rules; validation is the engine's job in the runs). */
async function createSegment(db: PrismaClient, companyId: string, name: string, rules: Definition | null) {
  const segment = await db.segment.create({
    data: {
      companyId,
      name: `${PREFIX}${name}`,
      type: rules ? "DYNAMIC" : "STATIC",
      ...(rules ? { rules: rules as Prisma.InputJsonValue } : {}),
    },
    select: { id: true },
  });
  return segment.id;
}

/** The ~1% static segment the 10-condition definition refers to. */
async function createStaticOnePercent(db: PrismaClient, companyId: string, contacts: number): Promise<string> {
  const staticId = await createSegment(db, companyId, "static 1%", null);
  await db.$executeRaw(sql`
    INSERT INTO "SegmentMembership" ("companyId", "segmentId", "contactId", "addedVia")
    SELECT c."companyId", ${staticId}::uuid, c."id", 'MANUAL' FROM "Contact" c
    WHERE c."companyId" = ${companyId}::uuid ORDER BY md5(c."id"::text) LIMIT ${Math.round(contacts / 100)}::int`);
  await db.$executeRawUnsafe(`ANALYZE "SegmentMembership"`);
  return staticId;
}

async function dropSegment(db: PrismaClient, companyId: string, id: string) {
  await db.segment.delete({ where: { companyId_id: { companyId, id } } });
  await db.$executeRawUnsafe(`ANALYZE "SegmentMembership"`);
}

// --- the benchmark ---------------------------------------------------------------------

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const url = await databaseUrl(args);
  const target = { kind: "postgres" as const, url };
  const { runner, close } = await openSqlRunner(target);
  await applyMigrations(runner).finally(close);
  const db = await createPrismaClient(target);
  setDb(db);
  try {
    if (args.concurrent) await benchConcurrent(db, args, url);
    else if (!args.importOnly) await benchmark(db, args, new URL(url).pathname.slice(1));
    if (args.importOnly || (!args.only && !args.previewsOnly && !args.concurrent))
      await reportImport(await importBenchmark(db));
  } finally {
    await db.$disconnect();
  }
}

async function benchmark(db: PrismaClient, args: Args, database: string): Promise<void> {
  const size = await seeded(db, args);
  const { companyId } = size;
  const now = new Date();
  console.log(
    `\nBenchmark on ${database}: ${fmt(size.contacts)} contacts, ${fmt(size.events)} events; ${args.runs} runs each.`,
  );

  await restoreLeadScores(db); // an interrupted earlier run
  await db.segment.deleteMany({ where: { companyId, name: { startsWith: PREFIX } } });

  const engine = args.only === "jobs" ? null : await benchEngine(db, args, size, now);
  let jobs: JobsResults | null = null;
  if (args.only !== "engine" && !args.previewsOnly) {
    console.log("\nBackground jobs:");
    await db.segment.deleteMany({ where: { companyId, name: { startsWith: PREFIX } } });
    jobs = await benchJobs(db, companyId, args.runs, PREFIX, { stat, time, log: (line) => console.log(line) });
    await db.segment.deleteMany({ where: { companyId, name: { startsWith: PREFIX } } });
  }
  report(args, database, size, engine, jobs);
}

/** --concurrent: the preview load test, alone (bench/concurrent.ts). */
async function benchConcurrent(db: PrismaClient, args: Args, url: string): Promise<void> {
  const size = await seeded(db, args);
  const { companyId } = size;
  await db.segment.deleteMany({ where: { companyId, name: { startsWith: PREFIX } } });
  const staticId = await createStaticOnePercent(db, companyId, size.contacts);
  const now = new Date();
  const users = args.concurrent;
  console.log(
    `\nPreviews under load: ${users} marketers at once, ${args.runs} previews each, ${fmt(size.contacts)} contacts.`,
  );
  const result = await concurrentPreviews({
    url,
    companyId,
    definitions: benchDefinitions(staticId),
    handWritten: handWrittenCounts(companyId, staticId, now),
    now,
    users,
    previewsPerUser: args.runs,
    poolSize: env.ENGINE_QUERY_CONCURRENCY,
  });
  await db.segment.deleteMany({ where: { companyId, name: { startsWith: PREFIX } } });
  reportConcurrent(result);
  const file = path.resolve("bench/results.json");
  const results = { ...earlierResults(file, size), concurrentPreviews: result };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), file)}.`);
}

function reportConcurrent(r: ConcurrentResults): void {
  const row = (who: string, s: ConcurrentResults["engine"]) => [
    who,
    ms(s.p50Ms),
    ms(s.p95Ms),
    ms(s.maxMs),
    fmt(s.previews),
    `${s.previewsPerSecond}/s`,
    ms(s.appCpuMsPerPreview),
  ];
  printTable(
    `Previews under load: ${r.users} at once (target p95 < ${r.targetP95Ms} ms: ${verdict(r.engine.p95Ms < r.targetP95Ms)})`,
    ["", "p50", "p95", "max", "previews", "throughput", "app CPU/preview"],
    [row("engine (count + sample)", r.engine), row("hand-written count", r.handWritten)],
  );
  printTable(
    "Engine p95 by definition",
    ["definition", "p95"],
    Object.entries(r.engineP95ByDefinition).map(([key, p95]) => [key, ms(p95)]),
  );
}

type EngineResults = { previews: Preview[]; previewTarget: number; recalc: Recalc | null };

async function benchEngine(
  db: PrismaClient,
  args: Args,
  size: { companyId: string; contacts: number },
  now: Date,
): Promise<EngineResults> {
  const { companyId } = size;
  const big = size.contacts > 300_000;

  const staticId = await createStaticOnePercent(db, companyId, size.contacts);

  // 1 + 2. Preview counts, engine and hand-written interleaved (the machine is noisy).
  const previewTarget = big ? 300 : 50;
  const handWritten = handWrittenCounts(companyId, staticId, now);
  const previews = [];
  for (const { key, name, definition } of benchDefinitions(staticId)) {
    const inQuery: number[] = []; // countMatching's own durationMs: the query's transaction only
    const engineCount = async () => {
      const result = await countMatching(companyId, definition, { now });
      inQuery.push(result.durationMs);
      return result.count;
    };
    const floorCount = async () =>
      db.$transaction(
        async (tx) => {
          await tx.$queryRawUnsafe("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)");
          return (await tx.$queryRaw<{ n: number }[]>(handWritten[key]!))[0]!.n;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    const [count, floor] = [await engineCount(), await floorCount()]; // warm-up
    const engine: number[] = [];
    const hand: number[] = [];
    for (let run = 0; run < args.runs; run++) {
      engine.push((await time(engineCount))[0]);
      hand.push((await time(floorCount))[0]);
    }
    inQuery.shift(); // the warm-up
    const e = stat(engine);
    const h = stat(hand);
    previews.push({
      key,
      name,
      count,
      handWrittenCount: floor,
      engine: e,
      engineQuery: stat(inQuery),
      handWritten: h,
      ratio: e.medianMs / h.medianMs,
    });
    console.log(
      `  ${name}: ${fmt(count)} contacts, engine ${ms(e.medianMs)}, hand-written ${ms(h.medianMs)}${count === floor ? "" : `  COUNT MISMATCH (hand-written ${fmt(floor)})`}`,
    );
  }

  if (args.previewsOnly) return { previews, previewTarget, recalc: null };

  // 3. Recalculation of a ~30% dynamic segment.
  const threshold = await thresholdForShare(db, companyId, 0.3);
  const rules = recalcDefinition(threshold);
  const firstFill: number[] = [];
  let segmentId = "";
  let members = 0;
  for (let run = 0; run < args.runs; run++) {
    if (segmentId) await dropSegment(db, companyId, segmentId);
    segmentId = await createSegment(db, companyId, "recalculation", rules);
    const [elapsed, result] = await time(() => recalculateSegment(companyId, segmentId, { trigger: "MANUAL", now }));
    if (result.status !== "SUCCEEDED") throw new Error(`recalculation failed: ${result.error}`);
    firstFill.push(elapsed);
    members = result.memberCount ?? 0;
  }
  console.log(`  Recalculation segment (ACTIVE and leadScore ≥ ${threshold}): ${fmt(members)} members.`);
  const rerun: number[] = [];
  for (let run = 0; run < args.runs; run++) {
    const [elapsed, result] = await time(() => recalculateSegment(companyId, segmentId, { trigger: "MANUAL", now }));
    if (result.entered + result.exited > 0) throw new Error("a rerun with no change entered or exited contacts");
    rerun.push(elapsed);
  }

  // 4. The seed-style baseline on the same segment definition.
  const catalog = await loadSegmentCatalog(companyId);
  // Over "Contact": the baseline loads the full contact rows into the app.
  const where = compileDefinition(validDefinitionOrThrow(rules, catalog), {
    companyId,
    now,
    customFieldTypes: catalog.customFieldTypes,
  });
  const baselineId = await createSegment(db, companyId, "seed-style baseline", rules);
  const baselineFirst: number[] = [];
  for (let run = 0; run < args.runs; run++) {
    await db.segmentMembership.deleteMany({ where: { companyId, segmentId: baselineId } });
    await db.$executeRawUnsafe(`ANALYZE "SegmentMembership"`);
    baselineFirst.push((await time(() => seedStyleRecalculate(db, companyId, baselineId, where)))[0]);
  }
  const baselineRerun: number[] = [];
  for (let run = 0; run < args.runs; run++) {
    baselineRerun.push((await time(() => seedStyleRecalculate(db, companyId, baselineId, where)))[0]);
  }
  await dropSegment(db, companyId, baselineId);

  // 3 (cont.). After 1% of contacts changed: leadScore moved across the threshold.
  const changed = Math.round(size.contacts / 100);
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_bench_lead_scores" AS
    SELECT "companyId", "id", "leadScore" FROM "Contact"`);
  const afterChange: number[] = [];
  const diffs: number[] = [];
  try {
    for (let run = 0; run < args.runs; run++) {
      await db.$executeRaw(sql`
        UPDATE "Contact" c SET "leadScore" = CASE WHEN coalesce(c."leadScore", 0) >= ${threshold}::int
          THEN ${threshold - 1}::int ELSE ${threshold}::int END
        WHERE c."companyId" = ${companyId}::uuid AND c."id" IN (
          SELECT "id" FROM "Contact" WHERE "companyId" = ${companyId}::uuid ORDER BY random() LIMIT ${changed}::int)`);
      const [elapsed, result] = await time(() => recalculateSegment(companyId, segmentId, { trigger: "MANUAL", now }));
      afterChange.push(elapsed);
      diffs.push(result.entered + result.exited);
    }
  } finally {
    await restoreLeadScores(db);
  }

  return {
    previews,
    previewTarget,
    recalc: {
      threshold,
      members,
      firstFill: stat(firstFill),
      rerun: stat(rerun),
      afterChange: stat(afterChange),
      changedContacts: changed,
      diffsPerRun: diffs,
      baselineFirst: stat(baselineFirst),
      baselineRerun: stat(baselineRerun),
    },
  };
}

/** The leadScore threshold t for which "ACTIVE and leadScore ≥ t" selects closest to `share` of contacts. */
async function thresholdForShare(db: PrismaClient, companyId: string, share: number): Promise<number> {
  const rows = await db.$queryRaw<{ t: number; share: number }[]>(sql`
    SELECT t, (count(*) FILTER (WHERE c."subscriptionStatus" = 'ACTIVE' AND c."leadScore" >= t))::float8 / count(*) AS "share"
    FROM "Contact" c, generate_series(0, 100) t WHERE c."companyId" = ${companyId}::uuid GROUP BY t`);
  rows.sort((a, b) => Math.abs(a.share - share) - Math.abs(b.share - share));
  return rows[0]!.t;
}

/** Puts back the lead scores the 1% change altered (also after an interrupted run). */
async function restoreLeadScores(db: PrismaClient): Promise<void> {
  const [row] = await db.$queryRaw<{ exists: boolean }[]>(
    sql`SELECT to_regclass('"_bench_lead_scores"') IS NOT NULL AS "exists"`,
  );
  if (!row?.exists) return;
  await db.$executeRawUnsafe(`UPDATE "Contact" c SET "leadScore" = b."leadScore" FROM "_bench_lead_scores" b
    WHERE c."companyId" = b."companyId" AND c."id" = b."id" AND c."leadScore" IS DISTINCT FROM b."leadScore"`);
  await db.$executeRawUnsafe(`DROP TABLE "_bench_lead_scores"`);
  await db.$executeRawUnsafe(`ANALYZE "Contact"`);
}

type Preview = {
  key: string;
  name: string;
  count: number;
  handWrittenCount: number;
  engine: Stat;
  engineQuery: Stat;
  handWritten: Stat;
  ratio: number;
};

type Recalc = {
  threshold: number;
  members: number;
  firstFill: Stat;
  rerun: Stat;
  afterChange: Stat;
  changedContacts: number;
  diffsPerRun: number[];
  baselineFirst: Stat;
  baselineRerun: Stat;
};

function report(
  args: Args,
  database: string,
  size: { contacts: number; events: number },
  engine: EngineResults | null,
  jobs: JobsResults | null,
): void {
  const engineResults = engine ? reportEngine(args, size, engine) : {};
  if (jobs) reportJobs(jobs);
  const file = path.resolve("bench/results.json");
  const results = {
    // With --only, the other part's figures of an earlier run at the same size are kept.
    ...(args.only ? earlierResults(file, size) : {}),
    generatedAt: new Date().toISOString(),
    database,
    contacts: size.contacts,
    events: size.events,
    runs: args.runs,
    ...engineResults,
    ...(jobs ? { jobs } : {}),
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), file)}.`);
}

function earlierResults(file: string, size: { contacts: number; events: number }): Record<string, unknown> {
  try {
    const earlier = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return earlier.contacts === size.contacts && earlier.events === size.events ? earlier : {};
  } catch {
    return {};
  }
}

function reportEngine(
  args: Args,
  size: { contacts: number; events: number },
  { previews, previewTarget, recalc }: EngineResults,
) {
  printTable(
    `Preview count (countMatching, wall time incl. catalog load) vs hand-written SQL — median, min–max of ${args.runs}`,
    [
      "definition",
      "count",
      "engine p50",
      "engine min–max",
      "of it query",
      `target <${previewTarget} ms`,
      "hand p50",
      "hand min–max",
      "engine/hand",
      "target ≤1.5×",
    ],
    previews.map((p) => [
      p.name,
      p.count === p.handWrittenCount ? fmt(p.count) : `${fmt(p.count)} (hand ${fmt(p.handWrittenCount)}!)`,
      ms(p.engine.medianMs),
      range(p.engine),
      ms(p.engineQuery.medianMs),
      verdict(p.engine.medianMs < previewTarget),
      ms(p.handWritten.medianMs),
      range(p.handWritten),
      `${p.ratio.toFixed(2)}×`,
      verdict(p.ratio <= 1.5),
    ]),
  );
  const previewResults = previews.map((p) => ({
    ...p,
    targetMs: previewTarget,
    metTarget: p.engine.medianMs < previewTarget,
    metRatio: p.ratio <= 1.5,
  }));
  if (!recalc) return { previews: previewResults, recalculation: null };
  const r = recalc;
  const firstRatio = r.baselineFirst.medianMs / r.firstFill.medianMs;
  const rerunRatio = r.baselineRerun.medianMs / r.rerun.medianMs;
  const note = size.contacts >= 1_000_000 ? "" : " (target is for 300k members at 1M)";
  printTable(
    `Recalculation of "ACTIVE and leadScore ≥ ${r.threshold}": ${fmt(r.members)} members (${((100 * r.members) / size.contacts).toFixed(1)}%)`,
    ["run", "p50", "min–max", "target", "verdict"],
    [
      [
        "engine first fill (from empty)",
        ms(r.firstFill.medianMs),
        range(r.firstFill),
        `< 2 s${note}`,
        verdict(r.firstFill.medianMs < 2000),
      ],
      [
        "engine rerun, no change",
        ms(r.rerun.medianMs),
        range(r.rerun),
        `< 300 ms${note}`,
        verdict(r.rerun.medianMs < 300),
      ],
      [
        `engine after 1% changed (${fmt(r.changedContacts)} contacts)`,
        ms(r.afterChange.medianMs),
        range(r.afterChange),
        "",
        "",
      ],
      ["seed-style first fill", ms(r.baselineFirst.medianMs), range(r.baselineFirst), "", ""],
      ["seed-style rerun", ms(r.baselineRerun.medianMs), range(r.baselineRerun), "", ""],
      ["first fill: seed-style / engine", `${firstRatio.toFixed(1)}×`, "", "", ""],
      ["rerun: seed-style / engine", `${rerunRatio.toFixed(1)}×`, "", "≥ 20×", verdict(rerunRatio >= 20)],
    ],
  );
  console.log(`  entered + exited per 1%-change run: ${r.diffsPerRun.join(", ")}`);
  return {
    previews: previewResults,
    recalculation: { ...recalc, firstFillRatio: firstRatio, rerunRatio },
  };
}

function reportJobs({ analytics: a, engagementScores: e, fanOut: f }: JobsResults): void {
  printTable(
    `Background jobs — median, min–max of ${a.first.samplesMs.length}`,
    ["job", "p50", "min–max", "target", "verdict"],
    [
      [
        `daily analytics, one company-day (${a.segments} segments, ${fmt(a.memberships)} memberships, ${fmt(a.eventsThatDay)} events)`,
        ms(a.first.medianMs),
        range(a.first),
        `< ${ms(a.targetMs)}`,
        verdict(a.first.medianMs < a.targetMs),
      ],
      ["daily analytics, same day again (writes nothing)", ms(a.rerun.medianMs), range(a.rerun), "", ""],
      [
        `engagement scores, every contact rewritten (${fmt(e.everyContact.changed)})`,
        ms(e.everyContact.ms),
        "",
        `< ${ms(e.targetMs)}`,
        verdict(e.everyContact.ms < e.targetMs),
      ],
      [
        "engagement scores, steady night",
        ms(e.steady.medianMs),
        range(e.steady),
        `< ${ms(e.targetMs)}`,
        verdict(e.steady.medianMs < e.targetMs),
      ],
      ["preferred open times, steady", ms(e.preferredOpenTimes.medianMs), range(e.preferredOpenTimes), "", ""],
      [
        `fan-out, recalculate-all under @inngest/test (${fmt(f.eventsSent)} events, ${f.pages} pages)`,
        ms(f.inngestFunction.medianMs),
        range(f.inngestFunction),
        "",
        "",
      ],
      [`fan-out, data layer only (${fmt(f.segments)} segments)`, ms(f.dataLayer.medianMs), range(f.dataLayer), "", ""],
    ],
  );
}

async function reportImport(result: Awaited<ReturnType<typeof importBenchmark>>): Promise<void> {
  const fresh = stat(result.freshMs);
  const again = stat(result.againMs);
  const exported = stat(result.exportMs);
  printTable(
    `CSV import of ${fmt(result.rows)} rows (${(result.fileBytes / 1024 / 1024).toFixed(1)} MB), upload to done — median, min–max of ${result.runs}`,
    ["run", "p50", "min–max", "rows/s", "target", "verdict"],
    (
      [
        ["into an empty company (all created)", fresh],
        ["the same file again (all updated)", again],
      ] as const
    ).map(([label, figure]) => [
      label,
      ms(figure.medianMs),
      range(figure),
      fmt(Math.round(result.rows / (figure.medianMs / 1000))),
      "< 60 s",
      verdict(figure.medianMs < 60_000),
    ]),
  );
  console.log(
    `  CSV export of the imported segment (${fmt(result.rows)} rows, streamed): ${ms(exported.medianMs)} (${range(exported)}); heap grew at most ${Math.max(...result.exportHeapGrowthMb).toFixed(0)} MB${(globalThis as { gc?: unknown }).gc ? " (live objects, after GC)" : " (garbage included; NODE_OPTIONS=--expose-gc measures live objects)"}`,
  );
  const file = path.resolve("bench/import-results.json");
  writeFileSync(
    file,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), ...result, fresh, again, exported }, null, 2)}\n`,
  );
  console.log(`\nWrote ${path.relative(process.cwd(), file)}.`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench: ${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    if (error instanceof Error && !/^(--|DATABASE_URL|The database|unknown option)/.test(error.message))
      console.error(error.stack);
    process.exit(1);
  },
);
