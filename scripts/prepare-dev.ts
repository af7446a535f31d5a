/**
 * Runs before `next dev` (npm run dev), so a fresh clone needs no set-up step:
 *  1. makes sure AUTH_SECRET exists (writes a random one to .env.local otherwise);
 *  2. opens the database and applies pending migrations: the embedded PGlite when
 *     DATABASE_URL is unset, else that PostgreSQL;
 *  3. loads the demo data when the database has no company yet.
 * It closes the embedded database before exiting: `next dev` opens the same folder next.
 * Once the embedded database holds data, a marker file in its folder lets later starts
 * skip opening it (~2 s saved; the app applies new migrations itself when it opens it).
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";

const ENV_LOCAL = path.resolve(".env.local");
/** In the embedded database's folder, so deleting the folder also forgets the seed. */
const SEEDED_MARKER = "segments-seeded";

/** Reads the env files the way `next dev` will, so both agree on DATABASE_URL and friends. */
function loadEnvFiles(): void {
  nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
}

function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const secret = randomBytes(32).toString("base64url");
  const existing = existsSync(ENV_LOCAL) ? readFileSync(ENV_LOCAL, "utf8") : "";
  const separator = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(ENV_LOCAL, `${separator}# Signs session cookies; written by npm run dev.\nAUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
  console.log("Wrote a random AUTH_SECRET to .env.local.");
}

/**
 * The embedded database's folder, read straight from the environment so the common case
 * (already seeded) needs none of the database modules; mirrors lib/env.ts's default.
 */
function embeddedDataDir(): string | undefined {
  if (process.env.DATABASE_URL) return undefined;
  return path.resolve(process.env.PGLITE_DATA_DIR || ".data/pglite");
}

async function prepareDatabase(): Promise<void> {
  const dataDir = embeddedDataDir();
  const marker = dataDir ? path.join(dataDir, SEEDED_MARKER) : undefined;
  if (marker && existsSync(marker)) {
    console.log(`Database: embedded PGlite (${dataDir}), demo data in place.`);
    return;
  }
  // Imported only now: lib/env validates process.env when it loads.
  const { defaultTarget, openSqlRunner } = await import("@/lib/db/open");
  const { applyMigrations } = await import("@/lib/db/migrations");
  const target = defaultTarget();
  const started = performance.now();
  const { runner, close, description } = await openSqlRunner(target);
  try {
    const applied = await applyMigrations(runner);
    if (applied.length) console.log(`Applied to ${description}: ${applied.join(", ")}`);
    const [row] = await runner.query<{ seeded: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Company") AS seeded`);
    if (row?.seeded) {
      console.log(`Database: ${description}, ready in ${Math.round(performance.now() - started)} ms.`);
    } else {
      console.log(`${description} has no data yet: loading the demo data (once; takes a minute)...`);
      await seedDefaultData(target);
    }
    if (target.kind === "pglite") {
      writeFileSync(
        path.join(target.dataDir, SEEDED_MARKER),
        "Demo data loaded; npm run dev skips its database checks while this file exists.\n",
      );
    }
  } finally {
    await close(); // for PGlite: closes the instance the Prisma client shared too
  }
}

async function seedDefaultData(target: import("@/lib/db/open").DatabaseTarget): Promise<void> {
  const { setDb } = await import("@/lib/db");
  const { createPrismaClient } = await import("@/lib/db/client");
  const { parseSeedArgs } = await import("@/lib/seed/options");
  const { seedDemoData } = await import("@/lib/seed/run");
  const { demoAccountLines } = await import("@/lib/seed/catalog");
  const db = await createPrismaClient(target);
  setDb(db);
  try {
    const options = parseSeedArgs([]);
    if (options === "help") return;
    const result = await seedDemoData(options, (line) => console.log(`  ${line}`));
    console.log(
      `Demo data loaded in ${result.seconds.toFixed(0)} s. Sign in at http://localhost:${process.env.PORT ?? 3000} with:`,
    );
    for (const line of demoAccountLines(result.companies)) console.log(`  ${line}`);
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  loadEnvFiles();
  ensureAuthSecret();
  await prepareDatabase();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`npm run dev: could not prepare the database.\n${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
