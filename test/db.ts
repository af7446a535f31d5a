import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../lib/db/migrations";
import { pgliteRunner, pgPoolRunner, type SqlRunner } from "../lib/db/sql-runner";
import { PrismaClient } from "../lib/generated/prisma/client";

export type TestDatabaseKind = "pglite" | "postgres";

export type TestDatabase = {
  kind: TestDatabaseKind;
  db: PrismaClient;
  /** Raw SQL on the same database, for fixtures and assertions. */
  sql: SqlRunner;
  close: () => Promise<void>;
};

/** Which database this test run uses: the Vitest project sets TEST_DB. */
export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh, migrated, empty database: one per test file. */
export async function createTestDatabase(kind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === "pglite") {
    const pglite = await PGlite.create();
    await applyMigrations(pgliteRunner(pglite));
    const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      kind,
      db,
      sql: pgliteRunner(pglite),
      close: async () => {
        await db.$disconnect();
        await pglite.close();
      },
    };
  }
  const name = `segments_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  // An idle client cut off by the server (the database being dropped) is not a test failure.
  pool.on("error", (error: Error & { code?: string }) => {
    if (error.code !== "57P01") throw error;
  });
  const sql = pgPoolRunner(pool);
  await applyMigrations(sql);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 4 }) });
  return {
    kind,
    db,
    sql,
    close: async () => {
      await db.$disconnect();
      await pool.end();
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      // $disconnect() and pool.end() resolve before every backend has gone: dropping WITH
      // (FORCE) at once would kill a closing connection, whose FATAL message then surfaces
      // as an uncaught error in whichever test file runs next. Wait for them to leave.
      for (let waited = 0; waited < 5_000; waited += 50) {
        const { rows } = await dropper.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
