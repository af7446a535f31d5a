import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import type { ImportTarget } from "@/lib/contacts/import-mapping";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { ImportExistingMode, ImportStatus } from "@/lib/generated/prisma/enums";

/**
 * CSV import jobs of contacts: what was uploaded, how its columns map, and the progress
 * and outcome of the run, which the import page polls. Rows that could not be stored are
 * kept (cells and reason) for the "failed rows" download.
 */

export type ImportJobDto = {
  id: string;
  companyId: string;
  fileName: string;
  fileBytes: number;
  delimiter: string;
  headers: string[];
  /** The first rows as read, for the mapping preview. */
  sample: string[][];
  totalRows: number;
  status: ImportStatus;
  mapping: ImportTarget[] | null;
  existing: ImportExistingMode;
  segmentId: string | null;
  segmentName: string | null;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
};

export type NewImportJob = {
  createdById: string | null;
  fileName: string;
  fileBytes: number;
  delimiter: string;
  headers: string[];
  sample: string[][];
  totalRows: number;
};

const select = {
  id: true,
  companyId: true,
  fileName: true,
  fileBytes: true,
  delimiter: true,
  headers: true,
  sample: true,
  totalRows: true,
  status: true,
  mapping: true,
  existing: true,
  segmentId: true,
  segmentName: true,
  processedRows: true,
  created: true,
  updated: true,
  skipped: true,
  failed: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
} as const;

type Row = Omit<ImportJobDto, "fileBytes" | "sample" | "mapping"> & {
  fileBytes: bigint;
  sample: unknown;
  mapping: unknown;
};

function toDto(row: Row): ImportJobDto {
  return {
    ...row,
    fileBytes: Number(row.fileBytes),
    sample: (row.sample ?? []) as string[][],
    mapping: (row.mapping ?? null) as ImportTarget[] | null,
  };
}

export async function createImportJob(companyId: string, job: NewImportJob): Promise<ImportJobDto> {
  const db = await getDb();
  const row = await db.importJob.create({
    data: {
      companyId,
      createdById: isUuid(job.createdById) ? job.createdById : null,
      fileName: job.fileName,
      fileBytes: BigInt(job.fileBytes),
      delimiter: job.delimiter,
      headers: job.headers,
      sample: job.sample,
      totalRows: job.totalRows,
    },
    select,
  });
  return toDto(row);
}

export async function getImportJob(companyId: string, id: string): Promise<ImportJobDto | null> {
  if (!isUuid(companyId) || !isUuid(id)) return null;
  const db = await getDb();
  const row = await db.importJob.findUnique({ where: { companyId_id: { companyId, id } }, select });
  return row ? toDto(row) : null;
}

/** The company's latest imports, newest first. */
export async function listImportJobs(companyId: string, limit = 10): Promise<ImportJobDto[]> {
  if (!isUuid(companyId)) return [];
  const db = await getDb();
  const rows = await db.importJob.findMany({
    where: { companyId },
    select,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(toDto);
}

export type ImportSettings = {
  mapping: ImportTarget[];
  existing: ImportExistingMode;
  segmentId: string;
  segmentName: string;
};

/**
 * UPLOADED → RUNNING with its settings; false when the job is not waiting any more
 * (started twice, e.g. a double click): only one run ever claims a job.
 */
export async function claimImportJob(companyId: string, id: string, settings: ImportSettings): Promise<boolean> {
  if (!isUuid(companyId) || !isUuid(id)) return false;
  const db = await getDb();
  const { count } = await db.importJob.updateMany({
    where: { companyId, id, status: "UPLOADED" },
    data: {
      status: "RUNNING",
      mapping: settings.mapping,
      existing: settings.existing,
      segmentId: settings.segmentId,
      segmentName: settings.segmentName,
      startedAt: new Date(),
    },
  });
  return count === 1;
}

export type FailedImportRow = { rowNumber: number; cells: string[]; message: string };

export type ImportProgress = {
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  failedRows: FailedImportRow[];
};

/** Adds one batch's outcome to the job, and its failed rows (a row already recorded keeps its first reason). */
export async function recordImportProgress(companyId: string, id: string, progress: ImportProgress): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    ...(progress.failedRows.length
      ? [
          db.$executeRaw(sql`
            INSERT INTO "ImportFailedRow" ("companyId", "jobId", "rowNumber", "cells", "message")
            SELECT ${companyId}::uuid, ${id}::uuid, r."rowNumber", ARRAY(SELECT jsonb_array_elements_text(r."cells")), r."message"
            FROM jsonb_to_recordset(${JSON.stringify(progress.failedRows)}::jsonb)
              AS r("rowNumber" int, "cells" jsonb, "message" text)
            ON CONFLICT DO NOTHING`),
        ]
      : []),
    db.importJob.update({
      where: { companyId_id: { companyId, id } },
      data: {
        processedRows: { increment: progress.processedRows },
        created: { increment: progress.created },
        updated: { increment: progress.updated },
        skipped: { increment: progress.skipped },
        failed: { increment: progress.failedRows.length },
      },
    }),
  ]);
}

