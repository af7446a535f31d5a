import { raw, type Sql, sql } from "@prisma/client-runtime-utils";
import type { CompileContext, CompiledSegment } from "./compile-context";
import { EventCompiler, type Place } from "./compile-events";
import { contactSourceFor, FACTS_FIELDS, FACTS_LOWER_CASED } from "./contact-source";
import { customFieldPredicate } from "./custom-field-predicate";
import { dayOf, dayRangeFor, monthOfDay } from "./dates";
import { type ContactField, isFieldParseError, operatorSuits, parseFieldRef, positiveTwin } from "./fields";
import { and, costOf, not, or, type Pred, paren, render, withCost } from "./predicate";
import { type Condition, type Group, isGroup, type SegmentDefinition } from "./types";
import {
  enumPredicate,
  enumTypeOf,
  integerPredicate,
  stringPredicate,
  tagsPredicate,
  timestampRangePredicate,
} from "./value-predicates";
import { declaredType, isUuidText, type NumberOperator } from "./values";

export type { CompileContext, CompiledSegment } from "./compile-context";
export { eventTypeBit } from "./compile-events";

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

/** A condition on the contact itself (not an event count), ANDed at this group's level or in all-subgroups. */
function hasNarrower(group: Group): boolean {
  if (group.match !== "all") return false;
  return group.conditions.some((item) => (isGroup(item) ? hasNarrower(item) : !item.field.startsWith("event.")));
}

class Compiler {
  /** The contact row being tested: "Contact" or "ContactFacts" (same column names). */
  readonly c: Sql;
  private readonly facts: boolean;
  private readonly today: number;
  private readonly events: EventCompiler;

  constructor(
    private readonly ctx: CompileContext,
    source: "facts" | "contact",
  ) {
    this.c = raw(contactAliasOf(ctx));
    this.facts = source === "facts";
    this.today = dayOf(ctx.now);
    this.events = new EventCompiler(ctx, this.c, this.facts, this.today);
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
      case "customField": {
        const predicate = (row: Sql) =>
          customFieldPredicate(ref.key, condition, row, this.ctx.customFieldTypes, this.today);
        if (!this.facts) return predicate(this.c);
        // BOOLEAN fields compile to JSONB containment, which the customFields GIN index serves.
        return declaredType(this.ctx.customFieldTypes, ref.key) === "BOOLEAN"
          ? this.contactRowsWhere(predicate)
          : this.onContactRow(predicate);
      }
      case "event":
        return this.events.event(ref.eventType, condition, place);
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

  /**
   * Facts mode, a predicate an index of "Contact" serves (JSONB containment: the
   * customFields GIN index): the matching contacts as a hashed set, built once from the
   * index and probed per contact (cost 1), instead of a primary-key probe of every
   * undecided contact's row (12,700 probes for "bounced is true" in the benchmark's
   * 10-condition definition at 100k). `IS TRUE` keeps it a hashed SubPlan (see
   * compile-events.ts). Exact: every facts row has its contact.
   */
  private contactRowsWhere(predicate: (row: Sql) => Pred): Pred {
    const pred = predicate(raw("crow"));
    if (typeof pred === "boolean") return pred;
    return withCost(
      sql`(${this.c}."id" IN (SELECT crow."id" FROM "Contact" crow WHERE crow."companyId" = ${this.ctx.companyId}::uuid AND ${pred})) IS TRUE`,
      1,
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
