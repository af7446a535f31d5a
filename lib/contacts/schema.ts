import { z } from "zod";
import type { CustomFieldType, LifecycleStage, SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { isIsoDate } from "@/lib/segments/engine/dates";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";

/**
 * ContactInput of ../../shared/api.md: one zod schema for the API, the CSV import and the
 * contact form, normalizing as it validates. Semantics of each optional field:
 *   - absent: leave the stored value as it is (on update) or the default (on create);
 *   - null or an empty / blank string: clear it;
 *   - a value: set it (strings trimmed).
 * subscriptionStatus and createdAt cannot be cleared: null or "" count as absent.
 *
 * Custom field values are checked in two steps: ContactInputSchema checks their JSON
 * shape only; contactInputSchemaFor(definitions) also checks each against the company's
 * CustomFieldDefinitions and stores it in canonical form (normalizeCustomFieldValue).
 */

export const LIFECYCLE_STAGES = [
  "SUBSCRIBER",
  "LEAD",
  "MQL",
  "SQL",
  "CUSTOMER",
  "CHURNED",
] as const satisfies readonly LifecycleStage[];
export const SUBSCRIPTION_STATUSES = [
  "ACTIVE",
  "UNSUBSCRIBED",
  "BOUNCED",
] as const satisfies readonly SubscriptionStatus[];

export const EMAIL_MAX = 320;
export const TEXT_MAX = 255;
export const TAG_MAX = 100;
export const TAGS_PER_CONTACT_MAX = 100;
export const CUSTOM_TEXT_MAX = 2000;
/** Timestamps may run ahead of our clock by this much (clock skew), no further. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** The plain text columns of a contact, settable through ContactInput. */
export const CONTACT_TEXT_FIELDS = [
  "firstName",
  "lastName",
  "phone",
  "companyName",
  "jobTitle",
  "source",
  "country",
  "state",
  "city",
  "timezone",
] as const;
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number];

export const emailSchema = z
  .string({ error: "Enter an email address" })
  .superRefine(rejectUnstorableText)
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(EMAIL_MAX, `An email address has at most ${EMAIL_MAX} characters`)
  .pipe(z.email("Enter a valid email address, like name@example.com"));

/** Blank means "clear": "" and whitespace become null. */
const blankToNull = (value: string | null): string | null => {
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
};

function clearableText(max = TEXT_MAX) {
  return z
    .union([z.string(), z.null()], { error: "Expected text" })
    .transform(blankToNull)
    .superRefine(rejectUnstorableText)
    .refine((value) => value === null || value.length <= max, `At most ${max} characters`)
    .optional();
}

/** An enum value in any letter case; blank or null clears. */
function clearableEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const expected = `Expected one of ${values.join(", ")}`;
  return z
    .union([z.string(), z.null()], { error: expected })
    .transform(blankToNull)
    .transform((value, ctx) => {
      if (value === null) return null;
      const upper = value.toUpperCase();
      if ((values as readonly string[]).includes(upper)) return upper as T[number];
      ctx.addIssue({ code: "custom", message: expected });
      return z.NEVER;
    })
    .optional();
}

/** A number given as a JSON number or as numeric text (CSV cells, form inputs). */
function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

const leadScoreSchema = z
  .union([z.number(), z.string(), z.null()], { error: "Expected a whole number from 0 to 100" })
  .transform((value, ctx) => {
    if (value === null || (typeof value === "string" && value.trim() === "")) return null;
    const n = toNumber(value);
    if (n === undefined || !Number.isInteger(n) || n < 0 || n > 100) {
      ctx.addIssue({ code: "custom", message: "Expected a whole number from 0 to 100" });
      return z.NEVER;
    }
    return n;
  })
  .optional();

const INSTANT_MESSAGE = "Expected an ISO 8601 date-time with a time zone, like 2024-05-01T09:30:00Z";

/**
 * An instant written in ISO 8601 with a time zone (Z or ±hh:mm), or a date (midnight
 * UTC), at most a day ahead of our clock; undefined when it is not one.
 */
