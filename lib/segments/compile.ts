import { join, raw, type Sql, sql } from "@prisma/client-runtime-utils";
import {
  dayOf,
  dayRangeFor,
  monthOfDay,
  STORED_DATE_PATTERN,
  textDateRange,
  timestampLiteral,
  timestampRange,
  windowRange,
} from "./dates";
import {
  type ContactField,
  type CustomFieldType,
  canonicalEnumValue,
  DEVICES,
  EVENT_TYPES,
  type EventType,
  isFieldParseError,
  operatorSuits,
  parseFieldRef,
  positiveTwin,
} from "./fields";
import {
  type Condition,
  type EventFilter,
  type EventWindow,
  type Group,
  isGroup,
  type SegmentDefinition,
} from "./types";
import {
  countSatisfies,
  customFieldConditionApplies,
  declaredType,
  integerBounds,
  isUuidText,
  lowerText,
  type NumberOperator,
} from "./values";

/**
 * The compiler: a validated SegmentDefinition → one parameterized SQL predicate over
 * `"Contact" <alias>`, for `SELECT ... FROM "Contact" c WHERE <predicate>`.
 *
 * - Values are only ever parameters; identifiers come only from the catalog (fields.ts);
 *   custom field keys are parameters too (`c."customFields" -> $key`).
 * - Every condition compiles to a two-valued predicate (never NULL), so a negative
 *   operator is exactly NOT(its positive twin) and exclusions are exactly NOT(any).
 * - Dates compare by UTC calendar day: each day condition becomes a timestamp range
 *   computed here from `now` (index-friendly; independent of the session time zone).
 * - Semantics are those of evaluate.ts (the reference evaluator); the differential test
 *   holds the two together.
 */

export type CompileContext = {
  companyId: string;
  /** "Today" is the UTC date of this instant. */
  now: Date;
  /** The company's custom fields: key → declared type. Keys not listed count as never set. */
  customFieldTypes: Readonly<Record<string, CustomFieldType>>;
  /** Alias of "Contact" in the caller's FROM clause (lower-case identifier); default "c". */
  contactAlias?: string;
  /**
   * How event counts (count_at_least / _at_most / _equals with n ≥ 2) are computed:
   * "per-contact" probes the (companyId, contactId, type, occurredAt) index for each
   * candidate contact and stops after n events (best when other conditions narrow the
   * contacts down); "grouped" aggregates the matching events of the company once into a
   * hashed set probed per contact (best when event counts are the main filter). "auto"
   * (default) picks per-contact when a contact-side condition is ANDed with the count all
   * the way up, grouped otherwise. has_done / has_not_done are plain EXISTS either way
   * (the planner picks the join). Results are identical; only speed differs.
   */
  eventCounts?: "auto" | "per-contact" | "grouped";
  /**
   * Read the per-contact event summary (ContactEventSummary: first and last time, all-time
   * count and counts per device, per contact and event type) instead of the events where
   * that is exact, and as a necessary pre-check before reading events where it is not
   * (default true). false compiles every event condition over ContactEvent alone.
   */
  eventSummaries?: boolean;
  /**
   * Which table the contacts are read from (compileSegment only; compileDefinition always
   * reads "Contact"). "facts": ContactFacts, the narrow trigger-maintained copy of the
   * columns segments filter on most plus a bit per event type the contact has (a third of
   * the bytes to scan); conditions on other fields probe the contact's "Contact" row by
   * primary key. "contact": "Contact" itself. "auto" (default): facts, unless a condition on
   * a field ContactFacts lacks must hold for every member (ANDed up to the root), where
   * reading "Contact" directly filters first.
   */
  contactSource?: "auto" | "facts" | "contact";
};

/** A compiled segment: `SELECT c."id" FROM <from> WHERE <where>` (alias c, or ctx.contactAlias). */
export type CompiledSegment = { from: Sql; where: Sql; source: "facts" | "contact" };

/** Aliases the compiler uses in its subqueries (the contact alias must differ). */
const RESERVED_ALIASES = new Set(["ev", "es", "sm", "cmp", "el", "crow"]);

/** The full predicate over `"Contact" <alias>`: the definition's match, ANDed with the contact's company. */
export function compileDefinition(definition: SegmentDefinition, ctx: CompileContext): Sql {
  return compileScoped(definition, ctx, "contact");
}

