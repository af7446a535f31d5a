"use client";

import { useId, useState, useTransition } from "react";
import { segmentOverlapAction } from "@/app/(app)/segments/[id]/actions";
import { formatCount } from "@/components/data-table/format";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { SegmentOverlap } from "@/lib/data/segments/segment-overlap";
import { sharePercent } from "./format";

/** Pick another segment of the company; see how many contacts the two share. */
export function OverlapPanel({
  segmentId,
  choices,
}: {
  segmentId: string;
  /** The company's other segments. */
  choices: { id: string; name: string }[];
}) {
  const selectId = useId();
  const [otherId, setOtherId] = useState("");
  const [overlap, setOverlap] = useState<SegmentOverlap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const compare = (id: string) => {
    setOtherId(id);
    setOverlap(null);
    setError(null);
    if (!id) return;
    startTransition(async () => {
      try {
        const result = await segmentOverlapAction({ segmentId, otherId: id });
        if (result.ok) setOverlap(result.data);
        else setError(result.error);
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });
  };

  if (choices.length === 0) {
    return <p className="text-sm text-slate-500">This is the company&apos;s only segment: nothing to compare with.</p>;
  }

  return (
    <div className="space-y-4">
      <div className="max-w-sm">
        <Label htmlFor={selectId}>Compare with</Label>
        <Select id={selectId} className="mt-1.5 w-full" value={otherId} onChange={(e) => compare(e.target.value)}>
          <option value="">Choose a segment…</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </Select>
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {pending ? <span className="text-slate-500">Counting…</span> : null}
        {error ? <span className="text-red-700">{error}</span> : null}
        {overlap ? <OverlapFigures overlap={overlap} /> : null}
      </div>
    </div>
  );
}

function OverlapFigures({ overlap }: { overlap: SegmentOverlap }) {
  const { segment, other, shared } = overlap;
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      <div className="rounded-md bg-brand-50 p-3">
        <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">In both</dt>
        <dd className="text-xl font-semibold text-slate-900 tabular-nums">{formatCount(shared)} contacts</dd>
      </div>
      {(
        [
          [segment, other, "first"],
          [other, segment, "second"],
        ] as const
      ).map(([one, two, key]) => (
        <div key={key} className="rounded-md bg-slate-50 p-3">
          <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{one.name}</dt>
          <dd className="text-slate-700">
            {formatCount(one.size)} contacts · {sharePercent(shared, one.size)} also in {two.name}
          </dd>
        </div>
      ))}
    </dl>
  );
}
