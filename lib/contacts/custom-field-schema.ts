import { z } from "zod";
import type { CustomFieldType } from "@/lib/generated/prisma/enums";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";

/** A new custom field definition: `{ key, label, type, options? }` (API and Settings). */
export const CUSTOM_FIELD_TYPES = [
  "TEXT",
  "NUMBER",
  "DATE",
  "BOOLEAN",
  "SELECT",
  "MULTI_SELECT",
] as const satisfies readonly CustomFieldType[];

/** How rules and the API name the field: lower-case letters, digits, underscores; a letter first. */
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const CUSTOM_FIELD_LABEL_MAX = 100;
export const CUSTOM_FIELD_OPTION_MAX = 100;
export const CUSTOM_FIELD_OPTIONS_MAX = 200;

const TYPES_WITH_OPTIONS: readonly CustomFieldType[] = ["SELECT", "MULTI_SELECT"];

export const CustomFieldDefinitionInputSchema = z
  .strictObject({
    key: z
      .string({ error: "Enter a key" })
      .superRefine(rejectUnstorableText)
      .trim()
      .regex(
        CUSTOM_FIELD_KEY_PATTERN,
        "A key starts with a lower-case letter, then lower-case letters, digits or underscores (at most 64)",
      ),
    label: z
      .string({ error: "Enter a label" })
      .superRefine(rejectUnstorableText)
      .trim()
      .min(1, "Enter a label")
      .max(CUSTOM_FIELD_LABEL_MAX, `At most ${CUSTOM_FIELD_LABEL_MAX} characters`),
    type: z.string({ error: `Expected one of ${CUSTOM_FIELD_TYPES.join(", ")}` }).transform((value, ctx) => {
      const upper = value.trim().toUpperCase();
      if ((CUSTOM_FIELD_TYPES as readonly string[]).includes(upper)) return upper as CustomFieldType;
      ctx.addIssue({ code: "custom", message: `Expected one of ${CUSTOM_FIELD_TYPES.join(", ")}` });
      return z.NEVER;
    }),
    options: z
      .array(
        z
          .string({ error: "Each option must be text" })
          .superRefine(rejectUnstorableText)
          .trim()
          .min(1, "An option cannot be empty")
          .max(CUSTOM_FIELD_OPTION_MAX, `At most ${CUSTOM_FIELD_OPTION_MAX} characters`),
        { error: "Expected a list of options" },
      )
      .max(CUSTOM_FIELD_OPTIONS_MAX, `At most ${CUSTOM_FIELD_OPTIONS_MAX} options`)
      .nullish()
      .transform((options) => options ?? []),
  })
  .superRefine((field, ctx) => {
    const needsOptions = TYPES_WITH_OPTIONS.includes(field.type);
    if (needsOptions && field.options.length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `A ${field.type} field needs at least one option` });
    }
    if (!needsOptions && field.options.length > 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `Only SELECT and MULTI_SELECT fields have options` });
    }
    // Options are matched ignoring case, so two that differ only in case would be ambiguous.
    const seen = new Set<string>();
    field.options.forEach((option, index) => {
      const folded = option.toLowerCase();
      if (seen.has(folded)) {
        ctx.addIssue({ code: "custom", path: ["options", index], message: `"${option}" is listed twice` });
      }
      seen.add(folded);
    });
  });

export type CustomFieldDefinitionInput = z.input<typeof CustomFieldDefinitionInputSchema>;
export type NormalizedCustomFieldDefinition = z.output<typeof CustomFieldDefinitionInputSchema>;
