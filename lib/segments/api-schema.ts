import { z } from "zod";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";
import { createSegmentInputSchema, updateSegmentPatchSchema } from "./schema";

/**
 * Bodies of the /api/v1/segments endpoints. The segment's own fields reuse the UI's
 * schemas (./schema.ts); rules stay `unknown` here because the engine validates them
 * against the company's catalog (custom fields, segments) in the data layer.
 */

/** One request adds or removes at most this many members (a bigger list goes in several calls or a CSV import). */
export const MAX_MEMBERS_PER_REQUEST = 10_000;

const contactIdsSchema = z
  .array(z.string({ error: "expected a contact id" }).superRefine(rejectUnstorableText), {
    error: "expected a list of contact ids",
  })
  .max(MAX_MEMBERS_PER_REQUEST, `at most ${MAX_MEMBERS_PER_REQUEST.toLocaleString("en-US")} per request`);

const emailsSchema = z
  .array(z.string({ error: "expected an email address" }).superRefine(rejectUnstorableText).trim(), {
    error: "expected a list of email addresses",
  })
  .max(MAX_MEMBERS_PER_REQUEST, `at most ${MAX_MEMBERS_PER_REQUEST.toLocaleString("en-US")} per request`);

/** `{ name, description?, type: "dynamic", rules }` or `{ name, description?, type: "static", contactIds?, emails? }`. */
export const apiCreateSegmentSchema = createSegmentInputSchema
  .extend({ contactIds: contactIdsSchema.optional(), emails: emailsSchema.optional() })
  .superRefine((input, ctx) => {
    if (input.type !== "DYNAMIC") return;
    for (const key of ["contactIds", "emails"] as const) {
      if (input[key]?.length) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "a dynamic segment's members follow its rules: only a static segment takes contacts",
        });
      }
    }
  });

export const apiUpdateSegmentSchema = updateSegmentPatchSchema;

export const apiPreviewSchema = z.object({ rules: z.unknown() }).refine((body) => body.rules !== undefined, {
  path: ["rules"],
  message: "send the rules to preview",
});

export const apiAddMembersSchema = z
  .object({ contactIds: contactIdsSchema.optional(), emails: emailsSchema.optional() })
  .refine((body) => (body.contactIds?.length ?? 0) + (body.emails?.length ?? 0) > 0, {
    path: ["contactIds"],
    message: "send contactIds and/or emails",
  });

export const apiRemoveMembersSchema = z.object({
  contactIds: contactIdsSchema.min(1, "send at least one contact id"),
});

export const apiDeleteSegmentQuerySchema = z.object({
  force: z.enum(["true", "false"], { error: 'expected "true" or "false"' }).optional(),
});

export const API_SEGMENT_SORTS = ["name", "createdAt"] as const;
export type ApiSegmentSort = (typeof API_SEGMENT_SORTS)[number];
