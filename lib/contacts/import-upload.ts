import "server-only";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CsvError, CsvReader, readCsvRecords } from "@/lib/csv/parse";
import { createImportJob, type ImportJobDto } from "@/lib/data/contacts/import-jobs";
import { isUuid, PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { stripUnstorableText } from "@/lib/segments/engine/storable-text";

/**
 * Receiving a CSV upload: the bytes are written to a temporary file as they arrive and
 * read by the CSV parser on the way (never held whole in memory), which counts the rows,
 * keeps the header and the first rows for the preview, and refuses a file that is empty,
 * not UTF-8, or broken beyond reading. The file waits next to the job until it has run.
 */

export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
export const MAX_IMPORT_COLUMNS = 500;
export const SAMPLE_ROWS = 10;
/** Uploads never started (or left by a crash) are deleted after this long. */
export const ABANDONED_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** Where uploads wait (IMPORT_DIR, or the system's temporary folder). */
export function importDirectory(): string {
  return process.env.IMPORT_DIR || path.join(os.tmpdir(), "segments-imports");
}

export function importFilePath(companyId: string, jobId: string): string {
  if (!isUuid(companyId) || !isUuid(jobId)) throw new Error("importFilePath: ids must be UUIDs");
  return path.join(importDirectory(), `${companyId.toLowerCase()}-${jobId.toLowerCase()}.csv`);
}

export function openImportFile(companyId: string, jobId: string): AsyncIterable<Uint8Array> {
  return createReadStream(importFilePath(companyId, jobId), { highWaterMark: 256 * 1024 });
}

export async function removeImportFile(companyId: string, jobId: string): Promise<void> {
  await rm(importFilePath(companyId, jobId), { force: true });
}

/** The stored file name: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string | null | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const printable = [...base].filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f).join("");
  return (printable.trim() || "contacts.csv").slice(0, 200);
}

/**
 * Header cells trimmed, without text PostgreSQL cannot store (a NUL character is removed
 * from the column's name); blank ones named by their position.
 */
function cleanHeaders(cells: string[]): string[] {
  return cells.map((cell, index) => stripUnstorableText(cell).trim() || `Column ${index + 1}`);
}

async function* writeThrough(
  body: AsyncIterable<Uint8Array>,
  out: WriteStream,
  counter: { bytes: number },
): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    counter.bytes += chunk.byteLength;
    if (counter.bytes > MAX_IMPORT_BYTES) {
      throw new PayloadTooLargeError(
        `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it into smaller files`,
      );
    }
    if (!out.write(chunk)) await once(out, "drain");
    yield chunk;
  }
}

/** Best effort: deletes upload files older than ABANDONED_UPLOAD_MS (a later start of their job fails with a message). */
export async function removeAbandonedUploads(now = Date.now()): Promise<void> {
  try {
    for (const name of await readdir(importDirectory())) {
      const file = path.join(importDirectory(), name);
      if ((await stat(file)).mtimeMs < now - ABANDONED_UPLOAD_MS) await rm(file, { force: true });
    }
  } catch {
    // Another upload removed it first, or the folder is not there yet.
  }
}

export async function receiveImportUpload(
  companyId: string,
  input: { createdById: string | null; fileName: string | null; body: AsyncIterable<Uint8Array> },
): Promise<ImportJobDto> {
  await mkdir(importDirectory(), { recursive: true });
  await removeAbandonedUploads();
  const temporary = path.join(importDirectory(), `upload-${randomUUID()}.csv`);
  const out = createWriteStream(temporary);
  const counter = { bytes: 0 };
  const reader = new CsvReader();
  let headers: string[] | undefined;
  const sample: string[][] = [];
  let totalRows = 0;
  try {
    for await (const records of readCsvRecords(writeThrough(input.body, out, counter), reader)) {
      for (const record of records) {
        if (!headers) {
          headers = cleanHeaders(record);
          if (headers.length > MAX_IMPORT_COLUMNS) {
            throw new ValidationError(
              `The file has ${headers.length} columns; at most ${MAX_IMPORT_COLUMNS} can be imported`,
            );
          }
        } else {
          totalRows++;
          // Only the preview: the import reads the file again and refuses such a cell in its row.
          if (sample.length < SAMPLE_ROWS) sample.push(record.map(stripUnstorableText));
        }
      }
    }
    out.end();
    await once(out, "finish");
    if (!headers) throw new ValidationError("The file is empty: it needs a header row and a row per contact");
    if (totalRows === 0) throw new ValidationError("The file has a header row but no contacts");
    const job = await createImportJob(companyId, {
      createdById: input.createdById,
      fileName: cleanFileName(input.fileName),
      fileBytes: counter.bytes,
      delimiter: reader.delimiter ?? ",",
      headers,
      sample,
      totalRows,
    });
    await rename(temporary, importFilePath(companyId, job.id));
    return job;
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    if (error instanceof CsvError) throw new ValidationError(error.message);
    throw error;
  }
}
