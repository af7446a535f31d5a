/**
 * Runs once when a server starts (Next calls register(); never during `next build`, which
 * must not touch the database). Recalculation runs left RUNNING by a process that died
 * are marked failed at once, so no page says "Running" after a restart; the first read of
 * their company's segments requests them again (inngest/dispatch/recover-dead-recalculations.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const { failDeadRecalculations } = await import("@/lib/data/segments/segment-dead-runs");
    const { ALL_COMPANIES } = await import("@/lib/segments/list-params");
    const dead = await failDeadRecalculations(ALL_COMPANIES);
    if (dead.length > 0) console.log(`Marked ${dead.length} interrupted segment recalculation(s) as failed.`);
  } catch (error) {
    // Never keeps the server from starting: the reads check again.
    console.error("Could not check for interrupted recalculations at start-up:", error);
  }
}
