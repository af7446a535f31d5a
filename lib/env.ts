import { z } from "zod";

/**
 * The environment, validated once at start-up. The only module that reads process.env
 * for the app's own settings; a bad value stops the app with a message naming it.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL (leave it unset for the embedded database)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(16, "must be at least 16 characters (npm run dev writes one to .env.local)").optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  DEMO_MODE: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // Previews running at once per app process; more wait their turn (lib/db/query-slots.ts).
  // About twice the database server's cores.
  ENGINE_QUERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  // How many proxies in front of the app append to X-Forwarded-For (sign-in throttle per address).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type Env = z.infer<typeof EnvSchema>;

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = loadEnv();
