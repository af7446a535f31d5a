import { dayOf, dayRangeFor, isStoredDate, monthOfDay, textDateRange, timestampRange, windowRange } from "./dates";
import {
  type ContactField,
  type CustomFieldType,
  canonicalEnumValue,
  DEVICES,
  isFieldParseError,
  parseFieldRef,
  positiveTwin,
} from "./fields";
import { describeCondition, describeMatch, type LabelOptions } from "./labels";
import {
  type Condition,
  type EventFilter,
  type EventWindow,
  type Group,
  isGroup,
  type MatchMode,
  type SegmentDefinition,
} from "./types";
import { countSatisfies, customFieldConditionApplies, declaredType, isUuidText, lowerText } from "./values";

/**
 * The reference evaluator: the rule language in plain TypeScript over one contact held in
 * memory. It is the oracle of the differential test (the compiled SQL must select exactly
 * the contacts this accepts) and the basis of "explain". Keep it obviously correct rather
 * than fast; every rule mirrors a branch of compile.ts.
 */

/** A contact as read from the database (Prisma model or raw row); missing keys count as NULL. */
export type EvalContact = {
  [column: string]: unknown;
  tags?: readonly (string | null)[] | null;
  customFields?: unknown;
};

export type EvalEvent = {
  type: string;
  occurredAt: Date | string;
  campaignId?: string | null;
  url?: string | null;
  device?: string | null;
};

export type EvalInput = {
  contact: EvalContact;
  /** The contact's events (of its own company). */
  events: readonly EvalEvent[];
  /** Ids of the segments the contact is a member of. */
  memberships: ReadonlySet<string>;
  /** The company's campaigns (for campaignNameContains). */
  campaigns: readonly { id: string; name: string }[];
  customFieldTypes: Readonly<Record<string, CustomFieldType>>;
  now: Date;
};

export type ExplainNode = {
  kind: "definition" | "group" | "condition";
  /** A sentence for the row, e.g. "Lead score is between 80 and 100". */
  label: string;
  matched: boolean;
  /** Where the node sits in the definition (e.g. ["groups", 0, "conditions", 2]); [] for the definition. */
  path: (string | number)[];
  /** definition and group nodes */
  match?: MatchMode;
  children?: ExplainNode[];
  /** Groups directly under the definition: an include group or an exclusion. */
  role?: "include" | "exclude";
  /** definition node: whether the include groups matched and whether an exclusion applied. */
  included?: boolean;
  excluded?: boolean;
  /** condition nodes */
  field?: string;
  operator?: string;
  value?: unknown;
  window?: EventWindow;
  filter?: EventFilter;
  /**
   * The contact's actual value: the field's value (dates as ISO strings, null when not
   * set), the number of matching events, or whether the contact is in the segment.
   */
  actual?: unknown;
};

/** Whether the contact is in the segment defined by `definition`. */
export function evaluateDefinition(definition: SegmentDefinition, input: EvalInput): boolean {
  const evaluator = new Evaluator(input, {});
  const groups = definition.groups.map((group) => evaluator.matches(group));
  const included = definition.match === "any" ? groups.some(Boolean) : groups.every(Boolean);
  return included && !(definition.exclusions ?? []).some((group) => evaluator.matches(group));
}

/** The evaluation as a tree: every group and condition with matched / not and the actual value. */
export function explainDefinition(
  definition: SegmentDefinition,
  input: EvalInput,
  labels: LabelOptions = {},
): ExplainNode {
  const evaluator = new Evaluator(input, labels);
  const groups = definition.groups.map((group, i) => ({
    ...evaluator.group(group, ["groups", i]),
    role: "include" as const,
  }));
  const exclusions = (definition.exclusions ?? []).map((group, i) => ({
    ...evaluator.group(group, ["exclusions", i]),
    role: "exclude" as const,
  }));
  const included = definition.match === "any" ? groups.some((g) => g.matched) : groups.every((g) => g.matched);
  const excluded = exclusions.some((g) => g.matched);
  return {
    kind: "definition",
    label: !included ? "Not in the segment" : excluded ? "Left out by an exclusion" : "In the segment",
    matched: included && !excluded,
    path: [],
    match: definition.match,
    included,
    excluded,
    children: [...groups, ...exclusions],
  };
}

