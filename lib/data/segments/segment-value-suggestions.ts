import "server-only";
import { empty, raw, type Sql, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { CUSTOM_FIELD_KEY, isFieldParseError, parseFieldRef } from "@/lib/segments/engine/fields";
import { suggestsValues } from "@/lib/segments/suggestions";

/**
 * Suggestions for the builder's value inputs: the company's real values of a field
 * (countries, cities, tags, custom field values), most common first. Every query is
 * scoped by companyId and stops after SCAN_LIMIT matching values, so a suggestion costs
 * about the same for a company of a thousand contacts or a million; on big companies the
 * counts are those of the values read.
 */

export type ValueSuggestion = { value: string; count: number };

export const SCAN_LIMIT = 20_000;
export const SUGGESTION_LIMIT = 20;
const MAX_QUERY_LENGTH = 200;

/**
 * Values of `field` among the company's contacts containing `q` (case-insensitive; % and _
 * are plain characters), most common first. An unknown or unsuitable field gives [].
 */
export async function suggestFieldValues(companyId: string, field: string, q = ""): Promise<ValueSuggestion[]> {
  if (!isUuid(companyId) || !suggestsValues(field)) return [];
  const needle = q.trim().slice(0, MAX_QUERY_LENGTH);
  const ref = parseFieldRef(field);
  if (isFieldParseError(ref)) return [];
  const db = await getDb();

  let values: Sql;
  if (ref.kind === "customField") {
    if (!CUSTOM_FIELD_KEY.test(ref.key)) return [];
    const definition = await db.customFieldDefinition.findUnique({
      where: { companyId_key: { companyId, key: ref.key } },
      select: { type: true },
    });
    if (!definition || !["TEXT", "SELECT", "MULTI_SELECT"].includes(definition.type)) return [];
    const json = sql`c."customFields" -> ${ref.key}::text`;
    values =
      definition.type === "MULTI_SELECT"
        ? sql`SELECT e.v FROM "Contact" c
            CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} ELSE '[]'::jsonb END) AS e(v)
            WHERE c."companyId" = ${companyId}::uuid`
        : sql`SELECT ${json} #>> '{}' AS v FROM "Contact" c
            WHERE c."companyId" = ${companyId}::uuid AND jsonb_typeof(${json}) = 'string'`;
  } else if (ref.kind === "contact" && ref.field.key === "tags") {
    values = sql`SELECT t.v FROM "Contact" c CROSS JOIN LATERAL unnest(c."tags") AS t(v)
      WHERE c."companyId" = ${companyId}::uuid`;
  } else if (ref.kind === "contact" && ref.field.column && /^[A-Za-z]+$/.test(ref.field.column)) {
    // The column comes from the engine's field whitelist, never from the request.
    const column = sql`c.${raw(`"${ref.field.column}"`)}`;
    values = sql`SELECT ${column} AS v FROM "Contact" c
      WHERE c."companyId" = ${companyId}::uuid AND ${column} IS NOT NULL`;
  } else {
    return [];
  }

  const rows = await db.$queryRaw<{ value: string; count: number }[]>(sql`
    SELECT s.v AS "value", count(*)::int AS "count"
    FROM (SELECT x.v FROM (${values}) AS x WHERE x.v <> ''
      ${needle ? sql`AND strpos(lower(x.v), lower(${needle})) > 0` : empty}
      LIMIT ${SCAN_LIMIT}) AS s
    GROUP BY s.v ORDER BY count(*) DESC, s.v LIMIT ${SUGGESTION_LIMIT}`);
  return rows.map((row) => ({ value: row.value, count: Number(row.count) }));
}
