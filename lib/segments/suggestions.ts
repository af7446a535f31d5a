import { isFieldParseError, parseFieldRef } from "@/lib/segments/engine/fields";

/** Contact text fields worth suggesting (not emails, names or phone numbers: those are per person). */
const SUGGESTED_CONTACT_FIELDS = new Set(["companyName", "jobTitle", "source", "country", "state", "city", "timezone"]);

/**
 * Whether the builder offers the company's real values for this field: contact text
 * fields such as country or city, tags, and custom fields (client-safe; the data layer
 * answers only for these).
 */
export function suggestsValues(field: string): boolean {
  const ref = parseFieldRef(field);
  if (isFieldParseError(ref)) return false;
  if (ref.kind === "customField") return true;
  return ref.kind === "contact" && (ref.field.key === "tags" || SUGGESTED_CONTACT_FIELDS.has(ref.field.key));
}
