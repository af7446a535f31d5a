import type { BuilderCatalog } from "@/lib/segments/builder-types";
import { CONTACT_FIELDS, EVENT_LABELS, EVENT_TYPES } from "@/lib/segments/engine/fields";

/** The field picker's options, grouped as a marketer thinks of them. */
export type FieldOption = {
  /** Unique per option (a segment shortcut shares the field "segment"). */
  id: string;
  field: string;
  label: string;
  /** Shown beside the label: the type, or the custom field's key. */
  hint: string;
  /** A segment shortcut picks the segment as the value too. */
  segmentId?: string;
};

export type FieldOptionGroup = { label: string; options: FieldOption[] };

const TYPE_HINTS: Record<string, string> = {
  string: "text",
  number: "number",
  date: "date",
  boolean: "yes/no",
  enum: "choice",
  array: "list",
};

export function fieldOptionGroups(catalog: BuilderCatalog, segmentId?: string): FieldOptionGroup[] {
  return [
    {
      label: "Contact",
      options: [...CONTACT_FIELDS.values()].map((f) => ({
        id: `contact.${f.key}`,
        field: `contact.${f.key}`,
        label: f.label,
        hint: TYPE_HINTS[f.type] ?? f.type,
      })),
    },
    {
      label: "Custom fields",
      options: catalog.customFields.map((f) => ({
        id: `customField.${f.key}`,
        field: `customField.${f.key}`,
        label: f.label,
        hint: `${f.key} · ${f.type.toLowerCase().replace("_", " ")}`,
      })),
    },
    {
      label: "Behaviour (events)",
      options: EVENT_TYPES.map((type) => ({
        id: `event.${type}`,
        field: `event.${type}`,
        label: EVENT_LABELS[type],
        hint: "event",
      })),
    },
    {
      label: "Segments",
      options: catalog.segments
        .filter((s) => s.id !== segmentId)
        .map((s) => ({
          id: `segment:${s.id}`,
          field: "segment",
          label: `Segment: ${s.name}`,
          hint: s.type === "STATIC" ? "static" : "dynamic",
          segmentId: s.id,
        })),
    },
  ];
}

/** Options whose label, hint or field contains every word typed (case-insensitive). */
export function filterFieldOptions(groups: FieldOptionGroup[], query: string): FieldOptionGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return groups;
  return groups
    .map((group) => ({
      ...group,
      options: group.options.filter((option) => {
        const text = `${group.label} ${option.label} ${option.hint} ${option.field}`.toLowerCase();
        return words.every((word) => text.includes(word));
      }),
    }))
    .filter((group) => group.options.length > 0);
}

/** The picker's label for a condition's current field. */
export function currentFieldLabel(groups: FieldOptionGroup[], field: string): string {
  if (!field) return "";
  if (field === "segment") return "Segment";
  for (const group of groups) {
    const found = group.options.find((option) => option.field === field);
    if (found) return found.label;
  }
  return field;
}
