import { requestRecalculationForEvents } from "@/inngest/dispatch/event-recalculation";
import { bulkEnvelope } from "@/lib/api/bulk";
import { apiRoute, json } from "@/lib/api/handler";
import { recordEvents } from "@/lib/data/contacts/events";

const MAX_EVENTS_PER_REQUEST = 5_000;

const Body = bulkEnvelope("events", MAX_EVENTS_PER_REQUEST, "events");

/**
 * `{ accepted, errors: [{ index, message }] }`; events of unknown contacts are errors, never
 * new contacts. The dynamic segments whose rules read what the events changed are then
 * recalculated (queued on the worker, or inline without one).
 */
export const POST = apiRoute(async ({ companyId, body }) => {
  const { events } = await body(Body);
  const { accepted, errors, types } = await recordEvents(companyId, events);
  if (accepted > 0) await requestRecalculationForEvents(companyId, types);
  return json({ accepted, errors });
});
