import type { Sql } from "@prisma/client-runtime-utils";
import type { CustomFieldType } from "./fields";

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
