import { requestRecalculation } from "@/inngest/dispatch/request-recalculation";
import { apiRoute, json } from "@/lib/api/handler";

/**
 * 202: queued on the background worker, or (no Inngest server reachable) already run in
 * this request; `mode` says which. A static segment has no rules: only the segments that
 * depend on it are recalculated.
 */
export const POST = apiRoute<{ id: string }>(async ({ companyId, params }) => {
  const outcome = await requestRecalculation(companyId, params.id, "API");
  if (outcome.mode === "queued") return json({ mode: outcome.mode, eventId: outcome.eventId }, 202);
  const run = outcome.result;
  return json(
    {
      mode: outcome.mode,
      result: run
        ? {
            status: run.status.toLowerCase(),
            entered: run.entered,
            exited: run.exited,
            memberCount: run.memberCount,
            durationMs: run.durationMs,
            error: run.error,
          }
        : null,
      dependentsRecalculated: outcome.dependents.length,
      dependentsSkipped: outcome.skipped.length,
    },
    202,
  );
});
