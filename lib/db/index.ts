import "server-only";
import type { PrismaClient } from "../generated/prisma/client";
import { createPrismaClient } from "./client";

/**
 * The app's one Prisma client per process (kept on globalThis so dev reloads and the
 * embedded database's single-opener rule are respected). Async because opening the
 * embedded database may migrate it first.
 */
const holder = globalThis as { __segmentsPrisma?: Promise<PrismaClient> };

export function getDb(): Promise<PrismaClient> {
  holder.__segmentsPrisma ??= createPrismaClient();
  return holder.__segmentsPrisma;
}

/** For tests: make the data layer use this client. */
export function setDb(client: PrismaClient): void {
  holder.__segmentsPrisma = Promise.resolve(client);
}
