import "server-only";
import { requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import { rowMessage } from "@/lib/api/bulk";
import { rowShapeProblem, rowToContactInput } from "@/lib/contacts/import-mapping";
import { contactInputSchemaFor, type NormalizedContact } from "@/lib/contacts/schema";
import { type CsvDelimiter, CsvError, CsvReader, readCsvRecords } from "@/lib/csv/parse";
import { saveContacts } from "@/lib/data/contacts/contact-upsert";
import { listCustomFields } from "@/lib/data/contacts/custom-fields";
import {
  addImportedMembers,
  type FailedImportRow,
  finishImportJob,
  getImportJob,
  type ImportJobDto,
  recordImportProgress,
  refreshStatisticsAfterImport,
} from "@/lib/data/contacts/import-jobs";
import { stripUnstorableText } from "@/lib/segments/engine/storable-text";
import { openImportFile, removeImportFile } from "./import-upload";

/**
 * Runs a claimed (RUNNING) import job: reads its file as a stream, converts and validates
 * each row with the contact schema (lib/contacts), stores the valid ones a batch at a
 * time with set-based SQL (saveContacts: upsert by email, so the same file twice creates
 * nothing new), adds them to the job's static segment, and records progress and failed
 * rows after every batch. Invalid rows never stop the valid ones.
 */

/** Rows per batch: one progress update and a handful of statements each (saveContacts takes at most 5,000). */
export const IMPORT_BATCH_ROWS = 5_000;

type DataRow = { rowNumber: number; cells: string[] };

export async function runImportJob(companyId: string, jobId: string): Promise<ImportJobDto | null> {
  const job = await getImportJob(companyId, jobId);
  if (job?.status !== "RUNNING" || !job.mapping || !job.segmentId) return job;
  try {
    await importRows(job);
    await finishImportJob(companyId, jobId, { status: "SUCCEEDED" });
  } catch (error) {
    console.error(`Import ${jobId} failed:`, error);
    const message =
      error instanceof CsvError
        ? error.message
        : (error as NodeJS.ErrnoException)?.code === "ENOENT"
          ? "The uploaded file is gone (uploads wait a day at most): upload it again"
          : "The import stopped on an unexpected error; the rows done so far are kept";
    await finishImportJob(companyId, jobId, { status: "FAILED", error: message });
  }
  await removeImportFile(companyId, jobId);
  const done = await getImportJob(companyId, jobId);
  await refreshStatisticsAfterImport((done?.created ?? 0) + (done?.updated ?? 0));
  // Segments that refer to the target segment follow its new members.
  try {
    await requestRecalculation(companyId, job.segmentId, "DEPENDENCY");
  } catch (error) {
    console.error(`Import ${jobId}: recalculating the segments that depend on its segment failed:`, error);
  }
  return getImportJob(companyId, jobId);
}

/**
 * Reading and validating a batch (CPU in this process) overlaps with storing the previous
 * one (work in the database): at most one batch is being stored at any time.
 */
async function importRows(job: ImportJobDto): Promise<void> {
  const schema = contactInputSchemaFor(await listCustomFields(job.companyId));
  const reader = new CsvReader({ delimiter: job.delimiter as CsvDelimiter });
  let header = true;
  let rowNumber = 0;
  let batch: DataRow[] = [];
  let storing: Promise<void> = Promise.resolve();
  const store = async (prepared: PreparedBatch) => {
    await storing;
    storing = storeBatch(job, prepared);
    // Marked as handled here; a failure still surfaces at the next await of `storing`.
    storing.catch(() => {});
  };
  for await (const records of readCsvRecords(openImportFile(job.companyId, job.id), reader)) {
    for (const cells of records) {
      if (header) {
        header = false;
        continue;
      }
      batch.push({ rowNumber: ++rowNumber, cells });
      if (batch.length >= IMPORT_BATCH_ROWS) {
        await store(prepareBatch(job, schema, batch, null));
        batch = [];
      }
    }
  }
  // A file that ends inside quotes: its last row is cut, so it is reported rather than stored.
  const cutRow = reader.endedInsideQuotes ? (batch.at(-1)?.rowNumber ?? null) : null;
  if (batch.length) await store(prepareBatch(job, schema, batch, cutRow));
  await storing;
}

type PreparedBatch = { rows: number; valid: NormalizedContact[]; failedRows: FailedImportRow[] };

/** Each row converted with the mapping and checked with the contact schema. */
function prepareBatch(
  job: ImportJobDto,
  schema: ReturnType<typeof contactInputSchemaFor>,
  rows: DataRow[],
  cutRow: number | null,
): PreparedBatch {
  const mapping = job.mapping ?? [];
  const failedRows: FailedImportRow[] = [];
  const valid: NormalizedContact[] = [];
  for (const row of rows) {
    // The report stores the cells without what PostgreSQL cannot store (its reason names the field).
    const fail = (message: string) =>
      failedRows.push({
        rowNumber: row.rowNumber,
        cells: row.cells.map(stripUnstorableText),
        message: stripUnstorableText(message),
      });
    if (row.rowNumber === cutRow) {
      fail('The file ends inside a quoted value: a closing quote (") is missing');
      continue;
    }
    const shape = rowShapeProblem(row.cells, job.headers.length);
    if (shape) {
      fail(shape);
      continue;
    }
    const parsed = schema.safeParse(rowToContactInput(row.cells, mapping));
    if (!parsed.success) {
      fail(rowMessage(parsed.error.issues));
      continue;
    }
    valid.push(parsed.data);
  }
  return { rows: rows.length, valid, failedRows };
}

async function storeBatch(job: ImportJobDto, { rows, valid, failedRows }: PreparedBatch): Promise<void> {
  const { saved, duplicates } = await saveContacts(job.companyId, valid, {
    existing: job.existing === "SKIP" ? "skip" : "update",
  });
  if (saved.length && job.segmentId) {
    await addImportedMembers(
      job.companyId,
      job.segmentId,
      saved.map((s) => s.id),
    );
  }
  await recordImportProgress(job.companyId, job.id, {
    processedRows: rows,
    created: saved.filter((s) => s.outcome === "created").length,
    updated: saved.filter((s) => s.outcome === "updated").length,
    // An earlier row of an email repeated later in the batch: the later row was used.
    skipped: saved.filter((s) => s.outcome === "skipped").length + duplicates.length,
    failedRows,
  });
}
