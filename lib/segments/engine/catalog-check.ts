import type { z } from "zod";
import {
  CUSTOM_FIELD_VALUE_TYPE,
  type CustomFieldType,
  isFieldParseError,
  operatorSuits,
  parseFieldRef,
  valueShape,
} from "./fields";
import { parseSegmentDefinition, segmentDefinitionSchema, valueSchema } from "./schema";
import {
  type Condition,
  type DefinitionIssue,
  type Group,
  isGroup,
  type ParseResult,
  type SegmentDefinition,
} from "./types";

/**
 * The second check of a definition, against one company's catalog: custom fields it has
 * (and their types), segments it has, and no segment cycle. Plain data in, so the caller
 * loads the catalog once and the check stays pure.
 */

export type CatalogCustomField = { key: string; type: CustomFieldType; options?: readonly string[] };
export type CatalogSegment = { id: string; name: string; rules: unknown };
export type Catalog = {
  customFields: readonly CatalogCustomField[];
  /** Every segment of the company (static ones with rules null). */
  segments: readonly CatalogSegment[];
  /** The segment being edited, when the definition is an existing segment's. */
  segmentId?: string;
};

/** Issues of an already schema-valid definition against the catalog; empty when it fits. */
export function checkAgainstCatalog(definition: SegmentDefinition, catalog: Catalog): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const customFields = new Map(catalog.customFields.map((field) => [field.key, field]));
  const segments = new Map(catalog.segments.map((segment) => [normalizeId(segment.id), segment]));
  const selfId = catalog.segmentId === undefined ? undefined : normalizeId(catalog.segmentId);
  const graph = dependencyGraph(catalog.segments, selfId, definition);

  forEachCondition(definition, (condition, path) => {
    const ref = parseFieldRef(condition.field);
    if (isFieldParseError(ref)) return; // the schema reports it
    if (ref.kind === "customField") {
      const field = customFields.get(ref.key);
      if (!field) {
        issues.push({ path: [...path, "field"], message: `unknown custom field "${ref.key}"` });
        return;
      }
      const family = CUSTOM_FIELD_VALUE_TYPE[field.type];
      if (!operatorSuits(family, condition.operator)) {
        issues.push({
          path: [...path, "operator"],
          message: `operator "${condition.operator}" does not apply to ${condition.field}, a ${field.type} field`,
        });
        return;
      }
      const result = valueSchema(valueShape(family, condition.operator)!).safeParse(condition.value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          issues.push({ path: [...path, "value", ...issue.path.map(pathKey)], message: issue.message });
        }
      }
    } else if (ref.kind === "segment" && typeof condition.value === "string") {
      const target = normalizeId(condition.value);
      if (target !== selfId && !segments.has(target)) {
        issues.push({ path: [...path, "value"], message: `unknown segment "${condition.value}"` });
        return;
      }
      if (selfId === undefined) return; // a new segment: nothing can refer to it yet
      const cycle = findPath(graph, target, selfId);
      if (cycle) {
        const name = (id: string) => `"${segments.get(id)?.name ?? (id === selfId ? "this segment" : id)}"`;
        issues.push({
          path: [...path, "value"],
          message: `a segment cannot refer to itself: ${[selfId, ...cycle].map(name).join(" → ")}`,
        });
      }
    }
  });
  return issues;
}

/** Schema and catalog in one go: what server actions, the API and jobs call. */
export function validateSegmentDefinition(input: unknown, catalog: Catalog): ParseResult {
  const parsed = parseSegmentDefinition(input);
  if (!parsed.ok) return parsed;
  const issues = checkAgainstCatalog(parsed.definition, catalog);
  return issues.length ? { ok: false, issues } : parsed;
}

/** The schema plus the catalog check, e.g. for `zodResolver` in the builder. */
export function segmentDefinitionSchemaFor(catalog: Catalog): z.ZodType<SegmentDefinition, SegmentDefinition> {
  return segmentDefinitionSchema.superRefine((definition, ctx) => {
    for (const issue of checkAgainstCatalog(definition, catalog)) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Segment dependencies

/**
 * Ids of the segments a definition refers to (in_segment and not_in_segment), in order of
 * appearance, without duplicates. Accepts any JSON (stored rules may predate a change of
 * the language) and never throws.
 */
export function segmentDependencies(definition: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [definition];
  // Iterative depth-first walk in document order.
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.field === "segment" && typeof record.value === "string") {
        found.add(normalizeId(record.value));
        continue;
      }
      for (const key of ["exclusions", "conditions", "groups"]) {
        if (Array.isArray(record[key])) stack.push(record[key]);
      }
    }
  }
  return [...found];
}

/**
 * Which parts of the company's catalog checking this input needs: custom fields only when a
 * condition names one, segments only when one names a segment. Anything that is not a
 * well-formed definition needs both (so its issues are reported as always).
 */
