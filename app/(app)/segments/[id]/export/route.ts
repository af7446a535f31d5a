import { getCompanyScope } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv/write";
import { exportFileName, exportSegmentContacts } from "@/lib/data/contacts/contact-export";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { segmentCompanyFor } from "@/lib/segments/segment-actions";

/** "Export CSV" on the segment page: the signed-in user's download of its contacts, streamed. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const scope = await getCompanyScope();
  if (!scope) return new Response("Sign in first", { status: 401 });
  try {
    const { id } = await params;
    const companyId = await segmentCompanyFor(scope.actor, scope.companyId, id, "segments:read");
    const contacts = await exportSegmentContacts(companyId, id);
    return csvResponse(exportFileName(contacts.segmentName), contacts.header, contacts.rows);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) {
      return new Response("Segment not found", { status: 404 });
    }
    throw error;
  }
}
