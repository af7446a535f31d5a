import { apiRoute } from "@/lib/api/handler";
import { csvResponse } from "@/lib/csv/write";
import { exportFileName, exportSegmentContacts } from "@/lib/data/contacts/contact-export";

/** The segment's contacts as CSV (all fields, tags, custom fields), streamed; 404 for another company's segment. */
export const GET = apiRoute<{ id: string }>(async ({ companyId, params }) => {
  const contacts = await exportSegmentContacts(companyId, params.id);
  return csvResponse(exportFileName(contacts.segmentName), contacts.header, contacts.rows);
});
