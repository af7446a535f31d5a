import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { refreshContactActivity, refreshPreferredOpenTimes } from "@/lib/data/contacts/contact-activity";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { EVENTS_PER_STATEMENT, insertContacts, insertEvents, suspendDerivedRows, suspendIndexes } from "./bulk";
import { ADMIN, CUSTOM_FIELDS, type DemoCompany, demoCompany, MARKETER_PASSWORD, marketerEmail } from "./catalog";
import { T } from "./events";
import { type Chunk, CompanyGenerator } from "./generate";
import type { SeedOptions } from "./options";
import { planCompany } from "./plan";
import { uuidFor } from "./random";

export type SeedLog = (line: string) => void;

export type SeededCompany = { id: string; name: string; slug: string; contacts: number; events: number };

export type SeedResult = {
  companies: SeededCompany[];
  contacts: number;
  events: number;
  seconds: number;
  /** Rows the SQL refreshes had to correct after the load (expected: 0 or close). */
  corrected: { activity: number; openTimes: number };
};

/** The demo data is there already and --reset was not given. */
export class SeedConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedConflictError";
  }
}

const CONTACTS_PER_CHUNK = 1_000;

const fmt = (n: number) => n.toLocaleString("en-US");
const seconds = (since: number) => (performance.now() - since) / 1000;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export const companyIdFor = (slug: string) => uuidFor(`segments-demo/company/${slug}`);

/**
 * Loads the demo data into the database that getDb() returns: companies, users, custom
 * field definitions, campaigns, contacts and their events, then brings the derived
 * contact columns and the planner statistics up to date.
 */
export async function seedDemoData(options: SeedOptions, log: SeedLog = () => {}): Promise<SeedResult> {
  const started = performance.now();
  const db = await getDb();
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000;
  const companies = Array.from({ length: options.companies }, (_, i) => demoCompany(i));

  // scrypt is slow on purpose: hash each demo password once and share the hash.
  const [adminHash, marketerHash] = await Promise.all([hashPassword(ADMIN.password), hashPassword(MARKETER_PASSWORD)]);

  // One transaction: a failed or interrupted seed leaves the database as it was,
  // including the indexes that bulk-load mode drops and rebuilds.
  const seeded = await db.$transaction(
    async (tx) => {
      if (options.reset) {
        await wipeDataTables(tx);
        log("Wiped the data tables.");
      } else {
        await assertNoDemoData(tx, companies);
      }
      const planned = options.companies * Math.max(options.events, options.contacts);
      const bulk = await bulkModePays(tx, planned);
      const restoreIndexes = bulk ? await suspendIndexes(tx) : undefined;
      const buildDerivedRows = bulk ? await suspendDerivedRows(tx) : undefined;

      const loaded: SeededCompany[] = [];
      for (const [index, company] of companies.entries()) {
        const id = companyIdFor(company.slug);
        await tx.company.create({ data: { id, name: company.name, slug: company.slug } });
        await tx.user.create({
          data: {
            companyId: id,
            email: marketerEmail(company.slug),
            name: company.marketerName,
            passwordHash: marketerHash,
          },
        });
        if (index === 0) {
          await tx.user.create({
            data: { companyId: id, email: ADMIN.email, name: ADMIN.name, passwordHash: adminHash, role: "ADMIN" },
          });
        }
        await tx.customFieldDefinition.createMany({
          data: CUSTOM_FIELDS.map((field) => ({
            companyId: id,
            key: field.key,
            label: field.label,
            type: field.type,
            options: field.options ?? [],
          })),
        });
        const events = await loadCompany(tx, { ...company, id }, options, now, log);
        loaded.push({ id, name: company.name, slug: company.slug, contacts: options.contacts, events });
      }
      if (restoreIndexes) {
        const rebuildStarted = performance.now();
        await restoreIndexes();
        log(`Rebuilt the contact and event indexes in ${seconds(rebuildStarted).toFixed(1)} s.`);
      }
      if (buildDerivedRows) {
        const summaryStarted = performance.now();
        await buildDerivedRows(loaded.map((company) => company.id));
        log(`Built the per-contact event summary and segment facts in ${seconds(summaryStarted).toFixed(1)} s.`);
      }
      return loaded;
    },
    { timeout: 12 * 3600_000, maxWait: 60_000 },
  );

  // Statistics first (autovacuum may be off): the refreshes below plan on them.
  const analyzeStarted = performance.now();
  await db.$executeRawUnsafe("ANALYZE");
  log(`ANALYZE in ${seconds(analyzeStarted).toFixed(1)} s.`);

  const corrected = { activity: 0, openTimes: 0 };
  if (options.contacts > 0) {
    const refreshStarted = performance.now();
    for (const company of seeded) {
      corrected.activity += await refreshContactActivity(company.id);
      corrected.openTimes += await refreshPreferredOpenTimes(company.id, { asOf: new Date(now) });
    }
    log(
      `Checked the activity columns against the events in ${seconds(refreshStarted).toFixed(1)} s ` +
        `(corrected: ${corrected.activity} activity, ${corrected.openTimes} preferred open times).`,
    );
    if (corrected.activity + corrected.openTimes > options.contacts / 100) {
      await db.$executeRawUnsafe(`ANALYZE "Contact"`);
    }
  }

  const totalEvents = seeded.reduce((sum, c) => sum + c.events, 0);
  return {
    companies: seeded,
    contacts: options.contacts * seeded.length,
    events: totalEvents,
    seconds: seconds(started),
    corrected,
  };
}

