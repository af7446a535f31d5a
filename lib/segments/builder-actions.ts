import "server-only";
import { z } from "zod";
import { requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import { type Actor, authorize, isPlatformAdmin, type Permission } from "@/lib/auth/authz";
import {
  contactIdsMatchingSearch,
  type EmailMatch,
  findContactsByEmails,
  MAX_PICKED_CONTACTS,
} from "@/lib/data/contacts/contact-picker";
import { listContacts } from "@/lib/data/contacts/contacts";
import { getCompany } from "@/lib/data/platform/companies";
import { type ContactSummary, sampleMatching } from "@/lib/data/segments/segment-preview";
import { getSegment, getSegmentUsage } from "@/lib/data/segments/segment-reads";
import { suggestFieldValues, type ValueSuggestion } from "@/lib/data/segments/segment-value-suggestions";
import { updateSegment } from "@/lib/data/segments/segment-writes";
import { ConflictError, isUuid, NotFoundError, ValidationError } from "@/lib/errors";
import { rejectUnstorableText, stripUnstorableText } from "@/lib/segments/engine/storable-text";
import { type ActionError, type ActionResult, toActionError } from "./action-result";
import { createSegmentWithMembers } from "./create-segment";
import { sameJson } from "./json";
import { createSegmentInputSchema } from "./schema";
import { segmentCompanyFor } from "./segment-actions";

/**
 * The work behind the segment builder's server actions (/segments/new, /segments/[id]/edit),
 * with the actor passed in so integration tests call it directly; the routes' actions.ts
 * only find the actor. Members act in their own company; platform admins in any company
 * (the builder passes the company it was opened for). Another company's ids are not found.
 */

export const COMPANY_NOT_FOUND = "This company does not exist.";

/**
 * The company the builder works in: the one asked for (`requested`, e.g. ?company= of an
 * admin), else the actor's scope. A member asking for another company gets NotFoundError.
 */
export async function builderCompanyFor(
  actor: Actor,
  scopeCompanyId: string,
  requested: string | undefined,
  permission: Permission,
): Promise<string> {
  let companyId = scopeCompanyId;
  if (requested && requested.toLowerCase() !== scopeCompanyId.toLowerCase()) {
    if (!isPlatformAdmin(actor) || !isUuid(requested) || !(await getCompany(requested))) {
      throw new NotFoundError(COMPANY_NOT_FOUND);
    }
    companyId = requested.toLowerCase();
  }
  authorize(actor, permission, companyId);
  return companyId;
}

function companyError(error: unknown): ActionError {
  if (error instanceof NotFoundError && error.message === COMPANY_NOT_FOUND) {
    return { ok: false, error: COMPANY_NOT_FOUND, code: "not_found" };
  }
  return toActionError(error);
}

const companyIdSchema = z.string().max(100).superRefine(rejectUnstorableText).optional();

// ---------------------------------------------------------------------------------------
// Save

const staticMembersSchema = z.object({
  contactIds: z.array(z.string().max(100)).max(MAX_PICKED_CONTACTS).superRefine(rejectUnstorableText).default([]),
  emails: z.array(z.string().max(320)).max(MAX_PICKED_CONTACTS).superRefine(rejectUnstorableText).default([]),
  /** "Select all matching": every contact the list's search finds (trimmed; "" = every contact). */
  matchingSearch: z.string().max(200).transform(stripUnstorableText).optional(),
});

/** The segment's own fields as the API takes them (./schema.ts), plus the builder's company and picked members. */
export const builderCreateInputSchema = createSegmentInputSchema.extend({
  companyId: companyIdSchema,
  members: staticMembersSchema.optional(),
});
export type BuilderCreateInput = z.input<typeof builderCreateInputSchema>;

export type SavedSegment = {
  id: string;
  companyId: string;
  /** Static: contacts added; unknown emails of the CSV. */
  added?: number;
  unknownEmails?: string[];
  /** Dynamic: whether membership was recalculated now or queued for the background job. */
  recalculation?: "queued" | "inline";
};

/** Creates the segment (rules validated by the engine), adds a static one's contacts, recalculates a dynamic one. */
export async function createSegmentAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<SavedSegment>> {
  const parsed = builderCreateInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { companyId: requested, members, ...segment } = parsed.data;
  try {
    const companyId = await builderCompanyFor(actor, scopeCompanyId, requested, "segments:write");
    const isStatic = segment.type === "STATIC";
    if (!isStatic && members && (members.contactIds.length || members.emails.length || members.matchingSearch)) {
      throw new ValidationError("Invalid segment", [
        { path: ["members"], message: "a dynamic segment's members follow its rules" },
      ]);
    }
    let contactIds = members?.contactIds ?? [];
    if (isStatic && members?.matchingSearch !== undefined) {
      const matching = await contactIdsMatchingSearch(companyId, members.matchingSearch);
      if (matching.length > MAX_PICKED_CONTACTS) {
        throw new ValidationError("Too many contacts", [
          {
            path: ["members", "matchingSearch"],
            message: `the search finds more than ${MAX_PICKED_CONTACTS.toLocaleString("en-US")} contacts: narrow it, or import them from a CSV`,
          },
        ]);
      }
      contactIds = [...new Set([...contactIds, ...matching])];
    }

    const created = await createSegmentWithMembers(
      companyId,
      // The builder keeps the rules it showed before "static" was picked: a static segment has none.
      { ...segment, rules: isStatic ? undefined : segment.rules, contactIds, emails: members?.emails ?? [] },
      { userId: actor.userId, via: "builder" },
    );
    if (created.segment.type === "STATIC") {
      const { added, unknownEmails } = created.members ?? { added: 0, unknownEmails: [] };
      return { ok: true, data: { id: created.segment.id, companyId, added, unknownEmails } };
    }
    return { ok: true, data: { id: created.segment.id, companyId, recalculation: created.recalculation } };
  } catch (error) {
    return companyError(error);
  }
}

export const builderUpdateInputSchema = z.object({
  id: z.string().max(100),
  name: z.unknown().optional(),
  description: z.unknown().optional(),
  rules: z.unknown().optional(),
});
export type BuilderUpdateInput = z.input<typeof builderUpdateInputSchema>;

export type UpdatedSegment = { id: string; companyId: string; rulesChanged: boolean };

/**
 * Saves name, description and (dynamic) rules. Only a real change of the rules requests a
 * recalculation: renaming never touches membership. Rules of a segment that a scheduled or
 * sending campaign targets are refused (its audience must not move under it).
 */
export async function updateSegmentAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<UpdatedSegment>> {
  const parsed = builderUpdateInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "This segment does not exist (any more).", code: "not_found" };
  const { id, name, description, rules } = parsed.data;
  try {
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, id, "segments:write");
    const existing = await getSegment(companyId, id);
    if (!existing) throw new NotFoundError("Segment not found");
    if (rules !== undefined && existing.type === "DYNAMIC" && !sameJson(rules, existing.rules)) {
      const blocking = (await getSegmentUsage(companyId, id))?.blockingCampaigns ?? [];
      if (blocking.length > 0) {
        const message = rulesLockedMessage(blocking.map((c) => c.name));
        throw new ConflictError(message, [{ path: ["rules"], message }]);
      }
    }
    const patch = {
      ...(name !== undefined ? { name: name as string } : {}),
      ...(description !== undefined ? { description: description as string | null } : {}),
      ...(rules !== undefined && existing.type === "DYNAMIC" ? { rules } : {}),
    };
    const updated = await updateSegment(companyId, id, patch);
    const rulesChanged = updated.definitionVersion !== existing.definitionVersion;
    if (rulesChanged) await requestRecalculation(companyId, id, "SAVE", actor.userId);
    return { ok: true, data: { id, companyId, rulesChanged } };
  } catch (error) {
    return toActionError(error);
  }
}

