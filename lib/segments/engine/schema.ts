import { z } from "zod";
import { isDayCount, isIsoDate, parseIsoDate } from "./dates";
import {
  CUSTOM_FIELD_OPERATORS,
  canonicalEnumValue,
  DEVICES,
  fieldFamily,
  isFieldParseError,
  isOperator,
  operatorSuits,
  parseFieldRef,
  URL_EVENT_TYPES,
  type ValueShape,
  valueShape,
} from "./fields";
import { rejectUnstorableText } from "./storable-text";
import type { Condition, DefinitionIssue, EventWindow, Group, ParseResult, SegmentDefinition } from "./types";

/**
 * The zod schema of the rule language: structure, limits, field syntax, operator per
 * field family and value shape per operator, with user-facing messages at exact paths
 * (`groups.0.conditions.2.value: expected a number`). It does not know the company:
 * custom field types and segment ids are checked by catalog-check.ts.
 */

export const LIMITS = {
  /** Groups below the definition: a top-level group is level 1. */
  maxDepth: 5,
  maxConditions: 100,
  maxStringLength: 1000,
  maxListItems: 1000,
} as const;

const tooLong = `at most ${LIMITS.maxStringLength.toLocaleString("en-US")} characters`;
const tooMany = `at most ${LIMITS.maxListItems.toLocaleString("en-US")} items`;

// PostgreSQL cannot store some text (NUL...): reject it here rather than fail in the query.
const text = (expected: string) =>
  z
    .string({ error: `expected ${expected}` })
    .max(LIMITS.maxStringLength, tooLong)
    .superRefine(rejectUnstorableText);
const nonEmptyText = (expected: string, empty = "enter a value") =>
  z
    .string({ error: `expected ${expected}` })
    .min(1, empty)
    .max(LIMITS.maxStringLength, tooLong)
    .superRefine(rejectUnstorableText);
const list = <T extends z.ZodType>(item: T, expected: string) =>
  z
    .array(item, { error: `expected ${expected}` })
    .min(1, "add at least one value")
    .max(LIMITS.maxListItems, tooMany);

const matchSchema = z.enum(["all", "any"], { error: 'expected "all" or "any"' });

const isoDate = z
  .string({ error: "expected a date as YYYY-MM-DD" })
  .refine(isIsoDate, "expected a real date as YYYY-MM-DD");

const dayCount = z
  .number({ error: "expected a number of days" })
  .refine((n) => isDayCount(n), "expected a whole number of days, 0 or more");

const dateRange = z.tuple([isoDate, isoDate], { error: "expected [from, to] dates" }).refine(([from, to]) => {
  const [a, b] = [parseIsoDate(from), parseIsoDate(to)];
  return a === undefined || b === undefined || a <= b; // invalid dates are reported on their own
}, "the first date must not be after the second");

const numberValue = z.number({ error: "expected a number" });

const numberRange = z
  .tuple([numberValue, numberValue], { error: "expected [min, max] numbers" })
  .refine(
    ([min, max]) => typeof min !== "number" || typeof max !== "number" || min <= max,
    "min must not be greater than max",
  );

const enumValue = (values: readonly string[]) =>
  nonEmptyText("one value").refine(
    (value) => canonicalEnumValue(values, value) !== undefined,
    `expected one of ${values.join(", ")}`,
  );

/** The schema of each value shape (enum shapes need the field's values). */
export function valueSchema(shape: ValueShape, enumValues?: readonly string[]): z.ZodType {
  switch (shape) {
    case "none":
      return z.union([z.undefined(), z.null()], { error: "this operator takes no value" });
    case "string":
      return nonEmptyText("a text value");
    case "stringList":
      return list(nonEmptyText("a text value"), "a list of text values");
    case "enumValue":
      return enumValues ? enumValue(enumValues) : nonEmptyText("one value");
    case "enumList":
      return list(enumValues ? enumValue(enumValues) : nonEmptyText("a text value"), "a list of values");
    case "number":
      return numberValue;
    case "numberRange":
      return numberRange;
    case "date":
      return isoDate;
    case "dateRange":
      return dateRange;
    case "dayCount":
      return dayCount;
    case "count":
      return z
        .number({ error: "expected a number of events" })
        .refine((n) => isDayCount(n), "expected a whole number of events, 0 or more");
    case "segmentId":
      return nonEmptyText("a segment id", "choose a segment");
  }
}

/**
 * Custom fields: without the catalog the type is unknown, so the value must suit at least
 * one type the operator applies to (catalog-check.ts then checks the declared type).
 */