async function loadCompany(
  db: Prisma.TransactionClient,
  company: DemoCompany & { id: string },
  options: SeedOptions,
  now: number,
  log: SeedLog,
): Promise<number> {
  const started = performance.now();
  const plan = planCompany(company.slug, options.contacts, options.events, now);
  const generator = new CompanyGenerator(company.slug, plan, now);
  await db.campaign.createMany({
    data: generator.campaigns.map((c) => ({ ...c, companyId: company.id, channel: "EMAIL" as const })),
  });
  if (!options.contacts) return 0;

  const stats = { events: 0, sends: 0, opens: 0, clicks: 0, openers: 0 };
  const write = async (chunk: Chunk) => {
    await insertContacts(db, company.id, chunk.contacts);
    const ids = chunk.contacts.map((c) => c.id);
    for (let from = 0; from < chunk.events.length; from += EVENTS_PER_STATEMENT) {
      const to = Math.min(chunk.events.length, from + EVENTS_PER_STATEMENT);
      await insertEvents(db, company.id, chunk.events, from, to, ids, generator.campaignIds, generator.urls.urls);
    }
  };

  // Generate the next chunk while the database writes the previous one (2 cores: ~2x).
  const writes: Promise<void>[] = [];
  let lastReport = performance.now();
  for (let start = 0; start < options.contacts; start += CONTACTS_PER_CHUNK) {
    const end = Math.min(options.contacts, start + CONTACTS_PER_CHUNK);
    const chunk = generator.chunk(start, end);
    countChunk(chunk, stats);
    if (writes.length >= 2) await writes[writes.length - 2];
    const previous = writes[writes.length - 1] ?? Promise.resolve();
    const written = previous.then(() => write(chunk));
    written.catch(() => {}); // awaited below; keeps an early failure from being "unhandled"
    writes.push(written);
    await yieldToIo();
    if (performance.now() - lastReport > 5_000) {
      lastReport = performance.now();
      log(
        `  ${company.slug}: ${fmt(end)} / ${fmt(options.contacts)} contacts generated (${seconds(started).toFixed(0)} s)`,
      );
    }
  }
  await Promise.all(writes);

  const elapsed = seconds(started);
  const pct = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : "0"}%`;
  log(
    `${company.name}: ${fmt(options.contacts)} contacts, ${fmt(stats.events)} events in ${elapsed.toFixed(1)} s ` +
      `(${fmt(Math.round(stats.events / elapsed))} events/s). Opens ${pct(stats.opens, stats.sends)} of sends, ` +
      `clicks ${pct(stats.clicks, stats.sends)}, never opened: ${pct(options.contacts - stats.openers, options.contacts)} of contacts.`,
  );
  return stats.events;
}

function countChunk(
  chunk: Chunk,
  stats: { events: number; sends: number; opens: number; clicks: number; openers: number },
) {
  const { events } = chunk;
  stats.events += events.length;
  for (let i = 0; i < events.length; i++) {
    const type = events.type[i];
    if (type === T.SENT) stats.sends++;
    else if (type === T.OPENED) stats.opens++;
    else if (type === T.CLICKED) stats.clicks++;
  }
  for (const contact of chunk.contacts) if (contact.lastOpenedAt !== null) stats.openers++;
}

/**
 * Bulk-load mode (drop indexes, rebuild after) pays on PostgreSQL when the load is at
 * least as big as what the tables already hold: 100k contacts / 1M events load ~1.8x
 * faster. Not on the embedded database: its inserts cost about the same either way and
 * rebuilding indexes in WebAssembly is slow (the default demo: +8 s).
 */
async function bulkModePays(db: Prisma.TransactionClient, plannedRows: number): Promise<boolean> {
  if (plannedRows === 0) return false;
  const [row] = await db.$queryRaw<{ embedded: boolean; existing: bigint }[]>`
    SELECT version() LIKE '%PGlite%' AS embedded,
           (SELECT count(*) FROM (SELECT 1 FROM "ContactEvent" LIMIT ${plannedRows}) rows) AS existing`;
  return !row?.embedded && Number(row?.existing ?? 0) < plannedRows;
}

/** Empties every table but the migration history. */
async function wipeDataTables(db: Prisma.TransactionClient): Promise<void> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (!tables.length) return;
  const list = tables.map((t) => `"${t.name.replaceAll('"', '""')}"`).join(", ");
  await db.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

async function assertNoDemoData(db: Prisma.TransactionClient, companies: DemoCompany[]): Promise<void> {
  const existing = await db.company.findFirst({
    where: { slug: { in: companies.map((c) => c.slug) } },
    select: { slug: true },
  });
  const user = existing
    ? null
    : await db.user.findFirst({
        where: { email: { in: [ADMIN.email, ...companies.map((c) => marketerEmail(c.slug))] } },
        select: { email: true },
      });
  if (existing || user) {
    const what = existing ? `company "${existing.slug}"` : `user ${user!.email}`;
    throw new SeedConflictError(
      `The database already has demo data (${what}). Run with --reset to wipe it and load it again.`,
    );
  }
}