export async function finishImportJob(
  companyId: string,
  id: string,
  outcome: { status: "SUCCEEDED" } | { status: "FAILED"; error: string },
): Promise<void> {
  const db = await getDb();
  await db.importJob.update({
    where: { companyId_id: { companyId, id } },
    data: { status: outcome.status, error: outcome.status === "FAILED" ? outcome.error : null, finishedAt: new Date() },
  });
}

/** Imports of at least this many stored rows refresh the planner's statistics afterwards. */
export const ANALYZE_AFTER_IMPORTED_ROWS = 10_000;

/**
 * Best effort, after a large import: autovacuum is off on our PostgreSQL, and a company
 * created since the last ANALYZE looks empty to the planner. Measured: exporting a
 * 100,000-contact segment of a just-imported company probed all the company's contacts for
 * each member (4.7 s a page of 5,000, minutes in all) until ANALYZE; 3-4 s in all after.
 */
export async function refreshStatisticsAfterImport(storedRows: number): Promise<void> {
  if (storedRows < ANALYZE_AFTER_IMPORTED_ROWS) return;
  try {
    const db = await getDb();
    await db.$executeRaw(sql`ANALYZE "Contact", "ContactFacts", "SegmentMembership"`);
  } catch (error) {
    console.error("ANALYZE after an import failed", error);
  }
}

/** A page of the job's failed rows in row order (keyset on the row number). */
export async function listImportFailedRows(
  companyId: string,
  jobId: string,
  options: { afterRow?: number; limit: number },
): Promise<FailedImportRow[]> {
  if (!isUuid(companyId) || !isUuid(jobId)) return [];
  const db = await getDb();
  return db.importFailedRow.findMany({
    where: { companyId, jobId, rowNumber: { gt: options.afterRow ?? 0 } },
    select: { rowNumber: true, cells: true, message: true },
    orderBy: { rowNumber: "asc" },
    take: options.limit,
  });
}

/** The static segments an import can add contacts to, by name. */
export async function listImportTargetSegments(
  companyId: string,
  limit = 500,
): Promise<{ id: string; name: string }[]> {
  if (!isUuid(companyId)) return [];
  const db = await getDb();
  return db.segment.findMany({
    where: { companyId, type: "STATIC" },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: limit,
  });
}

/**
 * Adds imported contacts to the job's static segment in one statement, and its count by
 * the rows that were new (cheaper per batch than a recount: imports add up to millions).
 * The segment was checked to be static when the job started.
 */
export async function addImportedMembers(companyId: string, segmentId: string, contactIds: string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  const db = await getDb();
  const [row] = await db.$queryRaw<{ added: number }[]>(sql`
    WITH added AS (
      INSERT INTO "SegmentMembership" ("companyId", "segmentId", "contactId", "addedVia")
      SELECT ${companyId}::uuid, ${segmentId}::uuid, x.id, 'IMPORT'::"MembershipSource"
      FROM unnest(${contactIds}::uuid[]) AS x(id)
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), counted AS (SELECT count(*)::int AS "added" FROM added)
    UPDATE "Segment" s SET "contactCount" = s."contactCount" + counted."added", "updatedAt" = now()
    FROM counted
    WHERE s."companyId" = ${companyId}::uuid AND s."id" = ${segmentId}::uuid AND s."type" = 'STATIC'
    RETURNING counted."added"`);
  return row?.added ?? 0;
}

/** A running job that wrote no progress for this long has lost its process (a restart, a crash). */
export const STALLED_AFTER_MINUTES = 10;

/**
 * Marks the job FAILED if it stalled (see above): the page then says so instead of waiting
 * forever. The rows done so far stay; importing the file again duplicates nothing.
 */
export async function failStalledImportJob(companyId: string, id: string): Promise<void> {
  if (!isUuid(companyId) || !isUuid(id)) return;
  const db = await getDb();
  await db.importJob.updateMany({
    where: {
      companyId,
      id,
      status: "RUNNING",
      updatedAt: { lt: new Date(Date.now() - STALLED_AFTER_MINUTES * 60_000) },
    },
    data: {
      status: "FAILED",
      finishedAt: new Date(),
      error:
        "The import stopped before the end (the server restarted). The rows done so far are kept: import the file again to finish, nothing is duplicated.",
    },
  });
}