type Outcome = { matched: boolean; actual: unknown };

class Evaluator {
  private readonly today: number;
  private readonly campaignIdsByName = new Map<string, Set<string>>();

  constructor(
    private readonly input: EvalInput,
    private readonly labels: LabelOptions,
  ) {
    this.today = dayOf(input.now);
  }

  /** The same result as group(...).matched, without building the tree. */
  matches(group: Group): boolean {
    const test = (item: Condition | Group) => (isGroup(item) ? this.matches(item) : this.condition(item).matched);
    return group.match === "any" ? group.conditions.some(test) : group.conditions.every(test);
  }

  group(group: Group, path: (string | number)[]): ExplainNode {
    const children = group.conditions.map((item, i) =>
      isGroup(item)
        ? this.group(item, [...path, "conditions", i])
        : this.conditionNode(item, [...path, "conditions", i]),
    );
    const matched = group.match === "any" ? children.some((c) => c.matched) : children.every((c) => c.matched);
    return { kind: "group", label: describeMatch(group.match), matched, path, match: group.match, children };
  }

  private conditionNode(condition: Condition, path: (string | number)[]): ExplainNode {
    const { matched, actual } = this.condition(condition);
    return {
      kind: "condition",
      label: describeCondition(condition, this.labels),
      matched,
      path,
      field: condition.field,
      operator: condition.operator,
      value: condition.value,
      window: condition.window,
      filter: condition.filter,
      actual,
    };
  }

  private condition(condition: Condition): Outcome {
    const twin = positiveTwin(condition.operator);
    if (twin) {
      const positive = this.positive({ ...condition, operator: twin });
      return { matched: !positive.matched, actual: positive.actual };
    }
    return this.positive(condition);
  }

  private positive(condition: Condition): Outcome {
    const ref = parseFieldRef(condition.field);
    if (isFieldParseError(ref)) throw new Error(`evaluateDefinition: ${ref.message}`);
    switch (ref.kind) {
      case "contact":
        return this.contactField(ref.field, condition);
      case "customField":
        return this.customField(ref.key, condition);
      case "event":
        return this.event(ref.eventType, condition);
      case "segment": {
        const value = condition.value;
        const member = isUuidText(value) && this.input.memberships.has(value.toLowerCase());
        return { matched: member, actual: member };
      }
    }
  }

  // --- contact columns --------------------------------------------------------------

  private contactField(field: ContactField, condition: Condition): Outcome {
    const { operator, value } = condition;
    if (field.derived === "openedLastEmail") {
      const state = openedLastEmail(this.input.contact);
      const matched =
        operator === "is_set" ? state !== null : operator === "is_true" ? state === true : state === false;
      return { matched, actual: state };
    }
    const stored = this.input.contact[field.column!] ?? null;
    switch (field.type) {
      case "string": {
        const text = typeof stored === "string" ? stored : null;
        if (operator === "is_set") return { matched: text !== null, actual: text };
        // Columns stored lower-case are compared as stored, as the SQL does.
        const lowered = text === null ? null : field.storedLowerCase ? text : lowerText(text);
        return { matched: lowered !== null && matchString(lowered, operator, value), actual: text };
      }
      case "enum": {
        const text = typeof stored === "string" ? stored : null;
        if (operator === "is_set") return { matched: text !== null, actual: text };
        return { matched: text !== null && matchEnum(text, operator, value, field.values ?? []), actual: text };
      }
      case "number": {
        const num = typeof stored === "number" ? stored : null;
        if (operator === "is_set") return { matched: num !== null, actual: num };
        return { matched: num !== null && matchNumber(num, operator, value), actual: num };
      }
      case "date": {
        const ms = toMs(stored);
        const actual = ms === null ? null : new Date(ms).toISOString();
        if (operator === "is_set") return { matched: ms !== null, actual };
        return { matched: ms !== null && this.matchTimestamp(ms, operator, value), actual };
      }
      case "array": {
        const list = Array.isArray(stored) ? (stored as (string | null)[]) : null;
        if (operator === "is_set") return { matched: list !== null && list.length > 0, actual: list ?? [] };
        return { matched: list !== null && matchList(list, operator, value), actual: list ?? [] };
      }
      case "boolean":
        throw new Error(`evaluateDefinition: boolean column contact.${field.key}`);
    }
  }

