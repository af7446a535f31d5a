import path from "node:path";
import { defineConfig } from "prisma/config";

// Skip the download of the native schema engine (unreachable offline): see scripts/migrate.ts.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/no-schema-engine.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  // Read directly: env() would throw when DATABASE_URL is unset (the embedded default).
  datasource: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : undefined,
});
