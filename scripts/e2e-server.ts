/**
 * The server Playwright tests run against: a fresh embedded database with a small,
 * deterministic demo seed, then `next start` (the production build) on the given port.
 */
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.argv[2] ?? "3200";
const dataDir = ".data/e2e";
const env = {
  ...process.env,
  PGLITE_DATA_DIR: dataDir,
  DATABASE_URL: "",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0123",
  NEXT_TELEMETRY_DISABLED: "1",
};

rmSync(dataDir, { recursive: true, force: true });
execFileSync("npm", ["run", "db:seed", "--", "--contacts", "400", "--events", "4000"], { env, stdio: "inherit" });
const server = spawn("npx", ["next", "start", "-p", port], { env, stdio: "inherit" });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