  private matchTimestamp(ms: number, operator: string, value: unknown): boolean {
    if (operator === "anniversary_this_month") return new Date(ms).getUTCMonth() + 1 === monthOfDay(this.today);
    const days = dayRangeFor(operator, value, this.today);
    if (!days) throw new Error(`evaluateDefinition: bad value for "${operator}"`);
    return inTimestampRange(ms, days);
  }

  // --- custom fields ----------------------------------------------------------------

  private customField(key: string, condition: Condition): Outcome {
    const { operator, value } = condition;
    const type = declaredType(this.input.customFieldTypes, key);
    if (!type || !customFieldConditionApplies(type, operator, value)) return { matched: false, actual: null };
    const stored = ownValue(this.input.contact.customFields, key);
    switch (type) {
      case "TEXT":
      case "SELECT": {
        const text = typeof stored === "string" ? stored : null;
        if (text === null) return { matched: false, actual: null };
        if (operator === "is_set") return { matched: true, actual: text };
        const lowered = lowerText(text);
        const matched = type === "TEXT" ? matchString(lowered, operator, value) : matchSelect(lowered, operator, value);
        return { matched, actual: text };
      }
      case "NUMBER": {
        const num = typeof stored === "number" ? stored : null;
        if (num === null) return { matched: false, actual: null };
        return { matched: operator === "is_set" || matchNumber(num, operator, value), actual: num };
      }
      case "BOOLEAN": {
        const bool = typeof stored === "boolean" ? stored : null;
        if (bool === null) return { matched: false, actual: null };
        const matched = operator === "is_set" || (operator === "is_true" ? bool : !bool);
        return { matched, actual: bool };
      }
      case "DATE": {
        const date = isStoredDate(stored) ? stored : null;
        if (date === null) return { matched: false, actual: null };
        if (operator === "is_set") return { matched: true, actual: date };
        if (operator === "anniversary_this_month") {
          return { matched: date.slice(5, 7) === String(monthOfDay(this.today)).padStart(2, "0"), actual: date };
        }
        const days = dayRangeFor(operator, value, this.today);
        if (!days) throw new Error(`evaluateDefinition: bad value for "${operator}"`);
        const range = textDateRange(days);
        const matched =
          !range.empty &&
          (range.min === undefined || date >= range.min) &&
          (range.max === undefined || date <= range.max);
        return { matched, actual: date };
      }
      case "MULTI_SELECT": {
        const list = Array.isArray(stored) ? stored : null;
        if (list === null) return { matched: false, actual: null };
        if (operator === "is_set") return { matched: list.length > 0, actual: list };
        const elements = list.filter((v): v is string => typeof v === "string").map(lowerText);
        return { matched: matchList(elements, operator, value), actual: list };
      }
    }
  }

  // --- events -----------------------------------------------------------------------

  private event(type: string, condition: Condition): Outcome {
    const count = this.countEvents(type, condition.window, condition.filter);
    const n = condition.operator === "has_done" ? 1 : Number(condition.value);
    return { matched: countSatisfies(condition.operator, n, count), actual: count };
  }

  private countEvents(type: string, window: EventWindow | undefined, filter: EventFilter | undefined): number {
    const days = windowRange(window, this.today);
    if (!days) throw new Error("evaluateDefinition: bad event window");
    const device = filter?.device === undefined ? undefined : (canonicalEnumValue(DEVICES, filter.device) ?? null);
    const url = filter?.urlContains === undefined ? undefined : lowerText(filter.urlContains);
    const campaigns =
      filter?.campaignNameContains === undefined ? undefined : this.campaignsNamed(filter.campaignNameContains);
    const range = timestampRange(days);
    if (range.empty) return 0;
    const { fromMs = Number.NEGATIVE_INFINITY, toMs: beforeMs = Number.POSITIVE_INFINITY } = range;
    let count = 0;
    for (const event of this.input.events) {
      if (event.type !== type) continue;
      const ms = toMs(event.occurredAt);
      if (ms === null || ms < fromMs || ms >= beforeMs) continue;
      if (filter?.campaignId !== undefined && event.campaignId !== filter.campaignId) continue;
      if (url !== undefined && !(typeof event.url === "string" && lowerText(event.url).includes(url))) continue;
      if (device !== undefined && event.device !== device) continue;
      if (campaigns !== undefined && !(typeof event.campaignId === "string" && campaigns.has(event.campaignId)))
        continue;
      count++;
    }
    return count;
  }

