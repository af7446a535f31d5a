/**
 * What the list and the detail page say about a segment's recalculation: queued, running,
 * failed (with the error) or idle, plus the last finished run. Pure, so the data layer,
 * the UI and the tests share one rule.
 */

/**
 * A run can legitimately last as long as its transaction may (30 min, see
 * lib/data/segments/segment-recalculation.ts) plus the minute it may wait for a connection; a run
 * still RUNNING after this was interrupted (a crash, a redeploy) and will never finish.
 */
export const STUCK_RUN_AFTER_MS = 35 * 60_000;

/**
 * A request queued this long ago that has not started was most likely lost (no Inngest
 * server picked it up). The cron's 10,000-segment fan-out drains well within it.
 */
export const OVERDUE_QUEUE_AFTER_MS = 60 * 60_000;

export const INTERRUPTED_RUN_ERROR = "Interrupted: the run did not finish (the worker probably stopped)";

/** A recalculation run as the status needs it (the data layer returns it as SegmentLastRun). */
export type RunInput = {
  status: "RUNNING" | "SUCCEEDED" | "FAILED";
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  entered: number;
  exited: number;
  error: string | null;
};

export type RunStatusInput = {
  type: "DYNAMIC" | "STATIC";
  recalculationState: "IDLE" | "QUEUED" | "RUNNING" | "FAILED";
  recalculationQueuedAt: Date | null;
  /** The most recent run, whatever its status. */
  lastRun: RunInput | null;
  /** The most recent run that finished (SUCCEEDED or FAILED). */
  lastFinishedRun: RunInput | null;
};

/** The last run that finished, as shown under the state. */
export type FinishedRun = {
  status: "SUCCEEDED" | "FAILED";
  at: Date;
  durationMs: number | null;
  entered: number;
  exited: number;
  error: string | null;
};

export type RunStatus = {
  /** static: never recalculated (members picked by hand); idle: nothing under way. */
  state: "static" | "idle" | "queued" | "running" | "failed";
  /** queued: since when (null when not recorded); running: when the run started. */
  since: Date | null;
  /** queued for longer than OVERDUE_QUEUE_AFTER_MS: the request was probably lost. */
  overdue: boolean;
  /** failed: why (an interrupted run says so). */
  error: string | null;
  /** The latest finished run (an interrupted one counts as failed); null when none. */
  lastRun: FinishedRun | null;
  /** Whether a page showing it should refresh itself: a change is expected soon. */
  busy: boolean;
};

function finished(run: RunInput | null): FinishedRun | null {
  if (!run || run.status === "RUNNING") return null;
  const { status, startedAt, finishedAt, durationMs, entered, exited, error } = run;
  return { status, at: finishedAt ?? startedAt, durationMs, entered, exited, error };
}

export function segmentRunStatus(segment: RunStatusInput, now: Date): RunStatus {
  const run = segment.lastRun;
  const interrupted = run?.status === "RUNNING" && now.getTime() - run.startedAt.getTime() > STUCK_RUN_AFTER_MS;
  const lastRun: FinishedRun | null =
    run && interrupted
      ? { status: "FAILED", at: run.startedAt, durationMs: null, entered: 0, exited: 0, error: INTERRUPTED_RUN_ERROR }
      : finished(segment.lastFinishedRun);
  const base = { since: null, overdue: false, error: null, lastRun, busy: false };

  if (segment.type === "STATIC") return { ...base, state: "static" };
  if (interrupted) return { ...base, state: "failed", error: INTERRUPTED_RUN_ERROR };
  if (run?.status === "RUNNING" || segment.recalculationState === "RUNNING") {
    return { ...base, state: "running", since: run?.status === "RUNNING" ? run.startedAt : null, busy: true };
  }
  if (segment.recalculationState === "QUEUED") {
    const since = segment.recalculationQueuedAt;
    const overdue = !since || now.getTime() - since.getTime() > OVERDUE_QUEUE_AFTER_MS;
    return { ...base, state: "queued", since, overdue, busy: !overdue };
  }
  if (segment.recalculationState === "FAILED" || run?.status === "FAILED") {
    return { ...base, state: "failed", error: run?.error ?? lastRun?.error ?? "unknown error" };
  }
  return { ...base, state: "idle" };
}
