import { hasPermission } from "@/lib/auth/authz";
import { getCompanyScope } from "@/lib/auth/session";
import { receiveImportUpload } from "@/lib/contacts/import-upload";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { crossOriginReason, crossOriginResponse } from "@/lib/http/request-guards";

/**
 * POST the CSV file as the raw request body (`fetch(url, { method: "POST", body: file })`),
 * its name in `?name=`. Streamed to a temporary file and checked on the way; answers the
 * new job's id, or `{ error }` with 400 when the file cannot be imported (413 when too large).
 * Outside the proxy (it would buffer the body), so it refuses cross-origin posts itself.
 */
export async function POST(request: Request): Promise<Response> {
  if (crossOriginReason(request.headers)) return crossOriginResponse();
  const scope = await getCompanyScope();
  if (!scope) return Response.json({ error: "Sign in first" }, { status: 401 });
  if (!hasPermission(scope.actor, "contacts:write")) {
    return Response.json({ error: "You may not import contacts" }, { status: 403 });
  }
  if (!request.body) return Response.json({ error: "Choose a CSV file" }, { status: 400 });
  try {
    const job = await receiveImportUpload(scope.companyId, {
      createdById: scope.actor.userId,
      fileName: new URL(request.url).searchParams.get("name"),
      body: request.body as unknown as AsyncIterable<Uint8Array>,
    });
    return Response.json({ jobId: job.id, totalRows: job.totalRows }, { status: 201 });
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return Response.json({ error: error.message }, { status: 413 });
    if (error instanceof ValidationError) return Response.json({ error: error.message }, { status: 400 });
    console.error("CSV upload failed:", error);
    return Response.json({ error: "The upload failed. Please try again." }, { status: 500 });
  }
}
