import type { BuilderCatalog } from "@/lib/segments/builder-types";
import { type Catalog, validateSegmentDefinition } from "@/lib/segments/engine/catalog-check";
import {
  CUSTOM_FIELD_VALUE_TYPE,
  type FieldFamily,
  fieldFamily,
  isFieldParseError,
  OPERATORS_BY_FAMILY,
  type Operator,
  parseFieldRef,
  type ValueShape,
  valueShape,
} from "@/lib/segments/engine/fields";
import { LIMITS } from "@/lib/segments/engine/schema";
import { fillConditionPlaceholder, type TemplatePlaceholder } from "@/lib/segments/engine/templates";
import {
  type Condition,
  type DefinitionIssue,
  type EventFilter,
  type EventWindow,
  type Group,
  isGroup,
  type MatchMode,
  type SegmentDefinition,
} from "@/lib/segments/engine/types";

/**
 * The builder's form state for a dynamic segment's rules, and its conversion to and from
 * the rule language. The form state is the definition plus what only the editor needs:
 * a stable `key` per item (React keys that survive edits and moves), `touched` (show a
 * condition's errors once the user worked on it) and the template `placeholder` a
 * condition still needs filled. Conversion strips those, so indices (and thus the
 * engine's issue paths, e.g. groups.0.conditions.2.value) are the same on both sides.
 */

export type FormCondition = {
  kind: "condition";
  key: string;
  field: string;
  operator: string;
  value?: unknown;
  window?: EventWindow;
  filter?: EventFilter;
  touched?: boolean;
  placeholder?: TemplatePlaceholder;
};

export type FormGroup = { kind: "group"; key: string; match: MatchMode; conditions: FormItem[] };
export type FormItem = FormCondition | FormGroup;

export type FormRules = { match: MatchMode; groups: FormGroup[]; exclusions: FormGroup[] };

/** Where an item sits: ["groups", 0, "conditions", 2] (the engine's issue path prefix). */
export type ItemPath = (string | number)[];