/**
 * The segment's query parts, reading ContactFacts or Contact (see `contactSource`): the
 * definition's match, ANDed with the contact's company.
 */
export function compileSegment(definition: SegmentDefinition, ctx: CompileContext): CompiledSegment {
  const source = contactSourceFor(definition, ctx.contactSource ?? "auto");
  return { from: fromClause(source, ctx), where: compileScoped(definition, ctx, source), source };
}

/**
 * The definition's predicate WITHOUT the company scope, with its FROM clause. Only for
 * tests that check the predicate on its own (e.g. that it is never NULL); never query with it.
 */
export function compileMatchPredicateUnscoped(definition: SegmentDefinition, ctx: CompileContext): CompiledSegment {
  const source = contactSourceFor(definition, ctx.contactSource ?? "contact");
  return { from: fromClause(source, ctx), where: render(new Compiler(ctx, source).definition(definition)), source };
}

function compileScoped(definition: SegmentDefinition, ctx: CompileContext, source: "facts" | "contact"): Sql {
  const compiler = new Compiler(ctx, source);
  if (!isUuidText(ctx.companyId)) return raw("FALSE"); // a non-UUID company owns no contacts
  const tenant = sql`${compiler.c}."companyId" = ${ctx.companyId}::uuid`;
  return render(and([tenant, compiler.definition(definition)]));
}

function fromClause(source: "facts" | "contact", ctx: CompileContext): Sql {
  return raw(`"${source === "facts" ? "ContactFacts" : "Contact"}" ${contactAliasOf(ctx)}`);
}

function contactAliasOf(ctx: CompileContext): string {
  const alias = ctx.contactAlias ?? "c";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(alias) || RESERVED_ALIASES.has(alias)) {
    throw new Error(`compileDefinition: invalid contact alias "${alias}"`);
  }
  return alias;
}

/**
 * The fields ContactFacts copies (same column names; `country` lower-cased there). Custom
 * fields and the other contact fields are read from the contact's "Contact" row.
 */
const FACTS_FIELDS = new Set([
  "subscriptionStatus",
  "lifecycleStage",
  "leadScore",
  "createdAt",
  "lastActivityAt",
  "lastOpenedAt",
  "lastClickedAt",
  "lastEmailSentAt",
  "lastOpenedDevice",
  "openedLastEmail",
  "preferredOpenHour",
  "preferredOpenDay",
  "country",
  "tags",
]);
const FACTS_LOWER_CASED = new Set(["country"]);

/** Whether a condition's field is read from the "Contact" row even in facts mode. */
function needsContactRow(condition: Condition): boolean {
  if (condition.field.startsWith("customField.")) return true;
  return condition.field.startsWith("contact.") && !FACTS_FIELDS.has(condition.field.slice("contact.".length));
}

/** A condition on a field ContactFacts lacks, ANDed up to the root (exclusions are not). */
function requiresContactRow(group: Group): boolean {
  if (group.match !== "all" && group.conditions.length > 1) return false;
  return group.conditions.some((item) => (isGroup(item) ? requiresContactRow(item) : needsContactRow(item)));
}

function contactSourceFor(
  definition: SegmentDefinition,
  wanted: NonNullable<CompileContext["contactSource"]>,
): "facts" | "contact" {
  if (wanted !== "auto") return wanted;
  const required =
    definition.match === "all" || definition.groups.length === 1
      ? definition.groups.some((group) => requiresContactRow(group))
      : false;
  return required ? "contact" : "facts";
}

/** A predicate, or a constant folded at compile time. */
type Pred = Sql | boolean;

const TRUE = raw("TRUE");
const FALSE = raw("FALSE");

/**
 * Relative cost of evaluating a predicate for one contact: 0 a contact column, 1 a probe of
 * a hashed set or a primary key, 2 a per-contact read of events. PostgreSQL reorders only
 * the top-level conjuncts by cost; inside nested AND / OR it evaluates in written order, so
 * the compiler writes the cheap parts first (the predicates are side-effect free and
 * two-valued, so the order never changes the result) and the costly ones run only for the
 * contacts the cheap ones leave undecided.
 */
const costs = new WeakMap<Sql, number>();

function withCost(pred: Sql, cost: number): Sql {
  costs.set(pred, cost);
  return pred;
}

