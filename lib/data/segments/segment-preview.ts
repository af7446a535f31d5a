import "server-only";
import { type Sql, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { QuerySlots } from "@/lib/db/query-slots";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/errors";
import type { LifecycleStage } from "@/lib/generated/prisma/enums";
import { type CompiledSegment, catalogPartsNeeded, compileSegment } from "@/lib/segments/engine";
import { applyEngineSettings, loadSegmentCatalog, validDefinitionOrThrow } from "./segment-catalog";

/**
 * The live preview of the segment builder and of POST /api/v1/segments/preview: how many
 * contacts a definition selects right now, and a few of them. Exact (no estimate, no
 * cache): the compiled predicate runs on current data in one query.
 */

/** A contact as the preview lists it. */
export type ContactSummary = {
  id: string;
  email: string;
  /** "First Last", or null when neither is known. */
  name: string | null;
  companyName: string | null;
  country: string | null;
  leadScore: number | null;
  lifecycleStage: LifecycleStage | null;
};

export type SegmentCount = {
  count: number;
  /** When the data was read. */
  computedAt: Date;
  /** Wall time of the query (transaction included), in milliseconds. */
  durationMs: number;
};

export type SegmentPreview = SegmentCount & { sample: ContactSummary[] };

export type PreviewOptions = {
  /** "Today" for the rules (default: the current time). */
  now?: Date;
  /** The segment being edited, so a reference to itself is reported as a cycle. */
  segmentId?: string;
};

export const MAX_SAMPLE = 100;

/**
 * How many of the company's contacts match the definition. `definition` is untrusted
 * input: ValidationError (with the engine's issues) when it is not valid for the company.
 */
export async function countMatching(
  companyId: string,
  definition: unknown,
  options: PreviewOptions = {},
): Promise<SegmentCount> {
  const { from, where } = await compileFor(companyId, definition, options);
  return timed(async (tx) => {
    const rows = await tx.$queryRaw<{ n: number }[]>(sql`SELECT count(*)::int AS "n" FROM ${from} WHERE ${where}`);
    return { count: rows[0]?.n ?? 0 };
  });
}

/**
 * The count and up to `n` matching contacts (at most MAX_SAMPLE), in one query that
 * evaluates the definition once. The sample is the first n matches by id: random-looking
 * (ids are random UUIDs) yet stable while the data does not change.
 */
export async function sampleMatching(
  companyId: string,
  definition: unknown,
  n = 10,
  options: PreviewOptions = {},
): Promise<SegmentPreview> {
  const { from, where } = await compileFor(companyId, definition, options);
  const size = Number.isFinite(n) ? Math.min(MAX_SAMPLE, Math.max(0, Math.floor(n))) : 10;
  return timed(async (tx) => {
    const rows = await tx.$queryRaw<SampleRow[]>(sampleQuery(companyId, from, where, size));
    return {
      count: rows[0]?.total ?? 0,
      sample: rows.filter((row) => row.id !== null).map(toContactSummary),
    };
  });
}

type SampleRow = {
  total: number;
  id: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  country: string | null;
  leadScore: number | null;
  lifecycleStage: LifecycleStage | null;
};

// The matching ids are materialized once (16 bytes each) for the count and the sample;
// only the n picked contacts are read in full. The outer LEFT JOIN keeps the count row
// when nothing matches.
function sampleQuery(companyId: string, from: Sql, where: Sql, size: number): Sql {
  return sql`
    WITH matched AS MATERIALIZED (SELECT c."id" FROM ${from} WHERE ${where}),
    total AS (SELECT count(*)::int AS "n" FROM matched),
    picked AS (SELECT m."id" FROM matched m ORDER BY m."id" LIMIT ${size}::int)
    SELECT t."n" AS "total", s."id", s."email", s."firstName", s."lastName", s."companyName",
      s."country", s."leadScore", s."lifecycleStage"::text AS "lifecycleStage"
    FROM total t
    LEFT JOIN (picked p JOIN "Contact" s ON s."companyId" = ${companyId}::uuid AND s."id" = p."id") ON TRUE
    ORDER BY s."id"`;
}

function toContactSummary(row: SampleRow): ContactSummary {
  const name = [row.firstName, row.lastName].filter((part) => part?.trim()).join(" ");
  return {
    id: row.id as string,
    email: row.email,
    name: name || null,
    companyName: row.companyName,
    country: row.country,
    leadScore: row.leadScore,
    lifecycleStage: row.lifecycleStage,
  };
}

/** Validates against the company's catalog, then compiles (company scope included). */
async function compileFor(companyId: string, definition: unknown, options: PreviewOptions): Promise<CompiledSegment> {
  const catalog = await loadSegmentCatalog(companyId, undefined, catalogPartsNeeded(definition));
  const valid = validDefinitionOrThrow(definition, catalog, options.segmentId);
  return compileSegment(valid, {
    // A non-UUID company compiles to FALSE: it owns no contacts.
    companyId: isUuid(companyId) ? companyId : "",
    now: options.now ?? new Date(),
    customFieldTypes: catalog.customFieldTypes,
  });
}

type Tx = Parameters<typeof applyEngineSettings>[0];

/** Previews of this process running at once; the rest queue in arrival order. */
const previewSlots = new QuerySlots(env.ENGINE_QUERY_CONCURRENCY);

/** Runs the query in its turn, with the engine's session settings, and measures it. */
function timed<T>(query: (tx: Tx) => Promise<T>): Promise<T & { computedAt: Date; durationMs: number }> {
  return previewSlots.run(() => {
    // Alone, a preview may use parallel workers (large companies); among others, the cores are taken.
    const { running, waiting } = previewSlots.load;
    return timedNow(query, running + waiting <= 1);
  });
}

async function timedNow<T>(
  query: (tx: Tx) => Promise<T>,
  parallel: boolean,
): Promise<T & { computedAt: Date; durationMs: number }> {
  const db = await getDb();
  const computedAt = new Date();
  const started = performance.now();
  const result = await db.$transaction(
    async (tx) => {
      await applyEngineSettings(tx, { parallel });
      return query(tx);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { ...result, computedAt, durationMs: Math.round(performance.now() - started) };
}
