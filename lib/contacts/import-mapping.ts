import { z } from "zod";
import { CONTACT_FIELDS } from "@/lib/segments/engine/fields";
import { CONTACT_TEXT_FIELDS, type ContactInput } from "./schema";

/**
 * How the columns of an imported CSV become ContactInput (lib/contacts/schema.ts, the one
 * schema of contacts): each column maps to a contact field, a custom field
 * (`customField.<key>`) or nothing. Pure and client-safe: the import page auto-maps and
 * previews with it, the import job converts every row with it.
 *
 * A blank cell counts as "not given": importing a file with an empty column never clears
 * what contacts already have.
 */

/** The contact fields a column can fill, in the order the mapping menu lists them. */
export const IMPORT_CONTACT_FIELDS = [
  "email",
  ...CONTACT_TEXT_FIELDS,
  "lifecycleStage",
  "subscriptionStatus",
  "leadScore",
  "createdAt",
  "tags",
] as const;
export type ImportContactField = (typeof IMPORT_CONTACT_FIELDS)[number];

export const CUSTOM_FIELD_TARGET_PREFIX = "customField.";

/** A column's target: a contact field, `customField.<key>`, or null (not imported). */
export type ImportTarget = string | null;

export type ImportTargetOption = { value: string; label: string; group: "Contact" | "Custom fields" };

export type CustomFieldForImport = { key: string; label: string };

export function importTargetOptions(customFields: readonly CustomFieldForImport[]): ImportTargetOption[] {
  return [
    ...IMPORT_CONTACT_FIELDS.map((field) => ({
      value: field,
      label: CONTACT_FIELDS.get(field)?.label ?? field,
      group: "Contact" as const,
    })),
    ...customFields.map((field) => ({
      value: `${CUSTOM_FIELD_TARGET_PREFIX}${field.key}`,
      label: field.label,
      group: "Custom fields" as const,
    })),
  ];
}

/** Other names headers commonly use for a contact field (compared without case, blanks or punctuation). */
const ALIASES: Partial<Record<ImportContactField, readonly string[]>> = {
  email: ["emailaddress", "mail", "e-mail"],
  firstName: ["first", "givenname", "forename"],
  lastName: ["last", "surname", "familyname"],
  phone: ["phonenumber", "mobile", "telephone", "tel"],
  companyName: ["company", "organization", "organisation", "account"],
  jobTitle: ["title", "position", "role"],
  timezone: ["tz"],
  lifecycleStage: ["stage", "lifecycle"],
  subscriptionStatus: ["status", "subscription"],
  leadScore: ["score"],
  createdAt: ["dateadded", "created", "signupdate"],
  tags: ["tag", "labels"],
};

const fold = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * A target for each header: the contact field or custom field whose key, label or alias
 * the header spells (case, blanks and punctuation ignored), each target at most once (the
 * first column wins); null for the rest.
 */
export function autoMapHeaders(
  headers: readonly string[],
  customFields: readonly CustomFieldForImport[],
): ImportTarget[] {
  const byName = new Map<string, string>();
  const add = (name: string, target: string) => {
    const key = fold(name);
    if (key && !byName.has(key)) byName.set(key, target);
  };
  for (const field of IMPORT_CONTACT_FIELDS) {
    add(field, field);
    add(CONTACT_FIELDS.get(field)?.label ?? field, field);
  }
  for (const field of customFields) {
    const target = `${CUSTOM_FIELD_TARGET_PREFIX}${field.key}`;
    add(target, target);
    add(field.key, target);
    add(field.label, target);
  }
  for (const [field, aliases] of Object.entries(ALIASES)) for (const alias of aliases) add(alias, field);

  const used = new Set<string>();
  return headers.map((header) => {
    const target = byName.get(fold(header));
    if (!target || used.has(target)) return null;
    used.add(target);
    return target;
  });
}

/** A mapping as submitted: one target per column, each used once, email required. */
export function importMappingSchema(columnCount: number, customFields: readonly CustomFieldForImport[]) {
  const valid = new Set(importTargetOptions(customFields).map((option) => option.value));
  return z
    .array(z.string().nullable(), { error: "Expected one target per column" })
    .length(columnCount, `Expected ${columnCount} columns`)
    .superRefine((targets, ctx) => {
      const seen = new Map<string, number>();
      targets.forEach((target, index) => {
        if (target === null) return;
        if (!valid.has(target)) {
          ctx.addIssue({ code: "custom", path: [index], message: `Unknown field "${target}"` });
        } else if (seen.has(target)) {
          ctx.addIssue({
            code: "custom",
            path: [index],
            message: `Column ${(seen.get(target) as number) + 1} already goes into this field`,
          });
        }
        seen.set(target, index);
      });
      if (!seen.has("email")) ctx.addIssue({ code: "custom", path: [], message: "Choose the column with the email" });
    });
}

export type RowShapeProblem = string | null;

/**
 * A structural problem of a data row: more values than the header has columns (extra
 * empty values, as spreadsheets write them, are fine). Fewer values read as blanks.
 */
export function rowShapeProblem(cells: readonly string[], columnCount: number): RowShapeProblem {
  if (cells.length <= columnCount) return null;
  if (cells.slice(columnCount).every((cell) => cell.trim() === "")) return null;
  return `The row has ${cells.length} values but the header has ${columnCount} columns (is a value with a comma or semicolon not in quotes?)`;
}

/** One CSV row as ContactInput, under the mapping; blank cells are left out. */
export function rowToContactInput(cells: readonly string[], mapping: readonly ImportTarget[]): ContactInput {
  const input: Record<string, unknown> = {};
  let customFields: Record<string, string> | undefined;
  mapping.forEach((target, index) => {
    const cell = cells[index];
    if (target === null || cell === undefined || cell.trim() === "") return;
    if (target.startsWith(CUSTOM_FIELD_TARGET_PREFIX)) {
      customFields ??= {};
      customFields[target.slice(CUSTOM_FIELD_TARGET_PREFIX.length)] = cell;
    } else {
      input[target] = cell;
    }
  });
  if (customFields) input.customFields = customFields;
  return input as ContactInput;
}
