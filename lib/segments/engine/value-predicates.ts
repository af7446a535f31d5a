import { join, raw, type Sql, sql } from "@prisma/client-runtime-utils";
import { timestampLiteral, timestampRange } from "./dates";
import { type ContactField, canonicalEnumValue } from "./fields";
import { and, type Pred } from "./predicate";
import { integerBounds, lowerText, type NumberOperator } from "./values";

/** SQL predicates for one value type each: text, select, enum, integer, numeric, list, timestamp range. */

export function timestampRangePredicate(col: Sql, days: { from?: number; to?: number }): Pred {
  const range = timestampRange(days);
  if (range.empty) return false;
  return and([
    range.fromMs === undefined ? true : sql`${col} >= ${timestampLiteral(range.fromMs)}::timestamptz`,
    range.toMs === undefined ? true : sql`${col} < ${timestampLiteral(range.toMs)}::timestamptz`,
  ]);
}

/** String operators on an already lower-cased, non-NULL text expression. */
export function stringPredicate(lowered: Sql, operator: string, value: unknown): Pred {
  if (operator === "in") return sql`${lowered} = ANY(${stringList(value).map(lowerText)}::text[])`;
  const v = lowerText(stringValue(value));
  switch (operator) {
    case "equals":
      return sql`${lowered} = ${v}::text`;
    case "contains":
      // strpos, not LIKE: % and _ are literal characters.
      return sql`strpos(${lowered}, ${v}::text) > 0`;
    case "starts_with":
      return sql`starts_with(${lowered}, ${v}::text)`;
    case "ends_with":
      return sql`right(${lowered}, length(${v}::text)) = ${v}::text`;
    default:
      throw new Error(`compileDefinition: "${operator}" on a text field`);
  }
}

/** SELECT custom fields: equals / in on the lower-cased stored text. */
export function selectPredicate(lowered: Sql, operator: string, value: unknown): Pred {
  if (operator === "equals") return sql`${lowered} = ${lowerText(stringValue(value))}::text`;
  if (operator === "in") return sql`${lowered} = ANY(${stringList(value).map(lowerText)}::text[])`;
  throw new Error(`compileDefinition: "${operator}" on a select field`);
}

/** The enum type's quoted name (from the catalog, checked to be a plain identifier). */
export function enumTypeOf(field: ContactField): Sql {
  if (!field.enumType || !/^[A-Za-z]+$/.test(field.enumType)) throw new Error(`no enum type for contact.${field.key}`);
  return raw(`"${field.enumType}"`);
}

/**
 * Enum columns against the canonical spelling of the given values (only values of the
 * enum reach the cast), compared as the enum type so the planner uses the column's
 * statistics (as text its estimates were off by 100×).
 */
export function enumPredicate(col: Sql, operator: string, value: unknown, values: readonly string[], type: Sql): Pred {
  if (operator === "equals") {
    const canonical = canonicalEnumValue(values, stringValue(value));
    return canonical === undefined ? false : sql`${col} = ${canonical}::${type}`;
  }
  if (operator === "in") {
    const canonical = stringList(value)
      .map((v) => canonicalEnumValue(values, v))
      .filter((v): v is string => v !== undefined);
    // One parameter per value, each typed as the enum (PGlite cannot serialize an enum
    // array, and a text[] cast to the enum array would be re-evaluated for every row).
    if (canonical.length === 0) return false;
    return sql`${col} = ANY(ARRAY[${join(
      canonical.map((v) => sql`${v}::${type}`),
      ", ",
    )}])`;
  }
  throw new Error(`compileDefinition: "${operator}" on an enum field`);
}

/** Integer columns: the condition becomes integer bounds, so the column's index applies. */
export function integerPredicate(col: Sql, operator: NumberOperator, value: unknown): Pred {
  const bounds = integerBounds(operator, value);
  if (bounds.empty) return false;
  return and([
    bounds.min === undefined ? true : sql`${col} >= ${bounds.min}::int4`,
    bounds.max === undefined ? true : sql`${col} <= ${bounds.max}::int4`,
  ]);
}

/** NUMBER custom fields, compared as numeric (values passed as decimal text: exact). */
export function numericPredicate(num: Sql, operator: NumberOperator, value: unknown): Pred {
  const param = (n: unknown) => {
    if (typeof n !== "number" || !Number.isFinite(n)) throw new Error("compileDefinition: expected a number");
    return sql`${String(n)}::numeric`;
  };
  switch (operator) {
    case "equals":
      return sql`${num} = ${param(value)}`;
    case "greater_than":
      return sql`${num} > ${param(value)}`;
    case "greater_or_equal":
      return sql`${num} >= ${param(value)}`;
    case "less_than":
      return sql`${num} < ${param(value)}`;
    case "less_or_equal":
      return sql`${num} <= ${param(value)}`;
    case "between": {
      const [min, max] = Array.isArray(value) ? value : [];
      return sql`${num} BETWEEN ${param(min)} AND ${param(max)}`;
    }
    default:
      throw new Error(`compileDefinition: "${operator}" on a number field`);
  }
}

/** Array operators on a text[] of lower-case elements (tags as stored; multi-select elements lowered). */
export function tagsPredicate(elements: Sql, operator: string, value: unknown): Pred {
  const wanted = stringList(value).map(lowerText);
  switch (operator) {
    case "contains_any":
      return sql`${elements} && ${wanted}::text[]`;
    case "contains_all":
      return sql`${elements} @> ${wanted}::text[]`;
    default:
      throw new Error(`compileDefinition: "${operator}" on a list field`);
  }
}

function stringValue(value: unknown): string {
  if (typeof value !== "string") throw new Error("compileDefinition: expected a text value");
  return value;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new Error("compileDefinition: expected a list of text values");
  }
  return value;
}
