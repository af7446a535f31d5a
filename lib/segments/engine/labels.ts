import { EVENT_LABELS, fieldLabel, isFieldParseError, OPERATOR_LABELS, type Operator, parseFieldRef } from "./fields";
import type { Condition, EventWindow, Group, MatchMode } from "./types";

/** Human sentences for conditions and groups (explain view, summaries, builder previews). */

export type LabelOptions = {
  /** Segment id → name, to show names instead of ids. */
  segmentNames?: ReadonlyMap<string, string>;
};

export function describeCondition(condition: Condition, options: LabelOptions = {}): string {
  const ref = parseFieldRef(condition.field);
  const op = condition.operator as Operator;
  const opLabel = Object.hasOwn(OPERATOR_LABELS, op) ? OPERATOR_LABELS[op] : condition.operator;
  if (!isFieldParseError(ref) && ref.kind === "segment") {
    const id = typeof condition.value === "string" ? condition.value : "";
    const name = options.segmentNames?.get(id.toLowerCase()) ?? id;
    return `${op === "not_in_segment" ? "Not in" : "In"} segment "${name}"`;
  }
  if (!isFieldParseError(ref) && ref.kind === "event") {
    const label = EVENT_LABELS[ref.eventType];
    const n = typeof condition.value === "number" ? condition.value : 0;
    const times = `${n} time${n === 1 ? "" : "s"}`;
    const what =
      op === "has_done"
        ? `${label} at least once`
        : op === "has_not_done"
          ? `${label}: never`
          : `${label} ${opLabel.replace("happened ", "")} ${times}`;
    return [what, describeWindow(condition.window), describeFilter(condition.filter)].filter(Boolean).join(" ");
  }
  const field = fieldLabel(condition.field);
  return `${field} ${opLabel}${describeValue(op, condition.value)}`;
}

export function describeGroup(group: Pick<Group, "match">): string {
  return describeMatch(group.match);
}

export function describeMatch(match: MatchMode): string {
  return match === "all" ? "All of these" : "Any of these";
}

function describeValue(operator: Operator, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (operator === "within_last_days" || operator === "within_next_days") return ` ${value} days`;
  if (operator === "more_than_days_ago") return ` ${value} days ago`;
  if (Array.isArray(value)) {
    if (operator === "between") return ` ${quote(value[0])} and ${quote(value[1])}`;
    return ` ${value.map(quote).join(", ")}`;
  }
  return ` ${quote(value)}`;
}

function quote(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

function describeWindow(window: EventWindow | undefined): string {
  if (!window) return "";
  if ("lastDays" in window) return `in the last ${window.lastDays} days`;
  if ("moreThanDaysAgo" in window) return `more than ${window.moreThanDaysAgo} days ago`;
  return `between ${window.between[0]} and ${window.between[1]}`;
}

function describeFilter(filter: Condition["filter"]): string {
  if (!filter) return "";
  const parts: string[] = [];
  if (filter.campaignId !== undefined) parts.push(`campaign ${filter.campaignId}`);
  if (filter.campaignNameContains !== undefined) parts.push(`campaign name contains "${filter.campaignNameContains}"`);
  if (filter.urlContains !== undefined) parts.push(`URL contains "${filter.urlContains}"`);
  if (filter.device !== undefined) parts.push(`on ${filter.device}`);
  return parts.length ? `(${parts.join(", ")})` : "";
}
