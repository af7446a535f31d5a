"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { formatCount } from "@/components/data-table/format";
import { buttonClasses } from "@/components/ui/button";
import { type ImportJobStatus, percentDone } from "./status";

const POLL_MS = 1_000;

/**
 * Step 3: the running import, polled from the server (so a reload shows the same), then
 * its result with the failed rows to download.
 */
export function ImportProgress({ initial }: { initial: ImportJobStatus }) {
  const [status, setStatus] = useState(initial);
  const running = status.status === "RUNNING";

  useEffect(() => {
    if (!running) return;
    let cancelled = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/contacts/import/${status.id}/status`, { cache: "no-store" });
        if (response.ok && !cancelled) setStatus((await response.json()) as ImportJobStatus);
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [running, status.id]);

  const percent = percentDone(status);
  return (
    <div className="space-y-5">
      <div>
        <div className="flex items-baseline justify-between text-sm">
          <span className="font-medium text-slate-900" aria-live="polite">
            {running ? "Importing…" : status.status === "SUCCEEDED" ? "Import finished" : "Import stopped"}
          </span>
          <span className="text-slate-500 tabular-nums">
            {formatCount(status.processedRows)} of {formatCount(status.totalRows)} rows
            {status.failed ? ` · ${formatCount(status.failed)} errors so far` : ""}
          </span>
        </div>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${formatCount(status.processedRows)} of ${formatCount(status.totalRows)} rows`}
          className="mt-2 h-2.5 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      </div>

      {status.error ? (
        <p role="alert" className="text-sm text-red-700">
          {status.error}
        </p>
      ) : null}

      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" aria-label="Import result">
        <Count label="Created" value={status.created} />
        <Count label="Updated" value={status.updated} />
        <Count label="Skipped" value={status.skipped} />
        <Count label="Failed" value={status.failed} />
      </dl>

      {!running ? (
        <div className="flex flex-wrap gap-3">
          {status.segmentId ? (
            <Link href={`/segments/${status.segmentId}`} className={buttonClasses()}>
              Open segment “{status.segmentName}”
            </Link>
          ) : null}
          {status.failed > 0 ? (
            <a
              href={`/contacts/import/${status.id}/failed-rows`}
              className={buttonClasses({ variant: "secondary" })}
              download
            >
              Download failed rows (CSV)
            </a>
          ) : null}
          <Link href="/contacts/import" className={buttonClasses({ variant: "ghost" })}>
            Import another file
          </Link>
        </div>
      ) : null}
    </div>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">{formatCount(value)}</dd>
    </div>
  );
}
