import type { ImportJobDto } from "@/lib/data/contacts/import-jobs";

/** What the import page shows of a job while it runs and after (JSON-safe: polled). */
export type ImportJobStatus = Pick<
  ImportJobDto,
  | "id"
  | "fileName"
  | "status"
  | "totalRows"
  | "processedRows"
  | "created"
  | "updated"
  | "skipped"
  | "failed"
  | "error"
  | "segmentId"
  | "segmentName"
>;

export function importJobStatus(job: ImportJobDto): ImportJobStatus {
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    created: job.created,
    updated: job.updated,
    skipped: job.skipped,
    failed: job.failed,
    error: job.error,
    segmentId: job.segmentId,
    segmentName: job.segmentName,
  };
}

/** Whole percent done, 0-100. */
export function percentDone(status: Pick<ImportJobStatus, "processedRows" | "totalRows">): number {
  if (status.totalRows <= 0) return 100;
  return Math.min(100, Math.floor((status.processedRows / status.totalRows) * 100));
}
