import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { env } from "../env";
import { pgliteRunner, pgPoolRunner, type SqlRunner } from "./sql-runner";

/** Where the app's data lives: a PostgreSQL URL, or the embedded database's folder. */
export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export function defaultTarget(): DatabaseTarget {
  return env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: path.resolve(env.PGLITE_DATA_DIR) };
}

export function describeTarget(target: DatabaseTarget): string {
  return target.kind === "postgres"
    ? `PostgreSQL (${new URL(target.url).pathname.slice(1)})`
    : `embedded PGlite (${target.dataDir})`;
}

/** One PGlite per data folder per process: PGlite cannot share a folder between instances. */
const pgliteHolder = globalThis as { __segmentsPglites?: Map<string, Promise<PGlite>> };
pgliteHolder.__segmentsPglites ??= new Map();
const pglites = pgliteHolder.__segmentsPglites;

export function openPglite(dataDir: string): Promise<PGlite> {
  let db = pglites.get(dataDir);
  if (!db) {
    if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
    db = PGlite.create(dataDir === "memory://" ? undefined : { dataDir });
    pglites.set(dataDir, db);
  }
  return db;
}

export async function closePglite(dataDir: string): Promise<void> {
  const db = pglites.get(dataDir);
  if (!db) return;
  pglites.delete(dataDir);
  await (await db).close();
}

/** A raw SQL connection for migrations, seeding and benchmarks. */
export async function openSqlRunner(target = defaultTarget()): Promise<{
  runner: SqlRunner;
  close: () => Promise<void>;
  description: string;
}> {
  const description = describeTarget(target);
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 4 });
    return { runner: pgPoolRunner(pool), close: () => pool.end(), description };
  }
  const db = await openPglite(target.dataDir);
  return { runner: pgliteRunner(db), close: () => closePglite(target.dataDir), description };
}
