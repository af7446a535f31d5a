import { bulkEnvelope } from "@/lib/api/bulk";
import { apiRoute, json } from "@/lib/api/handler";
import { recordEvents } from "@/lib/data/events";

const MAX_EVENTS_PER_REQUEST = 5_000;

const Body = bulkEnvelope("events", MAX_EVENTS_PER_REQUEST, "events");

/** `{ accepted, errors: [{ index, message }] }`; events of unknown contacts are errors, never new contacts. */
export const POST = apiRoute(async ({ companyId, body }) => {
  const { events } = await body(Body);
  const { accepted, errors } = await recordEvents(companyId, events);
  return json({ accepted, errors });
});
