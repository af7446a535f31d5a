import { formatDateTime } from "@/components/contacts/format";
import { formatCount } from "@/components/data-table/format";
import { formatDuration } from "@/components/segments/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RecalculationRun } from "@/lib/data/segments/segment-run-history";
import { STUCK_RUN_AFTER_MS } from "@/lib/segments/run-status";

const TRIGGER_LABELS: Record<RecalculationRun["trigger"], string> = {
  SAVE: "Saved",
  MANUAL: "Manual",
  SCHEDULE: "Schedule",
  DEPENDENCY: "Dependency",
  API: "API",
  EVENTS: "New events",
  CONTACTS_DELETED: "Contacts deleted",
};

const STATUS: Record<RecalculationRun["status"], { label: string; tone: BadgeTone }> = {
  RUNNING: { label: "Running", tone: "amber" },
  SUCCEEDED: { label: "Succeeded", tone: "green" },
  FAILED: { label: "Failed", tone: "red" },
};

/** The segment's latest recalculations, newest first. */
/** A run RUNNING for longer than a run can last was interrupted (lib/segments/run-status.ts). */
function statusOf(run: RecalculationRun, now: Date): { label: string; tone: BadgeTone } {
  if (run.status === "RUNNING" && now.getTime() - run.startedAt.getTime() > STUCK_RUN_AFTER_MS) {
    return { label: "Interrupted", tone: "red" };
  }
  return STATUS[run.status];
}

export function HistoryTable({ runs, now }: { runs: RecalculationRun[]; now: Date }) {
  if (runs.length === 0) {
    return <p className="px-5 py-4 text-sm text-slate-500">No recalculations yet.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Membership history">
        <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-2">
              Started
            </th>
            <th scope="col" className="px-4 py-2">
              Trigger
            </th>
            <th scope="col" className="px-4 py-2">
              Who
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Duration
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Entered
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Exited
            </th>
            <th scope="col" className="px-4 py-2">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(run.startedAt)}</td>
              <td className="px-4 py-2">{TRIGGER_LABELS[run.trigger] ?? run.trigger}</td>
              <td className="px-4 py-2">
                {run.requestedBy ? (
                  (run.requestedBy.name ?? "Deleted user")
                ) : (
                  <span className="text-slate-500">System</span>
                )}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{formatDuration(run.durationMs) ?? "—"}</td>
              <td className="px-4 py-2 text-right text-green-700 tabular-nums">+{formatCount(run.entered)}</td>
              <td className="px-4 py-2 text-right text-red-700 tabular-nums">−{formatCount(run.exited)}</td>
              <td className="px-4 py-2">
                <Badge tone={statusOf(run, now).tone}>{statusOf(run, now).label}</Badge>
                {run.error ? <p className="mt-1 max-w-md text-xs break-words text-red-700">{run.error}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