function customFieldValueSchema(operator: string): z.ZodType {
  switch (operator) {
    case "equals":
    case "not_equals":
      return z.union([nonEmptyText("a text value"), numberValue], { error: "expected a text value or a number" });
    case "between":
      return z.union([numberRange, dateRange], { error: "expected [min, max] numbers or [from, to] dates" });
    case "in":
    case "not_in":
      return valueSchema("stringList");
    default: {
      for (const family of ["string", "number", "date", "boolean", "enum", "array"] as const) {
        const shape = valueShape(family, operator);
        if (shape) return valueSchema(shape);
      }
      return z.never();
    }
  }
}

const unknownKeyMessage = (keys: readonly string[], what: string) =>
  `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")} in ${what}`;

const unknownKeys =
  (what: string, invalidType = `expected ${what}`) =>
  (issue: z.core.$ZodRawIssue) => {
    if (issue.code === "unrecognized_keys") return unknownKeyMessage(issue.keys, what);
    if (issue.code === "invalid_type") return invalidType;
    return undefined;
  };

const WINDOW_KEYS = ["lastDays", "moreThanDaysAgo", "between"] as const;
const windowBound = { lastDays: dayCount, moreThanDaysAgo: dayCount, between: dateRange };

/** One of `{ lastDays }`, `{ moreThanDaysAgo }`, `{ between }`, each message at its own path. */
const windowSchema = z.unknown().superRefine((input, ctx) => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    ctx.addIssue({ code: "custom", message: "expected a window object" });
    return;
  }
  const keys = Object.keys(input);
  const unknown = keys.filter((key) => !(WINDOW_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    ctx.addIssue({ code: "custom", message: unknownKeyMessage(unknown, "a window") });
    return;
  }
  if (keys.length !== 1) {
    ctx.addIssue({ code: "custom", message: "a window needs exactly one of lastDays, moreThanDaysAgo or between" });
    return;
  }
  const key = keys[0] as (typeof WINDOW_KEYS)[number];
  const result = windowBound[key].safeParse((input as Record<string, unknown>)[key]);
  for (const issue of result.error?.issues ?? []) {
    ctx.addIssue({ code: "custom", path: [key, ...issuePath(issue.path)], message: issue.message });
  }
}) as z.ZodType<EventWindow>;

const filterSchema = z.strictObject(
  {
    campaignId: nonEmptyText("a campaign id", "choose a campaign").optional(),
    urlContains: nonEmptyText("a text value").optional(),
    device: text("mobile, desktop or tablet")
      .refine((d) => canonicalEnumValue(DEVICES, d) !== undefined, "expected mobile, desktop or tablet")
      .optional(),
    campaignNameContains: nonEmptyText("a text value").optional(),
  },
  { error: unknownKeys("a filter", "expected a filter object") },
);

const conditionShape = z.strictObject(
  {
    field: nonEmptyText("a field name", "choose a field"),
    operator: nonEmptyText("an operator", "choose an operator"),
    value: z.unknown().optional(),
    window: windowSchema.optional(),
    filter: filterSchema.optional(),
  },
  { error: unknownKeys("a condition") },
);

/** Field syntax, operator for the field's family, value shape for the operator, windows and filters. */
function checkCondition(condition: z.infer<typeof conditionShape>, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  // A field or operator that failed its own text checks has been reported already.
  const usable = (text: unknown) =>
    typeof text === "string" && text.length > 0 && text.length <= LIMITS.maxStringLength;
  if (!usable(condition.field) || !usable(condition.operator)) return;
  const ref = parseFieldRef(condition.field);
  if (isFieldParseError(ref)) {
    add(["field"], ref.message);
    return;
  }
  if (ref.kind !== "event") {
    if (condition.window !== undefined) add(["window"], "a time window applies only to event conditions");
    if (condition.filter !== undefined) add(["filter"], "filters apply only to event conditions");
  } else if (condition.filter?.urlContains !== undefined && !URL_EVENT_TYPES.includes(ref.eventType)) {
    add(["filter", "urlContains"], `urlContains applies only to ${URL_EVENT_TYPES.join(" and ")} events`);
  }
  const { operator } = condition;
  if (!isOperator(operator)) {
    add(["operator"], `unknown operator "${operator}"`);
    return;
  }

  let schema: z.ZodType;
  if (ref.kind === "customField") {
    if (!CUSTOM_FIELD_OPERATORS.has(operator)) {
      add(["operator"], `operator "${operator}" does not apply to custom fields`);
      return;
    }
    schema = customFieldValueSchema(operator);
  } else {
    const family = fieldFamily(ref)!;
    if (!operatorSuits(family, operator)) {
      const what = ref.kind === "contact" ? `${family} fields` : ref.kind === "event" ? "events" : "segments";
      add(["operator"], `operator "${operator}" does not apply to ${what}`);
      return;
    }
    const enumValues = ref.kind === "contact" ? ref.field.values : undefined;
    schema = valueSchema(valueShape(family, operator)!, enumValues);
  }
  const result = schema.safeParse(condition.value);
  if (!result.success) {
    for (const issue of result.error.issues) add(["value", ...issuePath(issue.path)], issue.message);
  }
}