const costOf = (pred: Sql) => costs.get(pred) ?? 0;

function render(pred: Pred): Sql {
  return pred === true ? TRUE : pred === false ? FALSE : pred;
}

function and(parts: Pred[]): Pred {
  if (parts.some((p) => p === false)) return false;
  const live = parts.filter((p): p is Sql => p !== true);
  if (live.length === 0) return true;
  if (live.length === 1) return live[0]!;
  return joinPreds(live, " AND ");
}

function or(parts: Pred[]): Pred {
  if (parts.some((p) => p === true)) return true;
  const live = parts.filter((p): p is Sql => p !== false);
  if (live.length === 0) return false;
  if (live.length === 1) return live[0]!;
  return joinPreds(live, " OR ");
}

// NOT binds more loosely than every comparison, IS, IN and operator, and AND / OR parts
// are always parenthesized (joinPreds), so `NOT <pred>` needs no extra parentheses.
function not(pred: Pred): Pred {
  return typeof pred === "boolean" ? !pred : withCost(sql`NOT ${pred}`, costOf(pred));
}

/** Cheapest first (stable), see `costs`; the result costs what its dearest part costs. */
function joinPreds(parts: Sql[], separator: string): Sql {
  const ordered = parts
    .map((part, index) => ({ part, index, cost: costOf(part) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index);
  return withCost(
    join(
      ordered.map((o) => o.part),
      separator,
      "(",
      ")",
    ),
    ordered.at(-1)!.cost,
  );
}

/** A condition on the contact itself (not an event count), ANDed at this group's level or in all-subgroups. */
function hasNarrower(group: Group): boolean {
  if (group.match !== "all") return false;
  return group.conditions.some((item) => (isGroup(item) ? hasNarrower(item) : !item.field.startsWith("event.")));
}

/**
 * Where a condition sits. narrowed: a contact-side condition is ANDed with it up to the
 * root. top: only ANDs lie between it and the root, where PostgreSQL turns an EXISTS into
 * a semi- / anti-join (it can then drive from either side); elsewhere an EXISTS is a probe
 * per contact.
 */
type Place = { narrowed: boolean; top: boolean };

/** Wraps a predicate in parentheses so it composes safely. */
function paren(pred: Sql): Sql {
  return sql`(${pred})`;
}

/** How many latest event times ContactEventSummary keeps per (contact, type) ("recentAt"). */
const RECENT_EVENTS = 5;

type SummaryFacts = {
  type: EventType;
  /** The window as a timestamp range [fromMs, toMs); undefined bounds are open. */
  fromMs: number | undefined;
  toMs: number | undefined;
  /** `es."count"`, or the device's count when the condition filters on a device. */
  countColumn: Sql;
  /** The condition filters on a device. */
  byDevice: boolean;
  /** The filter names at most a device (no campaign, URL or campaign name). */
  devicesOnly: boolean;
};

class Compiler {
  /** The contact row being tested: "Contact" or "ContactFacts" (same column names). */
  readonly c: Sql;
  private readonly facts: boolean;
  private readonly today: number;

  constructor(
    private readonly ctx: CompileContext,
    source: "facts" | "contact",
  ) {
    this.c = raw(contactAliasOf(ctx));
    this.facts = source === "facts";
    this.today = dayOf(ctx.now);
  }

  definition(definition: SegmentDefinition): Pred {
    // Contacts are "narrowed" for an event count when a contact-side condition is ANDed
    // with it all the way up: PostgreSQL then checks the count only for the few contacts
    // left, where a per-contact probe beats aggregating the company's events.
    const rootNarrowed =
      definition.match === "all"
        ? definition.groups.some((g) => hasNarrower(g))
        : definition.groups.length === 1 && hasNarrower(definition.groups[0]!);
    const top = definition.match === "all" || definition.groups.length === 1;
    const groups = definition.groups.map((group) =>
      this.group(group, { narrowed: definition.match === "all" ? rootNarrowed : false, top }),
    );
    const included = definition.match === "any" ? or(groups) : and(groups);
    // Exclusions are checked for the contacts the groups let through.
    const excluded = or(
      (definition.exclusions ?? []).map((group) => this.group(group, { narrowed: rootNarrowed, top: false })),
    );
    if (this.facts && typeof included !== "boolean" && typeof excluded !== "boolean" && costOf(excluded) >= 2) {
      // PostgreSQL orders the top-level conditions by its own cost estimate, which rates a
      // per-contact probe (of the contact row, or of events) below an OR of hashed sets: it
      // probed for every contact the cheap columns let through (400k at 1M), not only for
      // the included ones. A CASE is evaluated in written order. (Only reading the facts:
      // there the included conditions have no index to lose by hiding in the CASE.)
      return withCost(sql`CASE WHEN ${included} THEN ${render(not(excluded))} ELSE FALSE END`, costOf(excluded));
    }
    return and([included, not(excluded)]);
  }

  private group(group: Group, place: Place): Pred {
    const all = group.match === "all" || group.conditions.length === 1;
    const inside: Place = {
      narrowed: place.narrowed || (group.match === "all" && hasNarrower(group)),
      top: place.top && all,
    };
    const parts = group.conditions.map((item) =>
      isGroup(item)
        ? this.group(item, group.match === "all" ? inside : { narrowed: place.narrowed, top: inside.top })
        : this.condition(item, inside),
    );
    return group.match === "any" ? or(parts) : and(parts);
  }

  private condition(condition: Condition, place: Place): Pred {
    const twin = positiveTwin(condition.operator);
    if (twin) return not(this.positive({ ...condition, operator: twin }, place));
    return this.positive(condition, place);
  }

  /** A condition whose operator is not a negative one. */
  private positive(condition: Condition, place: Place): Pred {
    const ref = parseFieldRef(condition.field);
    if (isFieldParseError(ref)) throw new Error(`compileDefinition: ${ref.message} (validate the definition first)`);
    switch (ref.kind) {
      case "contact":
        if (this.facts && !FACTS_FIELDS.has(ref.field.key)) {
          return this.onContactRow((row) => this.contactField(ref.field, condition, row));
        }
        return this.contactField(ref.field, condition, this.c);
      case "customField":
        return this.facts
          ? this.onContactRow((row) => this.customField(ref.key, condition, row))
          : this.customField(ref.key, condition, this.c);
      case "event":
        return this.event(ref.eventType, condition, place);
      case "segment":
        return this.segment(condition.value);
    }
  }

  // --- contact columns --------------------------------------------------------------

  /**
   * Facts mode, a field ContactFacts lacks: the predicate over the contact's "Contact" row
   * (alias crow), one primary-key probe, written last in its AND / OR (cost 2) so it runs
   * only for the contacts the facts leave undecided. Every facts row has its contact
   * (foreign key), so the probe is exactly the predicate. `OFFSET 0` keeps it a probe: as
   * a plain EXISTS the planner may hash it instead, i.e. scan all of "Contact" once, which
   * is what reading the narrow table avoids.
   */
  private onContactRow(predicate: (row: Sql) => Pred): Pred {
    const pred = predicate(raw("crow"));
    if (typeof pred === "boolean") return pred;
    return withCost(
      sql`EXISTS (SELECT 1 FROM "Contact" crow WHERE crow."companyId" = ${this.c}."companyId" AND crow."id" = ${this.c}."id" AND ${pred} OFFSET 0)`,
      2,
    );
  }

  private column(field: ContactField, row: Sql): Sql {
    if (!field.column || !/^[A-Za-z]+$/.test(field.column)) throw new Error(`no column for contact.${field.key}`);
    return sql`${row}.${raw(`"${field.column}"`)}`;
  }

  /** Stored lower-case in the row read (index-friendly, no lower() per row). */
  private storedLowerCase(field: ContactField, row: Sql): boolean {
    return Boolean(field.storedLowerCase) || (this.facts && row === this.c && FACTS_LOWER_CASED.has(field.key));
  }

  /** `col IS NOT NULL AND pred`: two-valued even when the column is NULL. */
  private present(field: ContactField, col: Sql, pred: Pred): Pred {
    return field.notNull ? pred : and([sql`${col} IS NOT NULL`, pred]);
  }

  private contactField(field: ContactField, condition: Condition, row: Sql): Pred {
    const { operator, value } = condition;
    if (!operatorSuits(field.type, operator))
      throw new Error(`compileDefinition: "${operator}" on contact.${field.key}`);
    if (field.derived === "openedLastEmail") return this.openedLastEmail(operator, row);
    const col = this.column(field, row);
    if (operator === "is_set") {
      if (field.type === "array") return and([sql`${col} IS NOT NULL`, sql`cardinality(${col}) > 0`]);
      return field.notNull ? true : sql`${col} IS NOT NULL`;
    }
    switch (field.type) {
      case "string": {
        // Columns stored lower-case are compared as stored (index-friendly).
        const lowered = this.storedLowerCase(field, row) ? col : sql`lower(${col})`;
        return this.present(field, col, stringPredicate(lowered, operator, value));
      }
      case "enum":
        return this.present(field, col, enumPredicate(col, operator, value, field.values ?? [], enumTypeOf(field)));
      case "number":
        return this.present(field, col, integerPredicate(col, operator as NumberOperator, value));
      case "date":
        return this.present(field, col, this.timestampPredicate(col, operator, value));
      case "array":
        return this.present(field, col, tagsPredicate(col, operator, value));
      case "boolean":
        throw new Error(`compileDefinition: boolean column contact.${field.key}`);
    }
  }

  /** Derived: true when lastOpenedAt ≥ lastEmailSentAt; false when sent and not opened since; unset when never sent. */
  private openedLastEmail(operator: string, row: Sql): Pred {
    const sent = sql`${row}."lastEmailSentAt"`;
    const opened = sql`${row}."lastOpenedAt"`;
    switch (operator) {
      case "is_set":
        return sql`${sent} IS NOT NULL`;
      case "is_true":
        return paren(sql`${sent} IS NOT NULL AND ${opened} IS NOT NULL AND ${opened} >= ${sent}`);
      case "is_false":
        return paren(sql`${sent} IS NOT NULL AND (${opened} IS NULL OR ${opened} < ${sent})`);
      default:
        throw new Error(`compileDefinition: "${operator}" on contact.openedLastEmail`);
    }
  }

  private timestampPredicate(col: Sql, operator: string, value: unknown): Pred {
    if (operator === "anniversary_this_month") {
      return sql`EXTRACT(MONTH FROM (${col} AT TIME ZONE 'UTC')) = ${monthOfDay(this.today)}::int4`;
    }
    const days = dayRangeFor(operator, value, this.today);
    if (!days) throw new Error(`compileDefinition: bad value for "${operator}"`);
    return timestampRangePredicate(col, days);
  }

  // --- custom fields ----------------------------------------------------------------

  private customField(key: string, condition: Condition, row: Sql): Pred {
    const type = declaredType(this.ctx.customFieldTypes, key);
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
          const month = String(monthOfDay(this.today)).padStart(2, "0");
          return guarded(guard, sql`substr(${textValue}, 6, 2) = ${month}::text`);
        }
        const days = dayRangeFor(operator, value, this.today);
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

  // --- events -----------------------------------------------------------------------

  private event(type: EventType, condition: Condition, place: Place): Pred {
    const { operator } = condition;
    const matching = this.eventFilter(type, condition.window, condition.filter);
    const n = operator === "has_done" ? 1 : typeof condition.value === "number" ? condition.value : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`compileDefinition: bad count for "${operator}"`);
    // With no possible event (an empty window, an unknown device), the count is 0.
    if (matching === false) return countSatisfies(operator, n, 0);
    const strategy = this.ctx.eventCounts ?? "auto";
    const grouped = strategy === "grouped" || (strategy === "auto" && !place.narrowed);
    const summary = this.ctx.eventSummaries === false ? undefined : this.summaryFacts(type, condition);
    // Facts mode: the contact's bit for the type is necessary for any matching event, and
    // decides alone "at least one, ever, of any kind" (a has_done / has_not_done as is).
    const hasType = this.facts ? sql`(${this.c}."eventTypes" & ${eventTypeBit(type)}::int4) <> 0` : undefined;
    const unfiltered = Object.values(condition.filter ?? {}).every((value) => value === undefined);
    const atLeast = (k: number): Pred => {
      if (k <= 0) return true;
      if (hasType && k === 1 && condition.window === undefined && unfiltered) return hasType;
      const counted = summary
        ? this.summaryCountAtLeast(summary, matching, k, place, grouped)
        : this.eventCountAtLeast(matching, k, grouped);
      return hasType ? and([hasType, counted]) : counted;
    };
    switch (operator) {
      case "has_done":
      case "count_at_least":
        return atLeast(n);
      case "count_at_most":
        // No events count as 0: a contact without any matches "at most n".
        return not(atLeast(n + 1));
      case "count_equals":
        return and([atLeast(n), not(atLeast(n + 1))]);
      default:
        throw new Error(`compileDefinition: "${operator}" on an event`);
    }
  }

  /** The WHERE clause of the matching events of the contact (alias ev), or false if none can match. */
  private eventFilter(type: EventType, window: EventWindow | undefined, filter: EventFilter | undefined): Sql | false {
    const parts: Sql[] = [sql`ev."type" = ${type}::"EventType"`];
    const days = windowRange(window, this.today);
    if (!days) throw new Error("compileDefinition: bad event window");
    const range = timestampRange(days);
    if (range.empty) return false;
    if (range.fromMs !== undefined) parts.push(sql`ev."occurredAt" >= ${timestampLiteral(range.fromMs)}::timestamptz`);
    if (range.toMs !== undefined) parts.push(sql`ev."occurredAt" < ${timestampLiteral(range.toMs)}::timestamptz`);
    if (filter?.campaignId !== undefined) parts.push(sql`ev."campaignId" = ${filter.campaignId}::text`);
    if (filter?.urlContains !== undefined) {
      parts.push(sql`strpos(lower(ev."url"), ${lowerText(filter.urlContains)}::text) > 0`);
    }
    if (filter?.device !== undefined) {
      const device = canonicalEnumValue(DEVICES, filter.device);
      if (!device) return false;
      parts.push(sql`ev."device" = ${device}::"Device"`);
    }
    if (filter?.campaignNameContains !== undefined) {
      parts.push(
        sql`ev."campaignId" IN (SELECT cmp."id"::text FROM "Campaign" cmp WHERE cmp."companyId" = ${this.ctx.companyId}::uuid AND strpos(lower(cmp."name"), ${lowerText(filter.campaignNameContains)}::text) > 0)`,
      );
    }
    return joinPreds(parts, " AND ");
  }

  /** At least k (≥ 1) matching events. */
  private eventCountAtLeast(matching: Sql, k: number, grouped: boolean): Sql {
    const correlated = sql`ev."companyId" = ${this.c}."companyId" AND ev."contactId" = ${this.c}."id"`;
    if (k === 1) return withCost(sql`EXISTS (SELECT 1 FROM "ContactEvent" ev WHERE ${correlated} AND ${matching})`, 2);
    if (grouped) {
      // `IS TRUE` keeps the sublink from being pulled up into a join (whose row estimate for
      // HAVING is a guess, and a nested loop over the aggregate can take minutes): it stays a
      // hashed SubPlan, built once and probed once per contact.
      return withCost(
        sql`(${this.c}."id" IN (SELECT ev."contactId" FROM "ContactEvent" ev WHERE ev."companyId" = ${this.ctx.companyId}::uuid AND ${matching} GROUP BY ev."contactId" HAVING count(*) >= ${k}::int8)) IS TRUE`,
        1,
      );
    }
    // Stops after the k-th event: an index probe of at most k entries per contact.
    return withCost(
      sql`EXISTS (SELECT 1 FROM "ContactEvent" ev WHERE ${correlated} AND ${matching} OFFSET ${k - 1}::int8)`,
      2,
    );
  }

  // --- event summaries --------------------------------------------------------------

  /** What the summary row of (contact, type) can tell about the condition's events. */
  private summaryFacts(type: EventType, condition: Condition): SummaryFacts {
    const days = windowRange(condition.window, this.today);
    const range = days ? timestampRange(days) : { empty: true as const };
    if (range.empty) throw new Error("compileDefinition: empty window (no event can match)");
    const { device, ...others } = condition.filter ?? {};
    const canonical = device === undefined ? undefined : canonicalEnumValue(DEVICES, device);
    return {
      type,
      fromMs: range.fromMs,
      toMs: range.toMs,
      countColumn: canonical ? raw(`es."${canonical}Count"`) : raw(`es."count"`),
      byDevice: canonical !== undefined,
      // Campaign and URL filters are not summarized: those conditions always read events.
      devicesOnly: Object.values(others).every((value) => value === undefined),
    };
  }

  /**
   * At least k (≥ 1) matching events, through the summary row of (contact, type):
   * - necessary: the row's count (of the filter's device) ≥ k, its last time ≥ the window's
   *   start and its first time < the window's end;
   * - sufficient for a condition without campaign / URL filters: all the type's events lie
   *   inside the window (first ≥ start, last < end), so the window's count is the row's;
   *   for one event of any device, the first or the last time in the window;
   * - otherwise the events are read, for the contacts that pass the necessary part only.
   * `lastDays n` thus becomes "last time within n days" (events after today fall back to the
   * events), `moreThanDaysAgo n` "first time before today − n", all-time conditions the
   * row's count: exact rewrites, checked by the differential test.
   */
  private summaryCountAtLeast(facts: SummaryFacts, matching: Sql, k: number, place: Place, grouped: boolean): Sql {
    const { top, narrowed } = place;
    const from = facts.fromMs === undefined ? undefined : sql`${timestampLiteral(facts.fromMs)}::timestamptz`;
    const to = facts.toMs === undefined ? undefined : sql`${timestampLiteral(facts.toMs)}::timestamptz`;
    const necessary = and([
      sql`es."type" = ${facts.type}::"EventType"`,
      // Every row has count ≥ 1.
      k === 1 && !facts.byDevice ? true : sql`${facts.countColumn} >= ${k}::int8`,
      from ? sql`es."lastAt" >= ${from}` : true,
      to ? sql`es."firstAt" < ${to}` : true,
    ]);
    const firstInWindow = from ? sql`es."firstAt" >= ${from}` : true;
    const lastInWindow = to ? sql`es."lastAt" < ${to}` : true;
    // With the necessary part, one event of the type in the window: the first or the last
    // one is (any device); k events: all of them are (their count is the row's).
    let decided: Pred =
      k === 1 && !facts.byDevice ? or([firstInWindow, lastInWindow]) : and([firstInWindow, lastInWindow]);
    if (facts.devicesOnly && decided === true) {
      // The row decides alone: a primary-key probe, or a semi- / anti-join the planner picks.
      return withCost(
        sql`EXISTS (SELECT 1 FROM "ContactEventSummary" es WHERE es."companyId" = ${this.c}."companyId" AND es."contactId" = ${this.c}."id" AND ${render(necessary)})`,
        1,
      );
    }
    // Two hashed sets from one index each (built once, probed per contact; `IS TRUE` keeps
    // them SubPlans, see eventCountAtLeast): the contacts the row decides for, and those it
    // leaves undecided, for whom alone the events are read.
    const rows = (where: Pred): Pred =>
      withCost(
        sql`(${this.c}."id" IN (SELECT es."contactId" FROM "ContactEventSummary" es WHERE es."companyId" = ${this.ctx.companyId}::uuid AND ${render(where)})) IS TRUE`,
        1,
      );
    if (!facts.devicesOnly) return render(and([rows(necessary), this.eventCountAtLeast(matching, k, grouped)]));
    // The latest event times can settle a count either way (see `recentDecides`).
    let decidedTrue = decided;
    const recent = facts.byDevice ? undefined : this.recentDecides(k, from, to);
    if (recent) {
      decidedTrue = or([decided, and([recent.decides, recent.atLeast])]);
      decided = or([decided, recent.decides]);
    }
    // Left undecided by the first / last or latest times: only contacts with events after
    // the window (rare), so their events are probed rather than aggregated.
    const fewUndecided = recent !== undefined || (k === 1 && !facts.byDevice);
    if (fewUndecided && top && !narrowed) {
      // ANDed up to the root with no contact condition to drive from: one correlated
      // EXISTS, which the planner turns into a semi-join driven from the summary's index.
      const offset = k === 1 ? raw("") : sql` OFFSET ${k - 1}::int8`;
      const fromEvents = sql`EXISTS (SELECT 1 FROM "ContactEvent" ev WHERE ev."companyId" = es."companyId" AND ev."contactId" = es."contactId" AND ${matching}${offset})`;
      const where = and([necessary, or([decidedTrue, and([not(decided), fromEvents])])]);
      return withCost(
        sql`EXISTS (SELECT 1 FROM "ContactEventSummary" es WHERE es."companyId" = ${this.c}."companyId" AND es."contactId" = ${this.c}."id" AND ${render(where)})`,
        1,
      );
    }
    // Elsewhere a correlated EXISTS would be a probe per contact (under OR, or after the
    // contact conditions, where the planner, misled by estimates, still probes ~1 index
    // page per contact): hashed sets instead, one index range each.
    const fromEvents = this.eventCountAtLeast(matching, k, grouped && !fewUndecided);
    return render(or([rows(and([necessary, decidedTrue])), and([rows(and([necessary, not(decided)])), fromEvents])]));
  }

  /**
   * `recentAt` holds the type's RECENT_EVENTS latest times, newest first. When the latest
   * is before the window's end (no event after it), the events in the window are the
   * latest ones back to its start, so "k (≤ RECENT_EVENTS) events in [from, to)" is
   * exactly "the k-th latest time ≥ from": decided either way. Otherwise (an event after
   * the window) undefined.
   */
  private recentDecides(k: number, from: Sql | undefined, to: Sql | undefined) {
    if (k < 2 || k > RECENT_EVENTS || !from) return undefined;
    return {
      decides: to ? sql`es."recentAt"[1] < ${to}` : true,
      atLeast: sql`coalesce(es."recentAt"[${k}::int4] >= ${from}, FALSE)`,
    };
  }

  // --- segments ---------------------------------------------------------------------

  private segment(value: unknown): Pred {
    // Never cast arbitrary text to uuid: a value that is not a UUID names no segment.
    if (!isUuidText(value)) return false;
    // The members as a hashed set (one range of the membership's primary key, built once),
    // not a probe per contact: contacts far outnumber the members a query meets.
    return withCost(
      sql`(${this.c}."id" IN (SELECT sm."contactId" FROM "SegmentMembership" sm WHERE sm."companyId" = ${this.ctx.companyId}::uuid AND sm."segmentId" = ${value}::uuid)) IS TRUE`,
      1,
    );
  }
}

/** ContactFacts."eventTypes" bit of an event type: its position in EVENT_TYPES (= the enum's order). */
export function eventTypeBit(type: EventType): number {
  const index = EVENT_TYPES.indexOf(type);
  if (index < 0 || index > 30) throw new Error(`compileDefinition: no bit for event type "${type}"`);
  return 2 ** index;
}

function timestampRangePredicate(col: Sql, days: { from?: number; to?: number }): Pred {
  const range = timestampRange(days);
  if (range.empty) return false;
  return and([
    range.fromMs === undefined ? true : sql`${col} >= ${timestampLiteral(range.fromMs)}::timestamptz`,
    range.toMs === undefined ? true : sql`${col} < ${timestampLiteral(range.toMs)}::timestamptz`,
  ]);
}

/** String operators on an already lower-cased, non-NULL text expression. */
function stringPredicate(lowered: Sql, operator: string, value: unknown): Pred {
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
function selectPredicate(lowered: Sql, operator: string, value: unknown): Pred {
  if (operator === "equals") return sql`${lowered} = ${lowerText(stringValue(value))}::text`;
  if (operator === "in") return sql`${lowered} = ANY(${stringList(value).map(lowerText)}::text[])`;
  throw new Error(`compileDefinition: "${operator}" on a select field`);
}

/** The enum type's quoted name (from the catalog, checked to be a plain identifier). */
function enumTypeOf(field: ContactField): Sql {
  if (!field.enumType || !/^[A-Za-z]+$/.test(field.enumType)) throw new Error(`no enum type for contact.${field.key}`);
  return raw(`"${field.enumType}"`);
}

/**
 * Enum columns against the canonical spelling of the given values (only values of the
 * enum reach the cast), compared as the enum type so the planner uses the column's
 * statistics (as text its estimates were off by 100×).
 */
function enumPredicate(col: Sql, operator: string, value: unknown, values: readonly string[], type: Sql): Pred {
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
function integerPredicate(col: Sql, operator: NumberOperator, value: unknown): Pred {
  const bounds = integerBounds(operator, value);
  if (bounds.empty) return false;
  return and([
    bounds.min === undefined ? true : sql`${col} >= ${bounds.min}::int4`,
    bounds.max === undefined ? true : sql`${col} <= ${bounds.max}::int4`,
  ]);
}

/** NUMBER custom fields, compared as numeric (values passed as decimal text: exact). */
function numericPredicate(num: Sql, operator: NumberOperator, value: unknown): Pred {
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
function tagsPredicate(elements: Sql, operator: string, value: unknown): Pred {
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
