"use server";

import { after } from "next/server";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import { runImportJob } from "@/lib/contacts/import-run";
import { type StartImportResult, startImportAs } from "@/lib/contacts/import-start";

/**
 * "Start import": checks and claims the job, answers, then runs it after the response.
 * The use-case parses the form (lib/contacts/import-start.ts), naming the field at fault.
 */
// An ActionError (signed-out, unexpected failure) reads as a form-level StartImportResult failure.
export const startImportAction: (input: unknown) => Promise<StartImportResult> = asActionResult(
  authedAction.inputSchema(z.unknown()).action(async ({ parsedInput, ctx }) => {
    const result = await startImportAs(ctx.actor, ctx.companyId, parsedInput);
    if (result.ok) after(() => runImportJob(ctx.companyId, result.jobId));
    return result;
  }),
);
