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
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
