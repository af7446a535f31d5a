import type { Operator } from "./fields";

/** The TypeScript shape of ../../shared/segment-rules.md (what `Segment.rules` stores). */

export type MatchMode = "all" | "any";

/** On the UTC day of occurredAt; no window means all time. */
export type EventWindow =
  | { lastDays: number } // today - n ≤ day ≤ today
  | { moreThanDaysAgo: number } // day < today - n
  | { between: [string, string] }; // ISO dates, from ≤ day ≤ to

export type EventFilter = {
  /** Only events of this campaign (the id is compared exactly: it is an identifier). */
  campaignId?: string;
  /** email_clicked, page_visited: the URL contains this (case-insensitive, literal). */
  urlContains?: string;
  device?: "mobile" | "desktop" | "tablet";
  /** Only events of one of the company's campaigns whose name contains this (case-insensitive). */
  campaignNameContains?: string;
};

export type Condition = {
  field: string;
  operator: Operator;
  /** Shape depends on the operator; absent (or null) for operators that take none. */
  value?: unknown;
  window?: EventWindow;
  filter?: EventFilter;
};

export type Group = {
  match: MatchMode;
  /** A nested Group makes a sub-group. */
  conditions: (Condition | Group)[];
};

export type SegmentDefinition = {
  match: MatchMode;
  /** At least one group, each with at least one condition. */
  groups: Group[];
  /** A contact that matches ANY exclusion group is left out. */
  exclusions?: Group[];
};

export function isGroup(item: Condition | Group): item is Group {
  return Array.isArray((item as Group).conditions);
}

/** A validation problem at a path into the definition, e.g. ["groups", 0, "conditions", 2, "value"]. */
export type DefinitionIssue = { path: (string | number)[]; message: string };

/** The outcome of validating untrusted input. */
export type ParseResult<T = SegmentDefinition> = { ok: true; definition: T } | { ok: false; issues: DefinitionIssue[] };

/** `groups.0.conditions.2.value: expected a number`. */
export function formatIssue(issue: DefinitionIssue): string {
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}
