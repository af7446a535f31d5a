import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { applyMigrations } from "./migrations";
import { type DatabaseTarget, defaultTarget, openPglite } from "./open";
import { pgliteRunner } from "./sql-runner";

export type Db = PrismaClient;

/**
 * A Prisma client for a database target. The embedded database is created and migrated
 * on first open, so a new user needs no server and no set-up step.
 */
export async function createPrismaClient(target: DatabaseTarget = defaultTarget()): Promise<PrismaClient> {
  if (target.kind === "postgres") {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) });
  }
  const pglite = await openPglite(target.dataDir);
  await applyMigrations(pgliteRunner(pglite));
  return new PrismaClient({ adapter: new PrismaPGlite(pglite) });
}