export function parseInstant(value: string): { date: Date } | { message: string } {
  const text = value.trim();
  let date: Date | undefined;
  if (z.iso.datetime({ offset: true }).safeParse(text).success) date = new Date(text);
  else if (isIsoDate(text)) date = new Date(`${text}T00:00:00Z`);
  if (!date || Number.isNaN(date.getTime())) return { message: INSTANT_MESSAGE };
  if (date.getTime() > Date.now() + FUTURE_TOLERANCE_MS)
    return { message: "Must not be more than a day in the future" };
  return { date };
}

/** A required instant (see parseInstant). */
export const instantSchema = z.string({ error: INSTANT_MESSAGE }).transform((value, ctx) => {
  const parsed = parseInstant(value);
  if ("date" in parsed) return parsed.date;
  ctx.addIssue({ code: "custom", message: parsed.message });
  return z.NEVER;
});

/** Trimmed, lower-cased, without blanks or duplicates; a comma- or semicolon-separated string works too. */
export const tagsSchema = z
  .union([z.array(z.string({ error: "Each tag must be text" })), z.string(), z.null()], {
    error: "Expected a list of tags",
  })
  .superRefine(rejectUnstorableText)
  .transform((value, ctx) => {
    const raw = value === null ? [] : typeof value === "string" ? value.split(/[,;]/) : value;
    const tags = [...new Set(raw.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
    const tooLong = tags.find((tag) => tag.length > TAG_MAX);
    if (tooLong !== undefined) {
      ctx.addIssue({ code: "custom", message: `A tag has at most ${TAG_MAX} characters: "${tooLong.slice(0, 20)}…"` });
      return z.NEVER;
    }
    if (tags.length > TAGS_PER_CONTACT_MAX) {
      ctx.addIssue({ code: "custom", message: `At most ${TAGS_PER_CONTACT_MAX} tags per contact` });
      return z.NEVER;
    }
    return tags;
  });

export type CustomFieldValue = string | number | boolean | string[];
export type CustomFieldInputValue = CustomFieldValue | null;

const customFieldsShape = z
  .record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()], {
      error: "Expected text, a number, true/false, a list of text, or null",
    }),
    { error: "Expected an object of custom field values" },
  )
  .superRefine(rejectUnstorableText);

const contactShape = {
  email: emailSchema,
  ...(Object.fromEntries(CONTACT_TEXT_FIELDS.map((field) => [field, clearableText()])) as Record<
    ContactTextField,
    ReturnType<typeof clearableText>
  >),
  lifecycleStage: clearableEnum(LIFECYCLE_STAGES),
  // Cannot be cleared: null or blank count as absent.
  subscriptionStatus: clearableEnum(SUBSCRIPTION_STATUSES).transform((value) => value ?? undefined),
  leadScore: leadScoreSchema,
  // For imports of existing data; cannot be cleared: null or blank count as absent.
  createdAt: z
    .union([z.string(), z.null()], { error: INSTANT_MESSAGE })
    .transform((value, ctx) => {
      if (value === null || value.trim() === "") return undefined;
      const parsed = parseInstant(value);
      if ("date" in parsed) return parsed.date;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    })
    .optional(),
  tags: tagsSchema.optional(),
  customFields: customFieldsShape.optional(),
};

