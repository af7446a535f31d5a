import { importJobStatus } from "@/components/contact-import/status";
import { getCompanyScope } from "@/lib/auth/session";
import { failStalledImportJob, getImportJob } from "@/lib/data/contacts/import-jobs";

/** The job's progress, polled by the import page while it runs. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  const scope = await getCompanyScope();
  if (!scope) return Response.json({ error: "Sign in first" }, { status: 401 });
  const { jobId } = await params;
  await failStalledImportJob(scope.companyId, jobId);
  const job = await getImportJob(scope.companyId, jobId);
  if (!job) return Response.json({ error: "Import not found" }, { status: 404 });
  return Response.json(importJobStatus(job), { headers: { "Cache-Control": "no-store" } });
}
