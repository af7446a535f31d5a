import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/authz";
import { backfillSegmentAnalytics, previousUtcDay } from "@/lib/data/segments/segment-analytics";
import { type SegmentOverlap, segmentOverlap } from "@/lib/data/segments/segment-overlap";
import { NotFoundError } from "@/lib/errors";
import { type ActionResult, toActionError } from "@/lib/segments/action-result";
import { segmentCompanyFor } from "@/lib/segments/segment-actions";

/** The detail page's overlap and analytics actions, with the actor passed in (./actions.ts finds it). */

/** The window of the detail page's charts: the 30 complete UTC days before today. */
export const ANALYTICS_DAYS = 30;

const overlapSchema = z.object({ segmentId: z.string().max(100), otherId: z.string().max(100) });

/** Contacts the segment shares with another segment of its company; another company's segment is not found. */
export async function segmentOverlapAs(
  actor: Actor,
  scopeCompanyId: string,
  input: unknown,
): Promise<ActionResult<SegmentOverlap>> {
  const parsed = overlapSchema.safeParse(input);
  if (!parsed.success) return toActionError(new NotFoundError());
  try {
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, parsed.data.segmentId, "segments:read");
    return { ok: true, data: await segmentOverlap(companyId, parsed.data.segmentId, parsed.data.otherId) };
  } catch (error) {
    return toActionError(error);
  }
}

/**
 * "Compute analytics now": the daily analytics job's backfill of the chart window, run in
 * the request, for the segment's company (the company average needs all its segments).
 */
export async function computeAnalyticsNowAs(
  actor: Actor,
  scopeCompanyId: string,
  segmentId: unknown,
  now: Date = new Date(),
): Promise<ActionResult<{ days: number; written: number }>> {
  try {
    const id = z.string().max(100).parse(segmentId);
    const companyId = await segmentCompanyFor(actor, scopeCompanyId, id, "segments:write");
    return { ok: true, data: await backfillSegmentAnalytics(companyId, ANALYTICS_DAYS, previousUtcDay(now)) };
  } catch (error) {
    return toActionError(error instanceof z.ZodError ? new NotFoundError() : error);
  }
}