export function catalogPartsNeeded(input: unknown): { customFields: boolean; segments: boolean } {
  const parsed = parseSegmentDefinition(input);
  if (!parsed.ok) return { customFields: true, segments: true };
  const needs = { customFields: false, segments: false };
  forEachCondition(parsed.definition, (condition) => {
    if (condition.field === "segment") needs.segments = true;
    else if (condition.field.startsWith("customField.")) needs.customFields = true;
  });
  return needs;
}

export class SegmentCycleError extends Error {
  constructor(
    /** The ids around the cycle, first id repeated at the end. */
    readonly cycle: string[],
    names: ReadonlyMap<string, string>,
  ) {
    super(`segments refer to each other in a cycle: ${cycle.map((id) => `"${names.get(id) ?? id}"`).join(" → ")}`);
    this.name = "SegmentCycleError";
  }
}

/**
 * The segments ordered so that every segment comes after the segments it refers to (for
 * recalculation jobs). References to segments not in the list are ignored. Stable: among
 * independent segments the input order is kept. Throws SegmentCycleError on a cycle.
 */
export function topologicalOrder(segments: readonly { id: string; name?: string; rules: unknown }[]): string[] {
  const ids = segments.map((segment) => normalizeId(segment.id));
  const deps = new Map(segments.map((segment, i) => [ids[i]!, segmentDependencies(segment.rules)]));
  const names = new Map(segments.map((segment, i) => [ids[i]!, segment.name ?? segment.id]));
  const state = new Map<string, "visiting" | "done">();
  const order: string[] = [];
  for (const root of ids) {
    if (state.has(root)) continue;
    // Iterative DFS with an explicit path, so the cycle can be named.
    const path: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, "visiting");
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const targets = (deps.get(top.id) ?? []).filter((id) => deps.has(id));
      if (top.next < targets.length) {
        const target = targets[top.next++]!;
        const seen = state.get(target);
        if (seen === "visiting") {
          const from = path.findIndex((entry) => entry.id === target);
          throw new SegmentCycleError([...path.slice(from).map((entry) => entry.id), target], names);
        }
        if (seen === undefined) {
          state.set(target, "visiting");
          path.push({ id: target, next: 0 });
        }
      } else {
        state.set(top.id, "done");
        order.push(top.id);
        path.pop();
      }
    }
  }
  return order;
}

/**
 * The segments that refer to `segmentId` directly or through others: what must be
 * recalculated (or marked) after it changes. Dependencies first; cycles are tolerated.
 */
export function dependentSegments(segmentId: string, segments: readonly { id: string; rules: unknown }[]): string[] {
  const target = normalizeId(segmentId);
  const dependents = new Map<string, string[]>();
  for (const segment of segments) {
    for (const dep of segmentDependencies(segment.rules)) {
      const list = dependents.get(dep) ?? [];
      list.push(normalizeId(segment.id));
      dependents.set(dep, list);
    }
  }
  const reached = new Set<string>();
  const queue = [target];
  while (queue.length > 0) {
    for (const next of dependents.get(queue.shift()!) ?? []) {
      if (next !== target && !reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  const chosen = segments.filter((segment) => reached.has(normalizeId(segment.id)));
  try {
    return topologicalOrder(chosen);
  } catch {
    return chosen.map((segment) => normalizeId(segment.id));
  }
}

// ---------------------------------------------------------------------------------------

/** Segment ids are UUIDs, which PostgreSQL compares case-insensitively. */
function normalizeId(id: string): string {
  return id.toLowerCase();
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === "number" ? key : String(key);
}

function dependencyGraph(
  segments: readonly CatalogSegment[],
  selfId: string | undefined,
  definition: SegmentDefinition,
): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const segment of segments) graph.set(normalizeId(segment.id), segmentDependencies(segment.rules));
  if (selfId !== undefined) graph.set(selfId, segmentDependencies(definition));
  return graph;
}

/** A path of ids from `from` to `to` (both included), breadth-first so it is a shortest one. */
function findPath(graph: Map<string, string[]>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === to) {
      const path = [id];
      for (let p = previous.get(id); p; p = previous.get(p)) path.unshift(p);
      return path;
    }
    for (const next of graph.get(id) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, id);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Calls fn for every condition of the definition (groups and exclusions), with its path. */
export function forEachCondition(
  definition: SegmentDefinition,
  fn: (condition: Condition, path: (string | number)[]) => void,
): void {
  const walk = (group: Group, path: (string | number)[]) => {
    group.conditions.forEach((item, i) => {
      if (isGroup(item)) walk(item, [...path, "conditions", i]);
      else fn(item, [...path, "conditions", i]);
    });
  };
  for (const [i, group] of definition.groups.entries()) walk(group, ["groups", i]);
  for (const [i, group] of (definition.exclusions ?? []).entries()) walk(group, ["exclusions", i]);
}