const conditionSchema = conditionShape.superRefine(checkCondition);

// A group item is a sub-group when it has a `conditions` list, else a condition: dispatch
// on that shape so that errors speak of the right thing (a plain union would report
// "invalid input" for both alternatives).
const groupItemSchema: z.ZodType<Condition | Group> = z.unknown().transform((input, ctx) => {
  const schema = looksLikeGroup(input) ? groupSchema : conditionSchema;
  const result = schema.safeParse(input);
  if (result.success) return result.data as Condition | Group;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: "custom", path: issuePath(issue.path), message: issue.message });
  }
  return z.NEVER;
});

const groupSchema: z.ZodType<Group> = z.strictObject(
  {
    match: matchSchema,
    conditions: z
      .array(groupItemSchema, { error: "expected a list of conditions" })
      .min(1, "a group needs at least one condition")
      .max(LIMITS.maxListItems, tooMany),
  },
  { error: unknownKeys("a group") },
);

const definitionShape = z.strictObject(
  {
    match: matchSchema,
    groups: z
      .array(groupSchema, { error: "expected a list of groups" })
      .min(1, "add at least one group")
      .max(LIMITS.maxListItems, tooMany),
    exclusions: z
      .array(groupSchema, { error: "expected a list of groups" })
      .max(LIMITS.maxListItems, tooMany)
      .optional(),
  },
  { error: unknownKeys("a segment definition") },
);

/**
 * The segment definition schema. Depth and size limits are checked first, without
 * recursion, so that a hostile input (a million conditions, groups nested ten thousand
 * deep) costs one linear walk and never overflows the stack.
 */
export const segmentDefinitionSchema = z
  .unknown()
  .superRefine((input, ctx) => {
    for (const issue of checkLimits(input)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  })
  .pipe(definitionShape) as unknown as z.ZodType<SegmentDefinition, SegmentDefinition>;

/** Validates untrusted input (API body, form state, stored JSON) against the rule language. */
export function parseSegmentDefinition(input: unknown): ParseResult {
  const result = segmentDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message })),
  };
}

/**
 * Nesting depth and condition count, by an iterative walk over whatever shape the input
 * has. Reports the first group too deep and the first condition beyond the limit.
 */
export function checkLimits(input: unknown): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  if (!isRecord(input)) return issues;
  type Item = { node: Record<string, unknown>; path: (string | number)[]; depth: number };
  const stack: Item[] = [];
  for (const key of ["exclusions", "groups"] as const) {
    const groups = input[key];
    if (!Array.isArray(groups)) continue;
    for (let i = groups.length - 1; i >= 0; i--) {
      if (isRecord(groups[i])) stack.push({ node: groups[i], path: [key, i], depth: 1 });
    }
  }
  let conditions = 0;
  let reportedDepth = false;
  let reportedCount = false;
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (depth > LIMITS.maxDepth) {
      if (!reportedDepth) issues.push({ path, message: `groups can be nested at most ${LIMITS.maxDepth} levels deep` });
      reportedDepth = true;
      continue;
    }
    const items = node.conditions;
    if (!Array.isArray(items)) continue;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (looksLikeGroup(item)) stack.push({ node: item, path: [...path, "conditions", i], depth: depth + 1 });
    }
    for (let i = 0; i < items.length; i++) {
      if (looksLikeGroup(items[i])) continue;
      conditions++;
      if (conditions > LIMITS.maxConditions && !reportedCount) {
        reportedCount = true;
        issues.push({
          path: [...path, "conditions", i],
          message: `a segment can have at most ${LIMITS.maxConditions} conditions`,
        });
      }
    }
  }
  return issues;
}

function looksLikeGroup(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && "conditions" in value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function issuePath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === "number" ? key : String(key)));
}
