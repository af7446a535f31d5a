import { raw, type Sql, sql } from "@prisma/client-runtime-utils";
import { dayRangeFor, monthOfDay, STORED_DATE_PATTERN, textDateRange } from "./dates";
import type { CustomFieldType } from "./fields";
import { and, or, type Pred, paren, render } from "./predicate";
import type { Condition } from "./types";
import { numericPredicate, selectPredicate, stringPredicate, tagsPredicate } from "./value-predicates";
import { customFieldConditionApplies, declaredType, type NumberOperator } from "./values";

/**
 * A custom-field condition over a contact row's `customFields` JSONB: a value counts only
 * when it has the declared type's JSON shape.
 */
export function customFieldPredicate(
  key: string,
  condition: Condition,
  row: Sql,
  customFieldTypes: Readonly<Record<string, CustomFieldType>>,
  today: number,
): Pred {
  const type = declaredType(customFieldTypes, key);
  const { operator, value } = condition;
  // A key the company does not have (deleted since), or an operator or value that no
  // longer fits the field's type: no contact has a value for it.
  if (!type || !customFieldConditionApplies(type, operator, value)) return false;
  const json = sql`(${row}."customFields" -> ${key}::text)`;
  const textValue = sql`(${row}."customFields" ->> ${key}::text)`;
  // A stored value counts only when it has the declared type's JSON shape; anything
  // else (a string in a NUMBER field, a malformed date) counts as not set. CASE keeps
  // the casts behind the guard (AND does not fix an evaluation order).
  const guarded = (guard: Sql, pred: Pred) =>
    pred === false ? false : paren(sql`CASE WHEN ${guard} THEN ${render(pred)} ELSE FALSE END`);
  switch (type) {
    case "TEXT":
    case "SELECT": {
      const guard = sql`jsonb_typeof(${json}) = 'string'`;
      if (operator === "is_set") return guarded(guard, true);
      const lowered = sql`lower(${textValue})`;
      return guarded(
        guard,
        type === "TEXT" ? stringPredicate(lowered, operator, value) : selectPredicate(lowered, operator, value),
      );
    }
    case "NUMBER": {
      const guard = sql`jsonb_typeof(${json}) = 'number'`;
      if (operator === "is_set") return guarded(guard, true);
      return guarded(guard, numericPredicate(sql`(${json})::numeric`, operator as NumberOperator, value));
    }
    case "BOOLEAN": {
      // Containment of {"key": true} holds exactly when the stored value is the JSON
      // boolean true (not "true", not [true]), and the customFields GIN index serves it.
      const holds = (flag: boolean) => sql`${row}."customFields" @> ${JSON.stringify({ [key]: flag })}::jsonb`;
      if (operator === "is_set") return or([holds(true), holds(false)]);
      return holds(operator === "is_true");
    }
    case "DATE": {
      const guard = sql`jsonb_typeof(${json}) = 'string' AND ${textValue} ~ ${raw(`'${STORED_DATE_PATTERN}'`)}`;
      if (operator === "is_set") return guarded(guard, true);
      if (operator === "anniversary_this_month") {
        const month = String(monthOfDay(today)).padStart(2, "0");
        return guarded(guard, sql`substr(${textValue}, 6, 2) = ${month}::text`);
      }
      const days = dayRangeFor(operator, value, today);
      if (!days) throw new Error(`compileDefinition: bad value for "${operator}"`);
      const range = textDateRange(days);
      if (range.empty) return false;
      const stored = sql`${textValue} COLLATE "C"`;
      return guarded(
        guard,
        and([
          range.min === undefined ? true : sql`${stored} >= ${range.min}::text`,
          range.max === undefined ? true : sql`${stored} <= ${range.max}::text`,
        ]),
      );
    }
    case "MULTI_SELECT": {
      const guard = sql`jsonb_typeof(${json}) = 'array'`;
      if (operator === "is_set") return guarded(guard, sql`jsonb_array_length(${json}) > 0`);
      // The array's string elements, lower-cased (other elements never match).
      const elements = sql`ARRAY(SELECT lower(el.v #>> '{}') FROM jsonb_array_elements(${json}) AS el(v) WHERE jsonb_typeof(el.v) = 'string')`;
      return guarded(guard, tagsPredicate(elements, operator, value));
    }
  }
}
