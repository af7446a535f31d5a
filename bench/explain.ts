/**
 * What limits a preview: EXPLAIN (ANALYZE, BUFFERS) of the engine's count or the hand-written
 * one, for one benchmark definition, on the seeded benchmark database.
 *   npx tsx --conditions=react-server bench/explain.ts <definition key> [engine|hand]
 * (DATABASE_URL, default the --fresh database segments_bench.)
 */
import { sql } from "@prisma/client-runtime-utils";
import { loadSegmentCatalog, validDefinitionOrThrow } from "@/lib/data/segments/segment-catalog";
import { setDb } from "@/lib/db";
import { createPrismaClient } from "@/lib/db/client";
import { companyIdFor } from "@/lib/seed/run";
import { compileSegment } from "@/lib/segments/engine";
import { benchDefinitions } from "./definitions";
import { handWrittenCounts } from "./hand-written";

const [key, which = "engine"] = process.argv.slice(2);
const keys = benchDefinitions("").map((d) => d.key);
if (!key || !keys.includes(key)) {
  console.error(`Usage: bench/explain.ts <${keys.join("|")}> [engine|hand]`);
  process.exit(2);
}
const db = await createPrismaClient({
  kind: "postgres",
  url: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/segments_bench",
});
setDb(db);
const companyId = companyIdFor("acme");
const staticId = (await db.segment.findFirst({
  where: { companyId, type: "STATIC", name: { startsWith: "bench: " } },
}))!.id;
const now = new Date();
const bench = benchDefinitions(staticId).find((d) => d.key === key)!;
const catalog = await loadSegmentCatalog(companyId);
const { from, where } = compileSegment(validDefinitionOrThrow(bench.definition, catalog), {
  companyId,
  now,
  customFieldTypes: catalog.customFieldTypes,
});
const query =
  which === "engine"
    ? sql`SELECT count(*) FROM ${from} WHERE ${where}`
    : handWrittenCounts(companyId, staticId, now)[key]!;
const rows = await db.$transaction(
  async (tx) => {
    await tx.$queryRawUnsafe("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)");
    return tx.$queryRaw<{ "QUERY PLAN": string }[]>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
  },
  { timeout: 300_000 },
);
console.log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
await db.$disconnect();