/** Why the rules cannot change now (the edit page shows it before the user tries). */
export function rulesLockedMessage(campaignNames: string[]): string {
  const names = campaignNames.map((name) => `“${name}”`).join(", ");
  const noun = campaignNames.length === 1 ? "campaign" : "campaigns";
  return `The rules cannot change while the scheduled or sending ${noun} ${names} targets this segment: its audience would change under it. Name and description can still be edited.`;
}

// ---------------------------------------------------------------------------------------
// Live preview

export const previewInputSchema = z.object({
  companyId: companyIdSchema,
  /** The segment being edited: its company, and cycles through it are reported. */
  segmentId: z.string().max(100).optional(),
  rules: z.unknown(),
});

export type PreviewOutcome = {
  count: number;
  sample: ContactSummary[];
  /** ISO time at which the data was read. */
  computedAt: string;
  durationMs: number;
};

/** The exact count and 10 contacts the rules select now; invalid rules come back as issues at their paths. */
export async function previewSegmentAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<PreviewOutcome>> {
  const parsed = previewInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { companyId: requested, segmentId, rules } = parsed.data;
  try {
    const companyId = segmentId
      ? await segmentCompanyFor(actor, scopeCompanyId, segmentId, "segments:read")
      : await builderCompanyFor(actor, scopeCompanyId, requested, "segments:read");
    const preview = await sampleMatching(companyId, rules, 10, segmentId ? { segmentId } : {});
    return {
      ok: true,
      data: {
        count: preview.count,
        sample: preview.sample,
        computedAt: preview.computedAt.toISOString(),
        durationMs: preview.durationMs,
      },
    };
  } catch (error) {
    return companyError(error);
  }
}

