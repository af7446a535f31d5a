import "server-only";
import { inngest, segmentMembershipChanged } from "@/inngest/client";
import { isUuid } from "@/lib/errors";
import { forgetInngestReachability, isInngestReachable } from "./inngest-reachability";

/**
 * What reacts to contacts entering or leaving segments, run inline when no background
 * worker is reachable. On Inngest each of these is its own function triggered by
 * `segment/membership.changed` (fan-out), so one failing consumer never holds up another.
 * Each consumer is idempotent per SegmentMembershipChange row.
 */
export type MembershipChangeConsumer = {
  name: string;
  handle: (companyId: string, runIds: string[]) => Promise<unknown>;
};

export const INLINE_MEMBERSHIP_CHANGE_CONSUMERS: MembershipChangeConsumer[] = [];

/** Runs per event: the event schema's bound. */
const RUNS_PER_EVENT = 500;

/**
 * After a membership write committed: tells the consumers which runs wrote changes. Never
 * throws: the membership is stored already, and a consumer's failure is logged (on Inngest
 * it is retried by the function).
 */
export async function dispatchMembershipChanges(
  companyId: string,
  runIds: readonly string[],
): Promise<{ mode: "queued" | "inline" | "none" }> {
  const ids = [...new Set(runIds.filter(isUuid))];
  if (!isUuid(companyId) || ids.length === 0) return { mode: "none" };
  const pages: string[][] = [];
  for (let i = 0; i < ids.length; i += RUNS_PER_EVENT) pages.push(ids.slice(i, i + RUNS_PER_EVENT));
  if (await isInngestReachable()) {
    try {
      await inngest.send(pages.map((page) => segmentMembershipChanged.create({ companyId, runIds: page })));
      return { mode: "queued" };
    } catch (error) {
      console.warn(`Inngest send failed, handling membership changes inline: ${String(error)}`);
      forgetInngestReachability();
    }
  }
  for (const page of pages) {
    for (const consumer of INLINE_MEMBERSHIP_CHANGE_CONSUMERS) {
      try {
        await consumer.handle(companyId, page);
      } catch (error) {
        console.error(`Membership change consumer ${consumer.name} failed:`, error);
      }
    }
  }
  return { mode: "inline" };
}
