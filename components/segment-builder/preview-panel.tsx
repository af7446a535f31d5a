"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { previewSegmentAction } from "@/app/(app)/segments/new/actions";
import { formatCount } from "@/components/data-table/format";
import type { PreviewOutcome } from "@/lib/segments/builder-actions";
import { type DefinitionIssue, formatIssue } from "@/lib/segments/engine/types";

export const PREVIEW_DEBOUNCE_MS = 300;

type PreviewState =
  | { status: "idle" }
  | { status: "invalid"; issues: DefinitionIssue[] }
  | { status: "loading" }
  | { status: "ready"; result: PreviewOutcome }
  | { status: "error"; message: string; issues?: DefinitionIssue[] };

/**
 * The live count: on every valid change (debounced) the server counts the definition
 * exactly and lists 10 contacts. Requests carry a sequence number and only the latest may
 * update the panel; while one is on its way the count says so instead of showing the
 * previous number as if it were current.
 */
export function PreviewPanel({
  companyId,
  segmentId,
  definitionJson,
  issues,
  onServerIssues,
}: {
  companyId: string;
  segmentId?: string;
  /** The definition as JSON text (stable identity for the effect). */
  definitionJson: string;
  /** Issues the browser already knows; none → ask the server. */
  issues: DefinitionIssue[];
  /** Issues only the server can find (segment cycles), to show at their conditions. */
  onServerIssues: (issues: DefinitionIssue[]) => void;
}) {
  const [state, setState] = useState<PreviewState>({ status: "idle" });
  const latest = useRef(0);
  const valid = issues.length === 0;
  const issuesKey = issues.map(formatIssue).join("\n");

  // biome-ignore lint/correctness/useExhaustiveDependencies: issuesKey stands for issues.
  useEffect(() => {
    const seq = ++latest.current;
    if (!valid) {
      setState({ status: "invalid", issues });
      return;
    }
    setState({ status: "loading" });
    const timer = setTimeout(async () => {
      try {
        const result = await previewSegmentAction({ companyId, segmentId, rules: JSON.parse(definitionJson) });
        if (seq !== latest.current) return; // a newer change is on its way
        if (result.ok) {
          onServerIssues([]);
          setState({ status: "ready", result: result.data });
        } else {
          onServerIssues(result.issues ?? []);
          setState({ status: "error", message: result.error, issues: result.issues });
        }
      } catch {
        if (seq === latest.current) setState({ status: "error", message: "Could not reach the server." });
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [companyId, segmentId, definitionJson, valid, issuesKey, onServerIssues]);

  const busy = state.status === "loading";
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="preview-heading" className="text-sm font-semibold text-slate-900">
          Live preview
        </h2>
      </div>
      <div className="px-4 py-3" aria-busy={busy}>
        <div role="status" aria-live="polite" aria-label="Matching contacts" className="min-h-16">
          {state.status === "ready" ? (
            <>
              <p className="text-3xl font-semibold text-slate-900 tabular-nums" data-testid="preview-count">
                {formatCount(state.result.count)}
              </p>
              <p className="text-sm text-slate-600">
                {state.result.count === 1 ? "contact matches" : "contacts match"} right now
              </p>
              <p className="mt-1 text-xs text-slate-500">
                Computed at{" "}
                <time dateTime={state.result.computedAt}>
                  {new Date(state.result.computedAt).toLocaleTimeString("en-US", { hour12: false })}
                </time>{" "}
                in {state.result.durationMs} ms
              </p>
            </>
          ) : state.status === "loading" ? (
            <p className="flex items-center gap-2 py-2 text-sm text-slate-600">
              <span className="size-3 animate-pulse rounded-full bg-brand-500" aria-hidden="true" />
              Counting…
            </p>
          ) : state.status === "invalid" ? (
            <div className="text-sm text-amber-800">
              <p className="font-medium">Not counted yet: the rules are incomplete.</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {state.issues.slice(0, 5).map((issue) => (
                  <li key={formatIssue(issue)}>{formatIssue(issue)}</li>
                ))}
              </ul>
              {state.issues.length > 5 ? <p className="mt-1">and {state.issues.length - 5} more</p> : null}
            </div>
          ) : state.status === "error" ? (
            <div className="text-sm text-red-700">
              <p className="font-medium">{state.message}</p>
              {state.issues?.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {state.issues.map((issue) => (
                    <li key={formatIssue(issue)}>{formatIssue(issue)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-500">Add a condition to see who matches.</p>
          )}
        </div>
        {state.status === "ready" && state.result.sample.length > 0 ? (
          <div className="mt-3 border-t border-slate-100 pt-3">
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Sample</h3>
            <ul aria-label="Sample contacts" className="mt-1 divide-y divide-slate-100">
              {state.result.sample.map((contact) => (
                <li key={contact.id} className="py-1.5 text-sm">
                  <Link href={`/contacts/${contact.id}`} className="font-medium text-brand-700 hover:underline">
                    {contact.name ?? contact.email}
                  </Link>
                  <p className="truncate text-xs text-slate-500">
                    {[
                      contact.name ? contact.email : null,
                      contact.country,
                      contact.leadScore !== null ? `score ${contact.leadScore}` : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
