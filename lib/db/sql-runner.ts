import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

/** The few raw-SQL operations that migrations and bulk loads need, on either database. */
export type SqlRunner = {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn on one connection inside BEGIN/COMMIT, rolling back if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
};

export function pgliteRunner(db: PGlite): SqlRunner {
  const runner: SqlRunner = {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    transaction(fn) {
      return db.transaction((tx) =>
        fn({
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
          transaction: () => Promise.reject(new Error("nested transactions are not supported")),
        }),
      );
    },
  };
  return runner;
}

function clientRunner(client: PoolClient): SqlRunner {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    transaction: () => Promise.reject(new Error("nested transactions are not supported")),
  };
}

export function pgPoolRunner(pool: Pool): SqlRunner {
  return {
    exec: async (sql) => void (await pool.query(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(clientRunner(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
