import { z } from "zod";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";

/**
 * A segment's own fields (not its rules: the engine's schema owns those). Client-safe, so
 * the builder's form and the data layer give the same messages.
 */

export const SEGMENT_NAME_MAX = 100;
export const SEGMENT_DESCRIPTION_MAX = 1000;

export const SEGMENT_NAME_TAKEN = "A segment with this name already exists";

export const segmentNameSchema = z
  .string({ error: "enter a name" })
  .superRefine(rejectUnstorableText)
  .trim()
  .min(1, "enter a name")
  .max(SEGMENT_NAME_MAX, `at most ${SEGMENT_NAME_MAX} characters`);

/** Blank descriptions are stored as null. */
export const segmentDescriptionSchema = z
  .string({ error: "expected text" })
  .superRefine(rejectUnstorableText)
  .trim()
  .max(SEGMENT_DESCRIPTION_MAX, `at most ${SEGMENT_DESCRIPTION_MAX.toLocaleString("en-US")} characters`)
  .nullable()
  .transform((value) => (value ? value : null));

/** "DYNAMIC" / "STATIC"; the API's lower-case spelling is accepted too. */
export const segmentTypeSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.toUpperCase() : value),
  z.enum(["DYNAMIC", "STATIC"], { error: 'expected "dynamic" or "static"' }),
);

export const createSegmentInputSchema = z.object({
  name: segmentNameSchema,
  description: segmentDescriptionSchema.optional().transform((value) => value ?? null),
  type: segmentTypeSchema,
  /** The rule definition (dynamic only), validated by the engine against the company's catalog. */
  rules: z.unknown().optional(),
});

/** A partial update: absent keys stay as they are; a null description clears it. */
export const updateSegmentPatchSchema = z.strictObject(
  {
    name: segmentNameSchema.optional(),
    description: segmentDescriptionSchema.optional(),
    rules: z.unknown().optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field: ${issue.keys.join(", ")}` : undefined) },
);

export type CreateSegmentInput = z.input<typeof createSegmentInputSchema>;
export type UpdateSegmentPatch = z.input<typeof updateSegmentPatchSchema>;
