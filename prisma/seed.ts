/**
 * npm run db:seed -- [--contacts N] [--events N] [--companies K] [--reset]
 * Loads deterministic demo data into DATABASE_URL or the embedded database.
 * (Runs with --conditions=react-server: the data layer it reuses is marked server-only.)
 */
import { setDb } from "@/lib/db";
import { createPrismaClient } from "@/lib/db/client";
import { closePglite, defaultTarget, describeTarget } from "@/lib/db/open";
import { demoAccountLines } from "@/lib/seed/catalog";
import { parseSeedArgs, SEED_USAGE, SeedUsageError } from "@/lib/seed/options";
import { SeedConflictError, type SeedResult, seedDemoData } from "@/lib/seed/run";

function printCredentials(result: SeedResult): void {
  console.log("\nDemo accounts:");
  for (const line of demoAccountLines(result.companies)) console.log(`  ${line}`);
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseSeedArgs>;
  try {
    options = parseSeedArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof SeedUsageError)) throw error;
    console.error(`db:seed: ${error.message}\n\n${SEED_USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(SEED_USAGE);
    return 0;
  }
  const target = defaultTarget();
  console.log(
    `Seeding ${describeTarget(target)}: ${options.companies} companies × ${options.contacts.toLocaleString("en-US")} contacts, ` +
      `${options.events.toLocaleString("en-US")} events each${options.reset ? " (reset first)" : ""}.`,
  );
  const db = await createPrismaClient(target);
  setDb(db);
  try {
    const result = await seedDemoData(options, (line) => console.log(line));
    console.log(
      `Done in ${result.seconds.toFixed(1)} s: ${result.companies.length} companies, ` +
        `${result.contacts.toLocaleString("en-US")} contacts, ${result.events.toLocaleString("en-US")} events.`,
    );
    printCredentials(result);
    return 0;
  } catch (error) {
    if (error instanceof SeedConflictError) {
      console.error(`db:seed: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
    if (target.kind === "pglite") await closePglite(target.dataDir);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("db:seed failed:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
