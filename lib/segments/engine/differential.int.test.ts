import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { DIFF_NOWS, type DiffIds, generateDefinition, generateWorld, shrinkCandidates } from "@/test/segments/generate";
import { Random } from "@/test/segments/random";
import {
  type CompanyData,
  compileFor,
  diff,
  evaluatorMembers,
  insertWorld,
  loadCompany,
  RECOMPUTED_FACTS_SQL,
  RECOMPUTED_SUMMARY_SQL,
  STORED_FACTS_SQL,
  STORED_SUMMARY_SQL,
  sqlMembersRaw,
} from "@/test/segments/world";
import { checkAgainstCatalog } from "./catalog-check";
import { type CompileContext, compileMatchPredicateUnscoped } from "./compile";
import { explainDefinition } from "./evaluate";
import { parseSegmentDefinition } from "./schema";
import { formatIssue, type SegmentDefinition } from "./types";

/**
 * The differential test: for thousands of random valid definitions over a generated
 * dataset full of edge cases, the compiled SQL must select exactly the contacts the
 * reference evaluator accepts, and the predicate must never be NULL (so negations and
 * exclusions are exact). A failure prints the seed and a shrunk definition.
 *
 *   SEGMENTS_DIFF_SEED=123 SEGMENTS_DIFF_DEFINITIONS=5000 npx vitest run --project pglite lib/segments/differential
 */

const SEED = Number(process.env.SEGMENTS_DIFF_SEED ?? 20_250_615);
const DEFINITIONS = Number(process.env.SEGMENTS_DIFF_DEFINITIONS ?? 2400);

let t: TestDatabase;
let ids: DiffIds;
const data: Record<string, CompanyData> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const generated = generateWorld(new Random(SEED));
  ids = generated.ids;
  await insertWorld(t.sql, generated.world);
  if (t.kind === "postgres") await t.sql.exec("ANALYZE");
  // The summary the compiled SQL reads was built by the triggers as the events went in.
  expect(await t.sql.query(STORED_SUMMARY_SQL)).toEqual(await t.sql.query(RECOMPUTED_SUMMARY_SQL));
  // So were the contacts' facts, as the contacts and events went in.
  expect(await t.sql.query(STORED_FACTS_SQL)).toEqual(await t.sql.query(RECOMPUTED_FACTS_SQL));
  data.A = await loadCompany(t.db, ids.companyA);
  data.B = await loadCompany(t.db, ids.companyB);
});

afterAll(async () => {
  await t?.close();
});

const timing = { evaluator: 0, sql: 0 };
/** The evaluator's member set of the last run (saves evaluating twice). */
let lastExpected = new Set<string>();

type Run = {
  definition: SegmentDefinition;
  company: CompanyData;
  now: Date;
  eventCounts: CompileContext["eventCounts"];
  eventSummaries: boolean;
  contactSource: CompileContext["contactSource"];
  /** Also check that the predicate is never NULL, over both companies' contacts. */
  checkNulls: boolean;
};

