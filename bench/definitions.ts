/**
 * The benchmark's fixed definitions, in the rule language of ../../shared/segment-rules.md.
 * The brief's named segments are the builder's templates (lib/segments/engine/templates.ts, one
 * source with the engine's named tests); the 10-condition one is the benchmark's own.
 * `staticSegmentId` is the ~1% static segment the 10-condition definition excludes.
 */
import type { SegmentDefinition } from "@/lib/segments/engine";
import { all, any, C, def, findTemplate } from "@/lib/segments/engine/templates";

export type Definition = SegmentDefinition;

export type BenchDefinition = { key: string; name: string; definition: Definition };

/** Benchmark key → template key. */
const FROM_TEMPLATES: [string, string][] = [
  ["active", "active-subscribers"],
  ["highly-engaged", "highly-engaged"],
  ["inactive", "inactive"],
  ["never-engaged", "never-engaged"],
  // The spec's full example.
  ["engaged-or-high-value", "engaged-or-high-value-na"],
  ["click-no-convert", "click-but-never-convert"],
  ["mobile-openers", "mobile-openers"],
];

function fromTemplate(key: string, templateKey: string): BenchDefinition {
  const template = findTemplate(templateKey);
  if (!template) throw new Error(`bench: no template "${templateKey}"`);
  return {
    key,
    name: key === "engaged-or-high-value" ? "Engaged OR High-Value (NA, excl.)" : template.name,
    definition: template.definition,
  };
}

export function benchDefinitions(staticSegmentId: string): BenchDefinition[] {
  return [
    ...FROM_TEMPLATES.map(([key, templateKey]) => fromTemplate(key, templateKey)),
    {
      // 10 conditions: nested groups, 3 event counts in windows, a segment reference, exclusions.
      key: "ten-conditions",
      name: "10 conditions, nested, segment excl.",
      definition: def(
        [
          any(
            all(
              C("event.email_opened", "count_at_least", 2, { window: { lastDays: 30 } }),
              C("event.email_clicked", "count_at_least", 2, { window: { lastDays: 60 } }),
            ),
            all(
              C("contact.leadScore", "greater_or_equal", 60),
              C("contact.lifecycleStage", "in", ["MQL", "SQL", "CUSTOMER"]),
            ),
          ),
          all(
            C("contact.subscriptionStatus", "equals", "ACTIVE"),
            C("contact.country", "in", ["United States", "Canada"]),
            C("event.email_sent", "count_at_least", 3, { window: { lastDays: 60 } }),
          ),
        ],
        [
          any(
            C("segment", "in_segment", staticSegmentId),
            C("contact.tags", "contains_any", ["unqualified"]),
            C("customField.bounced", "is_true"),
          ),
        ],
      ),
    },
  ];
}

/** Threshold for the large dynamic segment of the recalculation benchmark (~30% of contacts; set after seeding). */
export const recalcDefinition = (minLeadScore: number): Definition =>
  def([
    all(C("contact.subscriptionStatus", "equals", "ACTIVE"), C("contact.leadScore", "greater_or_equal", minLeadScore)),
  ]);
