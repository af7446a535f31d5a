import "server-only";
import { empty, sql } from "@prisma/client-runtime-utils";
import { getDb } from "@/lib/db";
import { ConflictError, InUseError, isUuid, NotFoundError, toFieldIssue, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { segmentDependencies } from "@/lib/segments/engine";
import { sameJson } from "@/lib/segments/json";
import {
  type CreateSegmentInput,
  createSegmentInputSchema,
  SEGMENT_NAME_TAKEN,
  type UpdateSegmentPatch,
  updateSegmentPatchSchema,
} from "@/lib/segments/schema";
import { type Db, loadSegmentCatalog, validDefinitionOrThrow } from "./segment-catalog";
import { getSegment, type SegmentCampaignUse, type SegmentDetail, usageOf } from "./segment-reads";

// Creating, editing and deleting segments (reads: ./segment-reads.ts).

/**
 * A new segment. A dynamic one needs rules, validated by the engine against the company's
 * catalog (custom fields, segments); it starts flagged for its first recalculation. A
 * static one has no rules: its members are added explicitly.
 */
export async function createSegment(
  companyId: string,
  actorUserId: string | null,
  input: CreateSegmentInput,
): Promise<SegmentDetail> {
  const { name, description, type, rules } = parseOrThrow(createSegmentInputSchema, input, "Invalid segment");
  if (!isUuid(companyId)) throw new NotFoundError("Company not found");
  const db = await getDb();
  if (!(await db.company.findUnique({ where: { id: companyId }, select: { id: true } }))) {
    throw new NotFoundError("Company not found");
  }

  let definition: Prisma.InputJsonValue | undefined;
  if (type === "DYNAMIC") {
    definition = await validRules(db, companyId, rules, undefined);
  } else if (rules !== undefined && rules !== null) {
    throw new ValidationError("Invalid segment", [{ path: ["rules"], message: "a static segment has no rules" }]);
  }

  await assertNameFree(db, companyId, name, undefined);
  const created = await withNameConflict(() =>
    db.$transaction(async (tx) => {
      if (definition !== undefined) await lockReferencedSegments(tx, companyId, definition);
      return tx.segment.create({
        data: {
          companyId,
          name,
          description,
          type,
          rules: definition,
          // Its membership does not reflect the rules until the first recalculation.
          needsRecalculation: type === "DYNAMIC",
          createdById: isUuid(actorUserId) ? actorUserId : null,
        },
        select: { id: true },
      });
    }),
  );
  return (await getSegment(companyId, created.id)) as SegmentDetail;
}

/**
 * Changes name, description and/or rules. Only a real change of the rules (not a
 * re-ordering of JSON keys) bumps definitionVersion and flags the segment for
 * recalculation; renaming never touches membership.
 */
export async function updateSegment(companyId: string, id: string, patch: UpdateSegmentPatch): Promise<SegmentDetail> {
  const changes = parseOrThrow(updateSegmentPatchSchema, patch, "Invalid segment");
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Segment not found");
  const db = await getDb();
  const existing = await db.segment.findUnique({
    where: { companyId_id: { companyId, id } },
    select: { type: true, rules: true },
  });
  if (!existing) throw new NotFoundError("Segment not found");

  const data: Prisma.SegmentUpdateInput = {};
  if (changes.name !== undefined) {
    await assertNameFree(db, companyId, changes.name, id);
    data.name = changes.name;
  }
  if (changes.description !== undefined) data.description = changes.description;
  if (changes.rules !== undefined) {
    if (existing.type === "STATIC") {
      if (changes.rules !== null) {
        throw new ValidationError("Invalid segment", [{ path: ["rules"], message: "a static segment has no rules" }]);
      }
    } else {
      const definition = await validRules(db, companyId, changes.rules, id);
      if (!sameJson(definition, existing.rules)) {
        data.rules = definition;
        data.definitionVersion = { increment: 1 };
        data.needsRecalculation = true;
      }
    }
  }

  if (Object.keys(data).length > 0) {
    await withNameConflict(() =>
      db.$transaction(async (tx) => {
        if (data.rules !== undefined) await lockReferencedSegments(tx, companyId, data.rules);
        await tx.segment.update({ where: { companyId_id: { companyId, id } }, data });
      }),
    );
  }
  const updated = await getSegment(companyId, id);
  if (!updated) throw new NotFoundError("Segment not found"); // deleted meanwhile
  return updated;
}

/**
 * Deletes the segment and its membership, history and audience links; contacts are never
 * deleted. Refused (InUseError naming them, API code segment_in_use) while any campaign
 * that has not finished (draft, scheduled, sending) targets it, whether it includes or
 * excludes it, or while other segments' rules refer to it: deleting would change who gets
 * a message, so there is no override (archiving retires such a segment).
 */
export async function deleteSegment(companyId: string, id: string): Promise<{ id: string; name: string }> {
  if (!isUuid(companyId) || !isUuid(id)) throw new NotFoundError("Segment not found");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locks the row: two deletes (or a delete and an edit) do not interleave, and a save
    // that refers to it (lockReferencedSegments) or a new audience link waits for us.
    const [segment] = await tx.$queryRaw<{ id: string; name: string }[]>(sql`
      SELECT "id", "name" FROM "Segment" WHERE "companyId" = ${companyId}::uuid AND "id" = ${id}::uuid FOR UPDATE`);
    if (!segment) throw new NotFoundError("Segment not found");
    // Locks the campaigns that target it, as scheduling and cancelling do: their status
    // cannot change between this check and the delete.
    await tx.$queryRaw(sql`
      SELECT c."id" FROM "Campaign" c
      JOIN "CampaignAudience" a ON a."companyId" = c."companyId" AND a."campaignId" = c."id"
      WHERE a."companyId" = ${companyId}::uuid AND a."segmentId" = ${id}::uuid
      FOR UPDATE OF c`);

    const usage = await usageOf(tx, companyId, id);
    const campaigns = [...usage.blockingCampaigns, ...usage.draftCampaigns];
    if (campaigns.length > 0 || usage.dependentSegments.length > 0) {
      throw new InUseError(inUseMessage(segment.name, campaigns, usage.dependentSegments), "segment_in_use", {
        campaigns,
        segments: usage.dependentSegments,
      });
    }
    // Cascades to memberships, runs, changes, analytics and finished campaigns' audience links.
    await tx.segment.delete({ where: { companyId_id: { companyId, id } } });
    return { id: segment.id, name: segment.name };
  });
}

