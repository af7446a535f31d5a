import "server-only";
import { z } from "zod";
import { type Actor, authorize } from "@/lib/auth/authz";
import { importMappingSchema } from "@/lib/contacts/import-mapping";
import { listCustomFields } from "@/lib/data/contacts/custom-fields";
import { claimImportJob, getImportJob } from "@/lib/data/contacts/import-jobs";
import { getSegment } from "@/lib/data/segments/segment-reads";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { segmentNameSchema } from "@/lib/segments/schema";

/**
 * "Start import": checks the mapping and the options against the job and the company,
 * finds or creates the target static segment, and claims the job (UPLOADED → RUNNING).
 * The caller then runs it (runImportJob) after answering.
 */

export const startImportInputSchema = z.object({
  jobId: z.string().max(100),
  mapping: z.array(z.string().max(200).nullable()).max(1000),
  existing: z.enum(["update", "skip"], { error: 'Choose "update" or "skip"' }),
  target: z.discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("new"), name: segmentNameSchema }),
      z.object({ kind: z.literal("existing"), segmentId: z.string().max(100) }),
      z.object({ kind: z.literal("none") }),
    ],
    { error: "Choose where the contacts go" },
  ),
});

export type StartImportInput = z.input<typeof startImportInputSchema>;

export type StartImportResult =
  | { ok: true; jobId: string; segmentId: string; segmentName: string }
  /** `field` names the form field the message belongs to, when one does. */
  | { ok: false; error: string; field?: "mapping" | "segmentName" | "segmentId" | "existing" };

export async function startImportAs(actor: Actor, companyId: string, input: unknown): Promise<StartImportResult> {
  const parsed = startImportInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === "target" ? "segmentName" : issue?.path[0] === "mapping" ? "mapping" : undefined;
    return { ok: false, error: issue?.message ?? "Check the form", field };
  }
  const { jobId, mapping, existing, target } = parsed.data;
  try {
    authorize(actor, "contacts:write", companyId);
    authorize(actor, "segments:write", companyId);
    const job = await getImportJob(companyId, jobId);
    if (!job) throw new NotFoundError("This import does not exist (any more). Upload the file again.");
    if (job.status !== "UPLOADED") return { ok: false, error: "This import has already been started." };

    const checked = importMappingSchema(job.headers.length, await listCustomFields(companyId)).safeParse(mapping);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const column = typeof issue?.path[0] === "number" ? `${job.headers[issue.path[0]]}: ` : "";
      return { ok: false, error: `${column}${issue?.message ?? "Check the mapping"}`, field: "mapping" };
    }

    const segment = await targetSegment(actor, companyId, target);
    if ("error" in segment) return { ok: false, ...segment };
    const claimed = await claimImportJob(companyId, jobId, {
      mapping: checked.data,
      existing: existing === "skip" ? "SKIP" : "UPDATE",
      segmentId: segment.id,
      segmentName: segment.name,
    });
    if (!claimed) return { ok: false, error: "This import has already been started." };
    return { ok: true, jobId, segmentId: segment.id, segmentName: segment.name };
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError) return { ok: false, error: error.message };
    if (error instanceof ForbiddenError) return { ok: false, error: "You may not import contacts into this company." };
    throw error;
  }
}

type TargetResult = { id: string; name: string } | { error: string; field: "segmentName" | "segmentId" };

async function targetSegment(
  actor: Actor,
  companyId: string,
  target: z.output<typeof startImportInputSchema>["target"],
): Promise<TargetResult> {
  if (target.kind === "existing") {
    const segment = await getSegment(companyId, target.segmentId);
    if (!segment) return { error: "That segment does not exist (any more)", field: "segmentId" };
    if (segment.type !== "STATIC") {
      return { error: "Contacts can be added to a static segment only", field: "segmentId" };
    }
    return { id: segment.id, name: segment.name };
  }
  if (target.kind === "new") {
    try {
      const created = await createSegment(companyId, actor.userId, { name: target.name, type: "STATIC" });
      return { id: created.id, name: created.name };
    } catch (error) {
      if (error instanceof ConflictError) return { error: error.message, field: "segmentName" };
      throw error;
    }
  }
  // No segment chosen: the brief wants every import findable as a segment of its own.
  const base = `Import ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  for (let attempt = 1; ; attempt++) {
    const name = attempt === 1 ? base : `${base} (${attempt})`;
    try {
      const created = await createSegment(companyId, actor.userId, {
        name,
        type: "STATIC",
        description: "Contacts of a CSV import",
      });
      return { id: created.id, name: created.name };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 20) throw error;
    }
  }
}