/** Why a run fails (undefined when SQL and evaluator agree). */
async function failure(run: Run): Promise<string | undefined> {
  const { definition, company, now, eventCounts, eventSummaries, contactSource } = run;
  try {
    let started = performance.now();
    const expected = evaluatorMembers(definition, company, now);
    lastExpected = expected;
    timing.evaluator += performance.now() - started;
    started = performance.now();
    const actual = await sqlMembersRaw(
      t.sql,
      compileFor(company, now, definition, { eventCounts, eventSummaries, contactSource }),
    );
    timing.sql += performance.now() - started;
    const { missing, extra } = diff(expected, actual);
    if (missing.length || extra.length) {
      return `SQL missed ${missing.length} and added ${extra.length} contacts: ${JSON.stringify({ missing: missing.slice(0, 5), extra: extra.slice(0, 5) })}`;
    }
    if (!run.checkNulls) return undefined;
    const unscoped = compileMatchPredicateUnscoped(definition, {
      companyId: company.companyId,
      now,
      customFieldTypes: company.customFieldTypes,
      eventCounts,
      eventSummaries,
      contactSource,
    });
    const [nulls] = await t.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${unscoped.from.text} WHERE (${unscoped.where.text}) IS NULL`,
      unscoped.where.values,
    );
    if (nulls!.n > 0) return `the predicate is NULL for ${nulls!.n} contacts`;
    return undefined;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

async function shrink(run: Run): Promise<{ definition: SegmentDefinition; reason: string }> {
  let current = run.definition;
  let reason = (await failure(run))!;
  for (let progress = true; progress; ) {
    progress = false;
    for (const candidate of shrinkCandidates(current)) {
      const why = await failure({ ...run, definition: candidate });
      if (why) {
        current = candidate;
        reason = why;
        progress = true;
        break;
      }
    }
  }
  return { definition: current, reason };
}

it(`SQL and the reference evaluator select the same contacts for ${DEFINITIONS} random definitions (seed ${SEED})`, async () => {
  const random = new Random(SEED + 1);
  const started = Date.now();
  const stats = { empty: 0, everyone: 0, some: 0, conditions: 0 };
  for (let i = 0; i < DEFINITIONS; i++) {
    const definition = generateDefinition(random, ids);
    const parsed = parseSegmentDefinition(definition);
    if (!parsed.ok)
      throw new Error(`generated an invalid definition #${i}: ${parsed.issues.map(formatIssue).join("; ")}`);
    const catalogIssues = checkAgainstCatalog(parsed.definition, {
      customFields: Object.entries(data.A!.customFieldTypes).map(([key, type]) => ({ key, type })),
      segments: [...ids.segmentsA, ...ids.segmentsB].map((id) => ({ id, name: id, rules: null })),
    });
    // Only two kinds of catalog problems are generated on purpose: custom field keys the
    // company does not have and segment ids of nobody; both must compile to "never set" /
    // "in no segment".
    for (const issue of catalogIssues) {
      expect(issue.message).toMatch(/unknown custom field "(legacy|constructor|toString)"|unknown segment/);
    }
    const run: Run = {
      definition,
      company: i % 4 === 3 ? data.B! : data.A!,
      now: DIFF_NOWS[i % 2]!,
      eventCounts: (["auto", "per-contact", "grouped"] as const)[i % 3],
      // Mostly through the summaries (the default), every fifth over the events alone.
      eventSummaries: i % 5 !== 4,
      // From ContactFacts, from Contact, or as the engine picks (independent of the above).
      contactSource: (["auto", "facts", "contact"] as const)[Math.floor(i / 3) % 3],
      checkNulls: i % 6 === 1,
    };
    const why = await failure(run);
    if (why) {
      const shrunk = await shrink({ ...run, checkNulls: true });
      const message = [
        `differential test failed: seed ${SEED}, definition #${i}, company ${run.company === data.A ? "A" : "B"}, now ${run.now.toISOString()}, eventCounts ${run.eventCounts}, eventSummaries ${run.eventSummaries}, contactSource ${run.contactSource}`,
        `reason: ${shrunk.reason}`,
        `smallest failing definition: ${JSON.stringify(shrunk.definition)}`,
      ].join("\n");
      console.error(message);
      expect.fail(message);
    }
    const members = lastExpected;
    if (i % 25 === 0) {
      // explain() must reach the same verdict as evaluate() for every contact.
      for (const entry of run.company.contacts) {
        const input = {
          ...entry,
          campaigns: run.company.campaigns,
          customFieldTypes: run.company.customFieldTypes,
          now: run.now,
        };
        expect(explainDefinition(definition, input).matched).toBe(members.has(entry.contact.id as string));
      }
    }
    const size = members.size;
    if (size === 0) stats.empty++;
    else if (size === run.company.contacts.length) stats.everyone++;
    else stats.some++;
  }
  console.info(
    `differential (${t.kind}): ${DEFINITIONS} definitions in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `results: ${stats.some} partial, ${stats.empty} empty, ${stats.everyone} everyone; ` +
      `member sets: evaluator ${(timing.evaluator / 1000).toFixed(1)} s, SQL ${(timing.sql / 1000).toFixed(1)} s`,
  );
  // The generator must produce informative definitions, not only trivial ones.
  expect(stats.some).toBeGreaterThan(DEFINITIONS * 0.4);
  // 2,400 definitions × 3 sources: ~30-90 s alone, several minutes on a shared machine.
}, 600_000);