// ---------------------------------------------------------------------------------------
// Pickers

const suggestInputSchema = z.object({
  companyId: companyIdSchema,
  field: z.string().max(200).superRefine(rejectUnstorableText),
  q: z.string().max(200).transform(stripUnstorableText),
});

/** The company's common values of a field (countries, tags, custom field values) for a value input. */
export async function suggestValuesAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<ValueSuggestion[]>> {
  const parsed = suggestInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const companyId = await builderCompanyFor(actor, scopeCompanyId, parsed.data.companyId, "segments:read");
    return { ok: true, data: await suggestFieldValues(companyId, parsed.data.field, parsed.data.q) };
  } catch (error) {
    return companyError(error);
  }
}

export const PICKER_PAGE_SIZE = 25;

const searchInputSchema = z.object({
  companyId: companyIdSchema,
  q: z.string().max(200).transform(stripUnstorableText).default(""),
  page: z.number().int().min(1).max(10_000).default(1),
});

export type PickerContact = { id: string; email: string; name: string | null; companyName: string | null };
export type PickerPage = {
  rows: PickerContact[];
  page: number;
  hasNextPage: boolean;
  total: { value: number; exact: boolean };
};

/** A page of the company's contacts for the picker, found by the contacts list's search. */
export async function searchContactsAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<PickerPage>> {
  const parsed = searchInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const companyId = await builderCompanyFor(actor, scopeCompanyId, parsed.data.companyId, "contacts:read");
    const list = await listContacts(companyId, {
      q: parsed.data.q,
      page: parsed.data.page,
      pageSize: PICKER_PAGE_SIZE,
      sort: "email",
      order: "asc",
    });
    return {
      ok: true,
      data: {
        rows: list.rows.map((row) => ({
          id: row.id,
          email: row.email,
          name: [row.firstName, row.lastName].filter(Boolean).join(" ") || null,
          companyName: row.companyName,
        })),
        page: list.page,
        hasNextPage: list.hasNextPage,
        total: list.total,
      },
    };
  } catch (error) {
    return companyError(error);
  }
}

const emailsInputSchema = z.object({
  companyId: companyIdSchema,
  emails: z.array(z.string().max(320)).max(MAX_PICKED_CONTACTS).superRefine(rejectUnstorableText),
});

/** Which emails of an uploaded CSV are contacts of the company. */
export async function checkEmailsAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<EmailMatch>> {
  const parsed = emailsInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const companyId = await builderCompanyFor(actor, scopeCompanyId, parsed.data.companyId, "contacts:read");
    return { ok: true, data: await findContactsByEmails(companyId, parsed.data.emails) };
  } catch (error) {
    return companyError(error);
  }
}

function invalid(error: z.ZodError): ActionError {
  return {
    ok: false,
    error: "Invalid request.",
    code: "validation_error",
    issues: error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === "number" ? key : String(key))),
      message: issue.message,
    })),
  };
}