/** ContactInput with every field normalized; custom field values checked for JSON shape only. */
export const ContactInputSchema = z.strictObject(contactShape, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} (custom fields go inside "customFields")`
      : undefined,
});

export type ContactInput = z.input<typeof ContactInputSchema>;

/** A contact ready to store: `undefined` = leave as is, `null` = clear (see the top of this file). */
export type NormalizedContact = Omit<z.output<typeof ContactInputSchema>, "customFields"> & {
  /** Values in canonical form; null removes the field from the contact. */
  customFields?: Record<string, CustomFieldInputValue>;
};

/** What a custom field value is checked against. */
export type CustomFieldDefinitionLike = { key: string; type: CustomFieldType; options: readonly string[] };

/** ContactInput checked against the company's custom field definitions. */
export function contactInputSchemaFor(definitions: readonly CustomFieldDefinitionLike[]) {
  const byKey = definitionLookup(definitions);
  return ContactInputSchema.transform((contact, ctx): NormalizedContact => {
    if (!contact.customFields) return contact as NormalizedContact;
    const customFields: Record<string, CustomFieldInputValue> = {};
    for (const [key, value] of Object.entries(contact.customFields)) {
      const definition = byKey(key);
      if (!definition) {
        ctx.addIssue({
          code: "custom",
          path: ["customFields", key],
          message: `Unknown custom field "${key}": define it first (Settings or POST /api/v1/custom-fields)`,
        });
        continue;
      }
      const result = normalizeCustomFieldValue(definition, value);
      if (result.ok) customFields[definition.key] = result.value;
      else ctx.addIssue({ code: "custom", path: ["customFields", key], message: result.message });
    }
    return { ...contact, customFields };
  });
}

/** Finds a definition by its key, or by the key in another letter case. */
function definitionLookup(definitions: readonly CustomFieldDefinitionLike[]) {
  const exact = new Map(definitions.map((d) => [d.key, d]));
  const folded = new Map(definitions.map((d) => [d.key.toLowerCase(), d]));
  return (key: string) => exact.get(key) ?? folded.get(key.toLowerCase());
}

export type NormalizedValue = { ok: true; value: CustomFieldInputValue } | { ok: false; message: string };

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/**
 * One custom field value in the form stored in Contact.customFields (what the segment
 * engine reads): TEXT a trimmed string, NUMBER a number, DATE "YYYY-MM-DD", BOOLEAN a
 * boolean, SELECT the option as defined, MULTI_SELECT a list of options. Text forms
 * (CSV cells, form inputs) of numbers, booleans and lists are accepted. null, blank text
 * or an empty list → null: remove the value.
 */
export function normalizeCustomFieldValue(definition: CustomFieldDefinitionLike, value: unknown): NormalizedValue {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === "string" && value.trim() === "") return { ok: true, value: null };
  const fail = (message: string): NormalizedValue => ({ ok: false, message });
  switch (definition.type) {
    case "TEXT": {
      if (typeof value === "number" || typeof value === "boolean") return { ok: true, value: String(value) };
      if (typeof value !== "string") return fail("Expected text");
      const text = value.trim();
      return text.length > CUSTOM_TEXT_MAX ? fail(`At most ${CUSTOM_TEXT_MAX} characters`) : { ok: true, value: text };
    }
    case "NUMBER": {
      const n = typeof value === "boolean" ? undefined : toNumber(value);
      return n === undefined ? fail("Expected a number") : { ok: true, value: n };
    }
    case "DATE": {
      if (typeof value !== "string") return fail("Expected a date as YYYY-MM-DD");
      const text = value.trim();
      // A full ISO date-time keeps its date part as written.
      const day =
        /^\d{4}-\d{2}-\d{2}T/.test(text) && z.iso.datetime({ offset: true, local: true }).safeParse(text).success
          ? text.slice(0, 10)
          : text;
      return isIsoDate(day) ? { ok: true, value: day } : fail("Expected a real date as YYYY-MM-DD");
    }
    case "BOOLEAN": {
      if (typeof value === "boolean") return { ok: true, value };
      const word =
        typeof value === "string" ? value.trim().toLowerCase() : typeof value === "number" ? String(value) : "";
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return fail("Expected true or false");
    }
    case "SELECT": {
      if (typeof value !== "string") return fail(`Expected one of: ${definition.options.join(", ")}`);
      const option = matchOption(definition.options, value);
      return option === undefined
        ? fail(`"${value.trim()}" is not an option; expected one of: ${definition.options.join(", ")}`)
        : { ok: true, value: option };
    }
    case "MULTI_SELECT": {
      let items: string[];
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) items = value;
      else if (typeof value === "string") {
        // A whole-string option wins over splitting (options may contain commas).
        items = matchOption(definition.options, value) !== undefined ? [value] : value.split(/[,;]/);
      } else return fail(`Expected a list of: ${definition.options.join(", ")}`);
      const chosen: string[] = [];
      for (const item of items) {
        if (item.trim() === "") continue;
        const option = matchOption(definition.options, item);
        if (option === undefined) {
          return fail(`"${item.trim()}" is not an option; expected any of: ${definition.options.join(", ")}`);
        }
        if (!chosen.includes(option)) chosen.push(option);
      }
      return { ok: true, value: chosen.length ? chosen : null };
    }
  }
  return fail("Unsupported custom field type");
}

/** The option as defined, matched ignoring letter case and surrounding blanks. */
function matchOption(options: readonly string[], value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  return options.find((option) => option.trim().toLowerCase() === wanted);
}