let counter = 0;
/** A key for an item created by the user (never during render, so no hydration concern). */
export function newKey(): string {
  counter += 1;
  return `n${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

// ---------------------------------------------------------------------------------------
// Definition → form

/**
 * A definition (stored rules or a template) as form state. Keys are derived from the
 * path, so the server render and the browser agree. `resolve` fills template placeholders
 * with the company's ids; an unresolved one stays empty, marked for the user.
 */
export function toFormRules(
  definition: SegmentDefinition,
  resolve: (placeholder: TemplatePlaceholder) => string | undefined = () => undefined,
  keyPrefix = "k",
): FormRules {
  const toItem = (item: Condition | Group, key: string): FormItem => {
    if (isGroup(item)) return toGroup(item, key);
    const { condition, unresolved } = fillConditionPlaceholder(item, resolve);
    return {
      kind: "condition",
      key,
      field: condition.field,
      operator: condition.operator,
      ...(condition.value === undefined ? {} : { value: condition.value }),
      ...(condition.window ? { window: condition.window } : {}),
      ...(condition.filter ? { filter: condition.filter } : {}),
      ...(unresolved ? { placeholder: unresolved, touched: true } : {}),
    };
  };
  const toGroup = (group: Group, key: string): FormGroup => ({
    kind: "group",
    key,
    match: group.match,
    conditions: group.conditions.map((item, i) => toItem(item, `${key}.${i}`)),
  });
  return {
    match: definition.match,
    groups: definition.groups.map((group, i) => toGroup(group, `${keyPrefix}g${i}`)),
    exclusions: (definition.exclusions ?? []).map((group, i) => toGroup(group, `${keyPrefix}x${i}`)),
  };
}

/** A new segment's rules: one group with one condition to fill in. */
export function emptyFormRules(): FormRules {
  return {
    match: "all",
    groups: [{ kind: "group", key: "kg0", match: "all", conditions: [blankCondition("kg0.0")] }],
    exclusions: [],
  };
}

export function blankCondition(key = newKey()): FormCondition {
  return { kind: "condition", key, field: "", operator: "" };
}

// ---------------------------------------------------------------------------------------
// Form → definition

/**
 * The rule-language JSON of the form state: editor-only properties dropped, empty event
 * filters dropped (an empty "URL contains" means no such filter), no exclusions key when
 * there are none. A template's unfilled campaign stays "" so the schema asks for it.
 */
export function toDefinition(rules: FormRules): SegmentDefinition {
  const group = (g: FormGroup): Group => ({ match: g.match, conditions: g.conditions.map(item) });
  const item = (i: FormItem): Condition | Group => (i.kind === "group" ? group(i) : condition(i));
  const condition = (c: FormCondition): Condition => {
    const filter = cleanFilter(c.filter, c.placeholder?.kind === "campaign");
    return {
      field: c.field,
      operator: c.operator as Operator,
      ...(c.value === undefined ? {} : { value: c.value }),
      ...(c.window ? { window: c.window } : {}),
      ...(filter ? { filter } : {}),
    };
  };
  return {
    match: rules.match,
    groups: rules.groups.map(group),
    ...(rules.exclusions.length > 0 ? { exclusions: rules.exclusions.map(group) } : {}),
  };
}

function cleanFilter(filter: EventFilter | undefined, keepEmptyCampaign: boolean): EventFilter | undefined {
  if (!filter) return undefined;
  const cleaned: EventFilter = {};
  for (const [key, value] of Object.entries(filter) as [keyof EventFilter, string | undefined][]) {
    if (value !== undefined && (value !== "" || (key === "campaignId" && keepEmptyCampaign))) {
      (cleaned as Record<string, string>)[key] = value;
    }
  }
  return Object.keys(cleaned).length > 0 ? cleaned : undefined;
}

// ---------------------------------------------------------------------------------------
// Fields, operators, values

/** The family of a condition's field given the company's custom fields; undefined when unknown. */
export function familyOf(field: string, catalog: Pick<BuilderCatalog, "customFields">): FieldFamily | undefined {
  if (!field) return undefined;
  const ref = parseFieldRef(field);
  if (isFieldParseError(ref)) return undefined;
  if (ref.kind === "customField") {
    const custom = catalog.customFields.find((f) => f.key === ref.key);
    return custom ? CUSTOM_FIELD_VALUE_TYPE[custom.type] : undefined;
  }
  return fieldFamily(ref);
}

export function operatorsOf(family: FieldFamily | undefined): readonly Operator[] {
  return family ? OPERATORS_BY_FAMILY[family] : [];
}

/** The value an empty input of this shape starts with. */
export function defaultValue(shape: ValueShape | undefined): unknown {
  switch (shape) {
    case "string":
    case "enumValue":
    case "date":
    case "segmentId":
      return "";
    case "stringList":
    case "enumList":
      return [];
    case "numberRange":
      return [null, null];
    case "dateRange":
      return ["", ""];
    case "count":
      return 1;
    default:
      return undefined;
  }
}

/** The condition for a newly picked field: its family's first operator and an empty value. */
export function withField(condition: FormCondition, field: string, family: FieldFamily | undefined): FormCondition {
  const operator = operatorsOf(family)[0] ?? "";
  const next: FormCondition = { kind: "condition", key: condition.key, field, operator, touched: true };
  const value = defaultValue(family && operator ? valueShape(family, operator) : undefined);
  return value === undefined ? next : { ...next, value };
}

/** A new operator keeps the value when it takes the same shape (e.g. "is" → "is not"). */
export function withOperator(
  condition: FormCondition,
  operator: string,
  family: FieldFamily | undefined,
): FormCondition {
  const before = family ? valueShape(family, condition.operator) : undefined;
  const after = family ? valueShape(family, operator) : undefined;
  const { value: _old, ...rest } = condition;
  if (before === after && before !== undefined) return { ...condition, operator, touched: true };
  const value = defaultValue(after);
  return { ...rest, operator, touched: true, ...(value === undefined ? {} : { value }) };
}

// ---------------------------------------------------------------------------------------
// Tree edits (immutable; paths as the engine's)

type Container = { conditions: FormItem[] } | FormRules;

function getAt(rules: FormRules, path: ItemPath): unknown {
  let node: unknown = rules;
  for (const step of path) node = (node as Record<string | number, unknown>)?.[step];
  return node;
}

/** Replaces the item at `path` with fn(item); every ancestor is copied, siblings are kept. */
export function updateAt<T>(rules: FormRules, path: ItemPath, fn: (item: T) => T): FormRules {
  const rec = (node: unknown, depth: number): unknown => {
    if (depth === path.length) return fn(node as T);
    const step = path[depth]!;
    if (Array.isArray(node)) {
      const copy = [...node];
      copy[step as number] = rec(node[step as number], depth + 1);
      return copy;
    }
    const record = node as Record<string, unknown>;
    return { ...record, [step]: rec(record[step as string], depth + 1) };
  };
  return rec(rules, 0) as FormRules;
}

/** The list holding the item at `path` and the item's index in it. */
function parentOf(path: ItemPath): { listPath: ItemPath; index: number } {
  return { listPath: path.slice(0, -1), index: path[path.length - 1] as number };
}

/**
 * Removes the item. A sub-group or exclusion group left empty goes too, and so does an
 * empty include group while another remains (the only one stays, to be filled).
 */
export function removeAt(rules: FormRules, path: ItemPath): FormRules {
  const { listPath, index } = parentOf(path);
  let next = updateAt<FormItem[]>(rules, listPath, (list) => list.filter((_, i) => i !== index));
  const list = getAt(next, listPath) as FormItem[];
  if (list.length > 0 || listPath.length < 2) return next;
  const holder = listPath.slice(0, -1); // the group that became empty
  if (holder.length === 2 && holder[0] === "groups" && next.groups.length === 1) return next;
  next = removeAt(next, holder);
  return next;
}

/** Inserts a copy (fresh keys) right after the item. */
export function duplicateAt(rules: FormRules, path: ItemPath): FormRules {
  const { listPath, index } = parentOf(path);
  return updateAt<FormItem[]>(rules, listPath, (list) => {
    const copy = rekey(list[index]!);
    return [...list.slice(0, index + 1), copy, ...list.slice(index + 1)];
  });
}

function rekey<T extends FormItem>(item: T): T {
  if (item.kind === "group") return { ...item, key: newKey(), conditions: item.conditions.map(rekey) };
  return { ...item, key: newKey() };
}

/** Appends an item to the group at `groupPath`. */
export function appendTo(rules: FormRules, groupPath: ItemPath, item: FormItem): FormRules {
  return updateAt<Container>(rules, groupPath, (group) => ({
    ...group,
    conditions: [...(group as { conditions: FormItem[] }).conditions, item],
  }));
}

export function newGroup(match: MatchMode = "all"): FormGroup {
  return { kind: "group", key: newKey(), match, conditions: [blankCondition()] };
}

export function addTopGroup(rules: FormRules, list: "groups" | "exclusions"): FormRules {
  return { ...rules, [list]: [...rules[list], newGroup(list === "exclusions" ? "any" : "all")] };
}

/** Groups between the definition and this group: a top-level group is at depth 1. */
export function groupDepth(groupPath: ItemPath): number {
  return groupPath.filter((step) => step === "conditions").length + 1;
}

export function canAddSubGroup(groupPath: ItemPath): boolean {
  return groupDepth(groupPath) < LIMITS.maxDepth;
}

export function countConditions(rules: FormRules): number {
  const count = (items: FormItem[]): number =>
    items.reduce((n, item) => n + (item.kind === "group" ? count(item.conditions) : 1), 0);
  return count([...rules.groups, ...rules.exclusions]);
}

export function canAddCondition(rules: FormRules): boolean {
  return countConditions(rules) < LIMITS.maxConditions;
}

/** Marks every condition touched (after a save attempt, every error shows). */
export function touchAll(rules: FormRules): FormRules {
  const group = (g: FormGroup): FormGroup => ({ ...g, conditions: g.conditions.map(item) });
  const item = (i: FormItem): FormItem => (i.kind === "group" ? group(i) : { ...i, touched: true });
  return { ...rules, groups: rules.groups.map(group), exclusions: rules.exclusions.map(group) };
}

/** "groups.0.conditions.2" → its issues, for showing them at the condition (paths as the engine's). */
export function issuesByPath(issues: { path: (string | number)[]; message: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const issue of issues) {
    const key = issue.path.join(".");
    map.set(key, [...(map.get(key) ?? []), issue.message]);
  }
  return map;
}

/** The engine's verdict on the form's rules against the company's catalog (cycles are the server's to find). */
export function rulesIssues(rules: FormRules, catalog: BuilderCatalog, segmentId?: string): DefinitionIssue[] {
  const result = validateSegmentDefinition(toDefinition(rules), engineCatalog(catalog, segmentId));
  return result.ok ? [] : result.issues;
}

/** The builder catalog as the engine's Catalog (segments without rules: the browser does not need them). */
export function engineCatalog(catalog: BuilderCatalog, segmentId?: string): Catalog {
  return {
    customFields: catalog.customFields,
    segments: catalog.segments.map(({ id, name }) => ({ id, name, rules: null })),
    ...(segmentId ? { segmentId } : {}),
  };
}