const STATUS_WORDS: Record<CampaignStatus, string> = {
  DRAFT: "draft",
  SCHEDULED: "scheduled",
  SENDING: "sending",
  SENT: "sent",
  CANCELLED: "cancelled",
};

/** "a", "a and b", "a, b and c". */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** 'Segment "X" cannot be deleted: campaign "A" (scheduled, excludes it) targets it and segment "B" refers to it. ...' */
function inUseMessage(segmentName: string, campaigns: SegmentCampaignUse[], segments: { name: string }[]): string {
  const uses: string[] = [];
  if (campaigns.length > 0) {
    const names = listOf(
      campaigns.map((c) => `"${c.name}" (${STATUS_WORDS[c.status]}${c.role === "EXCLUDE" ? ", excludes it" : ""})`),
    );
    uses.push(campaigns.length === 1 ? `campaign ${names} targets it` : `campaigns ${names} target it`);
  }
  if (segments.length > 0) {
    const names = listOf(segments.map((s) => `"${s.name}"`));
    uses.push(segments.length === 1 ? `segment ${names} refers to it` : `segments ${names} refer to it`);
  }
  const remedies = [
    ...(campaigns.length > 0 ? ["remove it from the draft campaigns, cancel or wait for the others to be sent"] : []),
    ...(segments.length > 0 ? ["remove the condition on it from those segments"] : []),
  ];
  return `Segment "${segmentName}" cannot be deleted: ${listOf(uses)}. To delete it, ${listOf(remedies)}; or archive it instead.`;
}

// ---------------------------------------------------------------------------------------
// Helpers

/** The engine's verdict on the rules, against this company's custom fields and segments. */
async function validRules(
  db: Db,
  companyId: string,
  rules: unknown,
  segmentId: string | undefined,
): Promise<Prisma.InputJsonValue> {
  if (rules === undefined || rules === null) {
    throw new ValidationError("Invalid segment", [{ path: ["rules"], message: "a dynamic segment needs rules" }]);
  }
  const catalog = await loadSegmentCatalog(companyId, db);
  return validDefinitionOrThrow(rules, catalog, segmentId, ["rules"]) as unknown as Prisma.InputJsonValue;
}

/**
 * Locks (FOR SHARE) the segments the rules refer to until the save commits, and checks
 * they still exist: a delete running at the same time (which locks its row FOR UPDATE,
 * then looks for referrers) either waits for this save and then sees the reference, or
 * wins and this save is refused. Never a rule that refers to a deleted segment.
 */
async function lockReferencedSegments(db: Db, companyId: string, rules: unknown): Promise<void> {
  const ids = segmentDependencies(rules);
  if (ids.length === 0) return;
  const found = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT "id" FROM "Segment"
    WHERE "companyId" = ${companyId}::uuid AND "id" = ANY(${ids}::uuid[])
    FOR SHARE`);
  if (found.length < new Set(ids).size) {
    const message = "A segment these rules refer to has just been deleted";
    throw new ValidationError("Invalid rules", [{ path: ["rules"], message }]);
  }
}

/** Names are unique per company regardless of case ("VIP" and "vip" would confuse everyone). */
async function assertNameFree(db: Db, companyId: string, name: string, exceptId: string | undefined): Promise<void> {
  const rows = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT "id" FROM "Segment"
    WHERE "companyId" = ${companyId}::uuid AND lower("name") = lower(${name})
      ${exceptId ? sql`AND "id" <> ${exceptId}::uuid` : empty}
    LIMIT 1`);
  if (rows.length > 0) throw nameTaken();
}

function nameTaken(): ConflictError {
  return new ConflictError(SEGMENT_NAME_TAKEN, [{ path: ["name"], message: SEGMENT_NAME_TAKEN }]);
}

/** A concurrent save with the same name trips the unique index: the same conflict, not a 500. */
async function withNameConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken();
    throw error;
  }
}

type SafeParser<T> = {
  safeParse: (
    input: unknown,
  ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

function parseOrThrow<T>(schema: SafeParser<T>, input: unknown, message: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(message, parsed.error.issues.map(toFieldIssue));
  return parsed.data;
}
