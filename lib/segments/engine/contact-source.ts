import type { CompileContext } from "./compile-context";
import { type Condition, type Group, isGroup, type SegmentDefinition } from "./types";

/**
 * Which table a compiled segment reads its contacts from: ContactFacts (narrow, a bit per
 * event type) or "Contact", and which fields the narrow table holds.
 */

/**
 * The fields ContactFacts copies (same column names; `country` lower-cased there). Custom
 * fields and the other contact fields are read from the contact's "Contact" row.
 */
export const FACTS_FIELDS = new Set([
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
export const FACTS_LOWER_CASED = new Set(["country"]);

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

export function contactSourceFor(
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
