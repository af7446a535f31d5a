/**
 * API keys from the command line, for operators and scripts:
 *   npm run api-key -- create --company <slug> --name <name>   prints the new key (once)
 *   npm run api-key -- list   --company <slug>
 *   npm run api-key -- revoke --company <slug> --id <key id>
 * Uses DATABASE_URL, or the embedded database in PGLITE_DATA_DIR (stop `npm run dev` first:
 * the embedded database opens in one process at a time).
 */
import { parseArgs } from "node:util";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/data/platform/api-keys";
import { getDb } from "@/lib/db";
import { closePglite, defaultTarget } from "@/lib/db/open";
import { NotFoundError, ValidationError } from "@/lib/errors";

const USAGE = `Usage:
  npm run api-key -- create --company <slug> --name <name>
  npm run api-key -- list --company <slug>
  npm run api-key -- revoke --company <slug> --id <key id>`;

class UsageError extends Error {}

async function companyBySlug(slug: string | undefined): Promise<{ id: string; name: string }> {
  if (!slug) throw new UsageError("Missing --company <slug>");
  const db = await getDb();
  const company = await db.company.findUnique({ where: { slug }, select: { id: true, name: true } });
  if (company) return company;
  const known = await db.company.findMany({ select: { slug: true }, orderBy: { slug: "asc" }, take: 20 });
  throw new UsageError(
    `No company with the slug "${slug}".${known.length ? ` Known slugs: ${known.map((c) => c.slug).join(", ")}` : " There are no companies yet (npm run db:seed)."}`,
  );
}

const when = (date: Date | null) => (date ? date.toISOString().replace(".000Z", "Z") : "never");

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      company: { type: "string" },
      name: { type: "string" },
      id: { type: "string" },
      help: { type: "boolean" },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case "create": {
      if (!values.name?.trim()) throw new UsageError("Missing --name <name>");
      const company = await companyBySlug(values.company);
      const { key, dto } = await createApiKey(company.id, { name: values.name });
      console.error(`Created key "${dto.name}" (id ${dto.id}) for ${company.name}. It is shown only now:`);
      console.log(key);
      return;
    }
    case "list": {
      const company = await companyBySlug(values.company);
      const keys = await listApiKeys(company.id);
      if (keys.length === 0) {
        console.log(`${company.name} has no API keys.`);
        return;
      }
      for (const key of keys) {
        const status = key.revokedAt ? `revoked ${when(key.revokedAt)}` : "active";
        console.log(
          `${key.id}  ${key.prefix}…  ${key.name}  created ${when(key.createdAt)}  last used ${when(key.lastUsedAt)}  ${status}`,
        );
      }
      return;
    }
    case "revoke": {
      const company = await companyBySlug(values.company);
      if (!values.id) throw new UsageError("Missing --id <key id> (see: npm run api-key -- list --company <slug>)");
      const key = await revokeApiKey(company.id, values.id);
      console.log(`Revoked "${key.name}" (${key.prefix}…) of ${company.name}.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

async function close(): Promise<void> {
  const db = await getDb();
  await db.$disconnect();
  const target = defaultTarget();
  if (target.kind === "pglite") await closePglite(target.dataDir);
}

let exitCode = 0;
try {
  await main(process.argv.slice(2));
} catch (error) {
  exitCode = 1;
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof NotFoundError || error instanceof ValidationError) console.error(error.message);
  else if (
    error instanceof Error &&
    error.name === "TypeError" &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`${error.message}\n\n${USAGE}`);
  } else console.error(error);
} finally {
  await close().catch(() => {});
}
process.exit(exitCode);
