import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid, ValidationError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { SegmentType } from "@/lib/generated/prisma/enums";
import {
  type Catalog,
  type CatalogCustomField,
  type CustomFieldType,
  type SegmentDefinition,
  segmentDependencies,
  validateSegmentDefinition,
} from "@/lib/segments/engine";

/**
 * What the engine needs to know about one company before it validates, compiles or
 * explains a definition: its custom fields (types, options) and its segments (rules, for
 * references and cycles). A company has tens of fields and hundreds of segments, so
 * loading them per preview is two small index reads. The only loader of these for the
 * engine: previews, explains, saves, usage checks and recalculation runs all read here.
 */

export type Db = PrismaClient | Prisma.TransactionClient;

export type CatalogSegmentRow = { id: string; name: string; type: SegmentType; rules: unknown };

export type SegmentCatalog = {
  customFields: CatalogCustomField[];
  /** key → declared type, as compileDefinition and the evaluator take it. */
  customFieldTypes: Record<string, CustomFieldType>;
  /** Every segment of the company (static ones with rules null). */
  segments: CatalogSegmentRow[];
  /** Lower-case segment id → name, for explain labels. */
  segmentNames: Map<string, string>;
};

/**
 * The company's catalog; empty for a company id that is not a UUID (it owns nothing).
 * `parts` leaves out what the caller does not need (see catalogPartsNeeded): each part is
 * a query, and a preview's wall time counts them.
 */
export async function loadSegmentCatalog(
  companyId: string,
  db?: Db,
  parts: { customFields: boolean; segments: boolean } = { customFields: true, segments: true },
): Promise<SegmentCatalog> {
  if (!isUuid(companyId)) return toCatalog([], []);
  const client = db ?? (await getDb());
  const [customFields, segments] = await Promise.all([
    parts.customFields
      ? client.customFieldDefinition.findMany({
          where: { companyId },
          select: { key: true, type: true, options: true },
          orderBy: { key: "asc" },
        })
      : [],
    parts.segments
      ? client.segment.findMany({
          where: { companyId },
          select: { id: true, name: true, type: true, rules: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
  ]);
  return toCatalog(customFields, segments);
}

function toCatalog(customFields: CatalogCustomField[], segments: CatalogSegmentRow[]): SegmentCatalog {
  return {
    customFields,
    customFieldTypes: Object.fromEntries(customFields.map((field) => [field.key, field.type])),
    segments,
    segmentNames: new Map(segments.map((segment) => [segment.id.toLowerCase(), segment.name])),
  };
}

/**
 * The definition, checked by the schema and against the catalog; ValidationError with
 * the engine's issues otherwise (paths relative to the definition, e.g.
 * `groups.0.conditions.2.value`). `segmentId`: the segment being edited, so a definition
 * that refers to it (directly or through others) is reported as a cycle.
 */
export function validDefinitionOrThrow(
  input: unknown,
  catalog: SegmentCatalog,
  segmentId?: string,
  /** Where the definition sits in the caller's input (e.g. ["rules"]): prefixes the issue paths. */
  at: (string | number)[] = [],
): SegmentDefinition {
  const engineCatalog: Catalog = {
    customFields: catalog.customFields,
    segments: catalog.segments,
    ...(segmentId && isUuid(segmentId) ? { segmentId } : {}),
  };
  const result = validateSegmentDefinition(input, engineCatalog);
  if (!result.ok) {
    throw new ValidationError(
      "Invalid rules",
      result.issues.map((issue) => ({ path: [...at, ...issue.path], message: issue.message })),
    );
  }
  return result.definition;
}

/** The dynamic segments of the catalog whose rules refer to this one directly. */
export function segmentsReferringTo(segments: CatalogSegmentRow[], segmentId: string): CatalogSegmentRow[] {
  const target = segmentId.toLowerCase();
  return segments.filter(
    (segment) =>
      segment.type === "DYNAMIC" && segment.id !== target && segmentDependencies(segment.rules).includes(target),
  );
}

/**
 * Session settings for engine queries, inside the caller's transaction (SET LOCAL ends
 * with it): JIT compilation cost 250-410 ms per query in our measurements and never paid
 * back, and at the default 4MB work_mem the big plans spill. `parallel: false` turns off
 * parallel workers: when other engine queries already keep the cores busy, workers only
 * add their start-up and hand-over cost (20% fewer previews per second at 20 at once).
 * Only settings the server knows are applied (joined with pg_settings), so a build
 * without one cannot fail the transaction.
 */
export async function applyEngineSettings(
  tx: Prisma.TransactionClient,
  options: { parallel?: boolean } = {},
): Promise<void> {
  const workers = options.parallel === false ? "0" : null;
  await tx.$queryRaw(sql`
    SELECT set_config(s."name", v."value", true)::text AS "value"
    FROM (VALUES ('jit', 'off'), ('work_mem', '64MB'), ('max_parallel_workers_per_gather', ${workers}::text))
      AS v("name", "value")
    JOIN pg_settings s ON s."name" = v."name"
    WHERE v."value" IS NOT NULL`);
}
