"use server";

import { after } from "next/server";
import { runImportJob } from "@/lib/contact-import/run";
import { type StartImportResult, startImportAs } from "@/lib/contact-import/start";
import { requireCompanyScope } from "@/lib/session";

/** "Start import": checks and claims the job, answers, then runs it after the response. */
export async function startImportAction(input: unknown): Promise<StartImportResult> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await startImportAs(actor, companyId, input);
  if (result.ok) after(() => runImportJob(companyId, result.jobId));
  return result;
}
