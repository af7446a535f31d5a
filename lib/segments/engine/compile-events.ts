import { raw, type Sql, sql } from "@prisma/client-runtime-utils";
import type { CompileContext } from "./compile-context";
import { timestampLiteral, timestampRange, windowRange } from "./dates";
import { canonicalEnumValue, DEVICES, EVENT_TYPES, type EventType } from "./fields";
import { and, joinPreds, not, or, type Pred, render, withCost } from "./predicate";
import type { Condition, EventFilter, EventWindow } from "./types";
import { countSatisfies, lowerText } from "./values";

/**
 * Event conditions ("has done", "did n times in a window", with filters), compiled over
 * the per-contact event summary where it is exact and over ContactEvent where it is not.
 */

/**
 * Where a condition sits. narrowed: a contact-side condition is ANDed with it up to the
 * root. top: only ANDs lie between it and the root, where PostgreSQL turns an EXISTS into
 * a semi- / anti-join (it can then drive from either side); elsewhere an EXISTS is a probe
 * per contact.
 */
export type Place = { narrowed: boolean; top: boolean };

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

export class EventCompiler {
  constructor(
    private readonly ctx: CompileContext,
    /** The contact row being tested (its alias). */
    private readonly c: Sql,
    /** Reading ContactFacts (its event-type bits are available). */
    private readonly facts: boolean,
    private readonly today: number,
  ) {}

  event(type: EventType, condition: Condition, place: Place): Pred {
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
}

/** ContactFacts."eventTypes" bit of an event type: its position in EVENT_TYPES (= the enum's order). */
export function eventTypeBit(type: EventType): number {
  const index = EVENT_TYPES.indexOf(type);
  if (index < 0 || index > 30) throw new Error(`compileDefinition: no bit for event type "${type}"`);
  return 2 ** index;
}
