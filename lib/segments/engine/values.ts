import { isDayCount, isIsoDate } from "./dates";
import {
  CUSTOM_FIELD_TYPES,
  CUSTOM_FIELD_VALUE_TYPE,
  type CustomFieldType,
  operatorSuits,
  type ValueShape,
  valueShape,
} from "./fields";

/** Small value helpers shared by the compiler and the reference evaluator. */

export type NumberOperator = "equals" | "greater_than" | "greater_or_equal" | "less_than" | "less_or_equal" | "between";

/**
 * Case-insensitive comparison lowers both sides. The compiler lowers VALUES here in JS and
 * columns with PostgreSQL's lower(); the evaluator lowers both in JS. The two agree on
 * the data we store (ASCII and the common accented letters under a UTF-8 locale).
 */
export function lowerText(value: string): string {
  return value.toLowerCase();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID in any case (PostgreSQL's uuid input accepts both; ids are stored lower-case).
 * Ids are UUIDs: anything else cannot name a row, so callers answer not-found without a query.
 */
export function isUuidText(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

export type IntegerBounds = { empty: true } | { empty: false; min?: number; max?: number };

/**
 * A number condition on an integer column as inclusive integer bounds (x > 50.5 ⇔ x ≥ 51),
 * clamped to the int4 range so every bound is a valid int4 parameter and the column's
 * B-tree index applies. Exactly equivalent to comparing the integer as a number.
 */
export function integerBounds(operator: NumberOperator, value: unknown): IntegerBounds {
  let min: number | undefined;
  let max: number | undefined;
  const v = typeof value === "number" ? value : Number.NaN;
  switch (operator) {
    case "equals":
      if (!Number.isInteger(v)) return { empty: true };
      min = v;
      max = v;
      break;
    case "greater_than":
      min = Math.floor(v) + 1;
      break;
    case "greater_or_equal":
      min = Math.ceil(v);
      break;
    case "less_than":
      max = Math.ceil(v) - 1;
      break;
    case "less_or_equal":
      max = Math.floor(v);
      break;
    case "between": {
      const [a, b] = Array.isArray(value) ? value : [];
      if (typeof a !== "number" || typeof b !== "number") return { empty: true };
      min = Math.ceil(a);
      max = Math.floor(b);
      break;
    }
  }
  if ((min !== undefined && Number.isNaN(min)) || (max !== undefined && Number.isNaN(max))) return { empty: true };
  if (min !== undefined && min <= INT4_MIN) min = undefined;
  if (max !== undefined && max >= INT4_MAX) max = undefined;
  if (min !== undefined && min > INT4_MAX) return { empty: true };
  if (max !== undefined && max < INT4_MIN) return { empty: true };
  if (min !== undefined && max !== undefined && min > max) return { empty: true };
  return { empty: false, min, max };
}

/** Whether a count of matching events satisfies an event operator with n (for constant folding). */
export function countSatisfies(operator: string, n: number, count: number): boolean {
  switch (operator) {
    case "has_done":
      return count >= 1;
    case "has_not_done":
      return count === 0;
    case "count_at_least":
      return count >= n;
    case "count_at_most":
      return count <= n;
    case "count_equals":
      return count === n;
    default:
      throw new Error(`not an event operator: ${operator}`);
  }
}

/**
 * Whether a value has the shape an operator needs (a lightweight mirror of the schema's
 * value checks). Used for custom fields, whose declared type may have changed since a
 * definition was saved: a condition whose value no longer fits the type matches nobody
 * (its negative twin everybody), in the compiler and the evaluator alike.
 */
export function valueFits(shape: ValueShape | undefined, value: unknown): boolean {
  const isText = (v: unknown) => typeof v === "string";
  const isNum = (v: unknown) => typeof v === "number" && Number.isFinite(v);
  switch (shape) {
    case undefined:
      return false;
    case "none":
      return value === undefined || value === null;
    case "string":
    case "enumValue":
    case "segmentId":
      return isText(value);
    case "stringList":
    case "enumList":
      return Array.isArray(value) && value.every(isText);
    case "number":
      return isNum(value);
    case "numberRange":
      return Array.isArray(value) && value.length === 2 && value.every(isNum);
    case "date":
      return isIsoDate(value);
    case "dateRange":
      return Array.isArray(value) && value.length === 2 && value.every(isIsoDate);
    case "dayCount":
    case "count":
      return isDayCount(value);
  }
}

/** A custom field condition the field's declared type can answer (else: nobody has such a value). */
export function customFieldConditionApplies(
  type: CustomFieldType | undefined,
  operator: string,
  value: unknown,
): boolean {
  if (!type) return false;
  const family = CUSTOM_FIELD_VALUE_TYPE[type];
  return operatorSuits(family, operator) && valueFits(valueShape(family, operator), value);
}

/** The declared type of a custom field: an own key of the map only (never "constructor" & co.). */
export function declaredType(
  types: Readonly<Record<string, CustomFieldType>>,
  key: string,
): CustomFieldType | undefined {
  if (!Object.hasOwn(types, key)) return undefined;
  const type = types[key];
  return (CUSTOM_FIELD_TYPES as readonly string[]).includes(type as string) ? type : undefined;
}
