"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { explainContactAction } from "@/app/(app)/segments/[id]/actions";
import type { ExplainOutcome } from "@/app/(app)/segments/[id]/detail-actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ExplainNode } from "@/lib/segments/engine/evaluate";
import { formatActual } from "./format";

/** Pick a contact by email and see, condition by condition, why they are (not) in the segment. */
export function ExplainPanel({ segmentId }: { segmentId: string }) {
  const inputId = useId();
  const errorId = useId();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ExplainOutcome | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      try {
        const result = await explainContactAction({ segmentId, email });
        if (result.ok) setOutcome(result.data);
        else {
          setOutcome(null);
          setError(result.error);
        }
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
            Contact email
          </label>
          <Input
            id={inputId}
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            placeholder="jane@example.com"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="mt-1"
          />
        </div>
        <Button type="submit" pending={pending}>
          Explain
        </Button>
      </form>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {outcome ? <ExplainResult outcome={outcome} /> : null}
    </div>
  );
}

function ExplainResult({ outcome }: { outcome: ExplainOutcome }) {
  const { tree } = outcome;
  const includes = tree.children?.filter((node) => node.role !== "exclude") ?? [];
  const exclusions = tree.children?.filter((node) => node.role === "exclude") ?? [];
  return (
    <section aria-label="Explanation" className="space-y-3">
      <p
        className={
          tree.matched
            ? "rounded-md bg-green-50 p-3 font-medium text-green-800"
            : "rounded-md bg-slate-100 p-3 font-medium text-slate-800"
        }
      >
        <Link href={`/contacts/${outcome.contactId}`} className="underline">
          {outcome.email}
        </Link>
        : {tree.matched ? "In the segment" : "Not in the segment"}
        {tree.included && tree.excluded ? " (matches the rules, but an exclusion leaves them out)" : ""}
      </p>
      <div className="text-sm">
        <p className="font-medium text-slate-900">
          {tree.match === "any" ? "Any of these groups" : "All of these groups"}{" "}
          <Verdict matched={Boolean(tree.included)} />
        </p>
        <ul className="mt-2 space-y-2">
          {includes.map((node) => (
            <li key={node.path.join(".")} className="rounded-md border border-slate-200 p-3">
              <NodeView node={node} />
            </li>
          ))}
        </ul>
      </div>
      {exclusions.length > 0 ? (
        <div className="text-sm">
          <p className="font-medium text-red-900">
            Exclusions <span className="font-normal text-slate-600">(any one that matches leaves the contact out)</span>
          </p>
          <ul className="mt-2 space-y-2">
            {exclusions.map((node) => (
              <li key={node.path.join(".")} className="rounded-md border border-red-200 p-3">
                <NodeView node={node} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function NodeView({ node }: { node: ExplainNode }) {
  if (node.kind === "condition") {
    return (
      <div className="flex flex-wrap items-baseline gap-x-2" data-matched={node.matched}>
        <Verdict matched={node.matched} />
        <span>{node.label}</span>
        <span className="text-slate-500">— actual: {formatActual(node)}</span>
      </div>
    );
  }
  return (
    <div>
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {node.match === "any" ? "Any of these" : "All of these"} <Verdict matched={node.matched} />
      </p>
      <ul className="mt-1 space-y-1">
        {(node.children ?? []).map((child) => (
          <li
            key={child.path.join(".")}
            className={child.kind === "group" ? "ml-4 border-l-2 border-slate-200 pl-3" : undefined}
          >
            <NodeView node={child} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Verdict({ matched }: { matched: boolean }) {
  return matched ? (
    <span className="font-semibold text-green-700">
      <span aria-hidden="true">✓</span> matched
    </span>
  ) : (
    <span className="font-semibold text-red-700">
      <span aria-hidden="true">✗</span> not matched
    </span>
  );
}
