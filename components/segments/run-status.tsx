import { formatDateTime } from "@/components/contacts/format";
import { formatCount } from "@/components/data-table/format";
import { Badge } from "@/components/ui/badge";
import type { RunStatus } from "@/lib/segments/run-status";
import { formatDuration, formatRelativeTime } from "./format";

/**
 * A segment's recalculation as the list and the detail page show it: what is under way
 * (queued, running) or went wrong (failed, with the error), then the last finished run
 * (when, how long, how many entered and exited). Server-rendered; times are relative to
 * the server's `now`.
 */
export function RunStatusView({ run, now, compact = false }: { run: RunStatus; now: Date; compact?: boolean }) {
  return (
    <span className="flex flex-col items-start gap-1">
      <StateLine run={run} now={now} compact={compact} />
      {run.lastRun && run.state !== "static" ? <LastRunLine run={run} now={now} /> : null}
    </span>
  );
}

function StateLine({ run, now, compact }: { run: RunStatus; now: Date; compact: boolean }) {
  switch (run.state) {
    case "queued":
      return (
        <span className="flex flex-wrap items-center gap-1.5">
          <Badge tone={run.overdue ? "amber" : "brand"}>Queued</Badge>
          <span className="text-xs text-slate-500">
            {run.since ? `since ${formatRelativeTime(run.since, now)}` : null}
            {run.overdue ? " · not picked up: is the background worker running?" : null}
          </span>
        </span>
      );
    case "running":
      return (
        <span className="flex flex-wrap items-center gap-1.5">
          <Badge tone="amber">Running</Badge>
          {run.since ? (
            <span className="text-xs text-slate-500">started {formatRelativeTime(run.since, now)}</span>
          ) : null}
        </span>
      );
    case "failed":
      return (
        <span className="flex flex-col items-start gap-1">
          <Badge tone="red">Failed</Badge>
          <span
            className={
              compact ? "line-clamp-2 max-w-56 text-xs break-words text-red-700" : "text-sm break-words text-red-700"
            }
            title={run.error ?? undefined}
          >
            {run.error}
          </span>
        </span>
      );
    case "static":
      return <span className="text-slate-500">Manual (static)</span>;
    case "idle":
      return run.lastRun ? null : <span className="text-slate-500">Never recalculated</span>;
  }
}

function LastRunLine({ run, now }: { run: RunStatus; now: Date }) {
  const last = run.lastRun;
  if (!last) return null;
  const duration = formatDuration(last.durationMs);
  return (
    <span className="text-xs text-slate-600">
      <span className="sr-only">Last run: </span>
      <time dateTime={last.at.toISOString()} title={formatDateTime(last.at)}>
        {run.state === "queued" || run.state === "running" ? "Previous run " : "Last run "}
        {formatRelativeTime(last.at, now)}
      </time>
      {duration ? ` · ${duration}` : null}
      {last.status === "SUCCEEDED" ? (
        <span>
          {" "}
          · {formatCount(last.entered)} entered, {formatCount(last.exited)} exited
        </span>
      ) : run.state === "failed" ? null : (
        <span className="text-red-700"> · failed</span>
      )}
    </span>
  );
}
