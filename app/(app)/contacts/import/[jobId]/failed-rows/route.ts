import { getCompanyScope } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv/write";
import { getImportJob, listImportFailedRows } from "@/lib/data/contacts/import-jobs";

const PAGE = 2_000;

/** The rows that were not imported, as they were in the file, with a last column saying why. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  const scope = await getCompanyScope();
  if (!scope) return new Response("Sign in first", { status: 401 });
  const job = await getImportJob(scope.companyId, (await params).jobId);
  if (!job) return new Response("Import not found", { status: 404 });
  const { companyId } = scope;
  async function* batches() {
    let afterRow = 0;
    for (;;) {
      const rows = await listImportFailedRows(companyId, job!.id, { afterRow, limit: PAGE });
      if (rows.length === 0) return;
      yield rows.map((row) => [String(row.rowNumber), ...padded(row.cells, job!.headers.length), row.message]);
      afterRow = rows[rows.length - 1]!.rowNumber;
    }
  }
  const base = job.fileName.replace(/\.csv$/i, "");
  return csvResponse(`${base}-failed-rows.csv`, ["row", ...job.headers, "error"], batches());
}

/** Cells under their headers: short rows filled with blanks (long ones keep their extra cells). */
function padded(cells: string[], columns: number): string[] {
  return cells.length >= columns ? cells : [...cells, ...Array<string>(columns - cells.length).fill("")];
}
