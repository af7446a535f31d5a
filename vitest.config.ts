import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
};

const integration = (name: string, db: "pglite" | "postgres") => ({
  resolve: { alias },
  test: {
    name,
    include: ["**/*.int.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next*/**"],
    env: { TEST_DB: db, NEXT_TELEMETRY_DISABLED: "1" },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

// PostgreSQL runs when TEST_POSTGRES_URL names a server (CI sets it); the embedded
// database always runs, so `npm test` works on a machine without a server.
const withPostgres = Boolean(process.env.TEST_POSTGRES_URL);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: ["**/*.int.test.ts", "components/**/*.test.tsx", "node_modules/**", "e2e/**", ".next*/**"],
          env: { NEXT_TELEMETRY_DISABLED: "1" },
        },
      },
      // Rendered component tests (React Testing Library) in a simulated browser.
      {
        resolve: { alias },
        test: {
          name: "components",
          include: ["components/**/*.test.tsx"],
          environment: "happy-dom",
          setupFiles: ["test/components-setup.ts"],
          // A user typing through a form takes a while on a busy machine: room, not a target.
          testTimeout: 30_000,
          env: { NEXT_TELEMETRY_DISABLED: "1" },
        },
      },
      integration("pglite", "pglite"),
      ...(withPostgres ? [integration("postgres", "postgres")] : []),
    ],
  },
});