  /** Ids (as text, lower-case like PostgreSQL's uuid::text) of the campaigns whose name contains the text. */
  private campaignsNamed(text: string): Set<string> {
    const lowered = lowerText(text);
    let ids = this.campaignIdsByName.get(lowered);
    if (!ids) {
      ids = new Set(
        this.input.campaigns.filter((c) => lowerText(c.name).includes(lowered)).map((c) => c.id.toLowerCase()),
      );
      this.campaignIdsByName.set(lowered, ids);
    }
    return ids;
  }
}

// --- value matching (shared by contact columns and custom fields) -------------------

/** String operators on a lower-cased value. */
function matchString(lowered: string, operator: string, value: unknown): boolean {
  if (operator === "in") return (value as string[]).map(lowerText).includes(lowered);
  const v = lowerText(value as string);
  switch (operator) {
    case "equals":
      return lowered === v;
    case "contains":
      return lowered.includes(v);
    case "starts_with":
      return lowered.startsWith(v);
    case "ends_with":
      return lowered.endsWith(v);
    default:
      throw new Error(`evaluateDefinition: "${operator}" on a text field`);
  }
}

function matchSelect(lowered: string, operator: string, value: unknown): boolean {
  if (operator === "equals") return lowered === lowerText(value as string);
  if (operator === "in") return (value as string[]).map(lowerText).includes(lowered);
  throw new Error(`evaluateDefinition: "${operator}" on a select field`);
}

function matchEnum(stored: string, operator: string, value: unknown, values: readonly string[]): boolean {
  if (operator === "equals") return canonicalEnumValue(values, value as string) === stored;
  if (operator === "in") return (value as string[]).some((v) => canonicalEnumValue(values, v) === stored);
  throw new Error(`evaluateDefinition: "${operator}" on an enum field`);
}

function matchNumber(num: number, operator: string, value: unknown): boolean {
  switch (operator) {
    case "equals":
      return num === value;
    case "greater_than":
      return num > (value as number);
    case "greater_or_equal":
      return num >= (value as number);
    case "less_than":
      return num < (value as number);
    case "less_or_equal":
      return num <= (value as number);
    case "between": {
      const [min, max] = value as [number, number];
      return num >= min && num <= max;
    }
    default:
      throw new Error(`evaluateDefinition: "${operator}" on a number field`);
  }
}

/** Array operators: elements as stored (tags) or lower-cased (multi-select); values lower-cased. */
function matchList(elements: readonly (string | null)[], operator: string, value: unknown): boolean {
  const wanted = (value as string[]).map(lowerText);
  if (operator === "contains_any") return wanted.some((w) => elements.includes(w));
  if (operator === "contains_all") return wanted.every((w) => elements.includes(w));
  throw new Error(`evaluateDefinition: "${operator}" on a list field`);
}

function inTimestampRange(ms: number, days: { from?: number; to?: number }): boolean {
  const range = timestampRange(days);
  if (range.empty) return false;
  return (range.fromMs === undefined || ms >= range.fromMs) && (range.toMs === undefined || ms < range.toMs);
}

/** true / false / null (never sent an email), from the full timestamps. */
export function openedLastEmail(contact: EvalContact): boolean | null {
  const sent = toMs(contact.lastEmailSentAt);
  if (sent === null) return null;
  const opened = toMs(contact.lastOpenedAt);
  return opened !== null && opened >= sent;
}

function toMs(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** An own property of a JSON object (never an inherited one such as "constructor"). */
function ownValue(json: unknown, key: string): unknown {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  return Object.hasOwn(json, key) ? (json as Record<string, unknown>)[key] : undefined;
}
