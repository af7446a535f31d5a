"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { sendCampaignAction, setAudienceAction, splitAudienceAction } from "@/app/(app)/campaigns/actions";
import { ScheduleForm } from "@/components/campaigns/schedule-form";
import { formatCount } from "@/components/data-table/format";
import { FRESHNESS_LABELS, FRESHNESS_TONES } from "@/components/segments/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { type SizeAdvice, sizeAdvice, suggestedParts } from "@/lib/campaigns/size-advice";
import type { AudienceCount } from "@/lib/data/campaigns/campaign-audience";
import type { SegmentFreshness } from "@/lib/segments/freshness";

export type SegmentOption = { id: string; name: string; contactCount: number; freshness: SegmentFreshness };
type Audience = { include: string[]; exclude: string[] };

const ADVICE_TONES: Record<SizeAdvice["level"], BadgeTone> = {
  empty: "neutral",
  testing: "brand",
  standard: "green",
  large: "amber",
  split: "red",
};

/**
 * A draft's audience: segments to include and to exclude, each with its size and
 * freshness; every change is saved and answered with the live count, step by step, and
 * the brief's size advice. Then the split and the send.
 */
export function AudienceEditor(props: {
  campaignId: string;
  channel: "EMAIL" | "CALL";
  options: SegmentOption[];
  initial: Audience;
  initialCount: AudienceCount;
  demoMode: boolean;
}) {
  const { campaignId, channel, options, demoMode } = props;
  const router = useRouter();
  const [audience, setAudience] = useState<Audience>(props.initial);
  const [count, setCount] = useState<AudienceCount>(props.initialCount);
  const [error, setError] = useState<string | null>(null);
  const [counting, startCounting] = useTransition();
  const byId = new Map(options.map((option) => [option.id, option]));

  const save = (next: Audience) => {
    setAudience(next);
    setError(null);
    startCounting(async () => {
      const result = await setAudienceAction(campaignId, next);
      if (result.ok) setCount(result.data.count);
      else setError(result.error);
    });
  };
  const chosen = new Set([...audience.include, ...audience.exclude]);
  const available = options.filter((option) => !chosen.has(option.id));
  const advice = sizeAdvice(count.final);

  return (
    <div className="space-y-5">
      <div className="grid gap-5 lg:grid-cols-2">
        <SegmentList
          title="Include segments"
          side="include"
          ids={audience.include}
          byId={byId}
          available={available}
          onAdd={(id) => save({ ...audience, include: [...audience.include, id] })}
          onRemove={(id) => save({ ...audience, include: audience.include.filter((x) => x !== id) })}
        />
        <SegmentList
          title="Exclude segments"
          side="exclude"
          ids={audience.exclude}
          byId={byId}
          available={available}
          onAdd={(id) => save({ ...audience, exclude: [...audience.exclude, id] })}
          onRemove={(id) => save({ ...audience, exclude: audience.exclude.filter((x) => x !== id) })}
        />
      </div>

      <section aria-label="Audience size" aria-busy={counting || undefined} className="rounded-md bg-slate-50 p-4">
        <dl className="flex flex-wrap items-baseline gap-x-6 gap-y-2 text-sm text-slate-600">
          <div>
            <dt className="inline">Included (deduplicated): </dt>
            <dd className="inline font-medium text-slate-900">{formatCount(count.included)}</dd>
          </div>
          <div>
            <dt className="inline">Excluded: </dt>
            <dd className="inline font-medium text-slate-900">−{formatCount(count.excluded)}</dd>
          </div>
          {channel === "EMAIL" ? (
            <div>
              <dt className="inline">Unsubscribed or bounced: </dt>
              <dd className="inline font-medium text-slate-900">−{formatCount(count.unsubscribedOrBounced)}</dd>
            </div>
          ) : null}
          <div>
            <dt className="inline">Final audience: </dt>
            <dd className="inline text-lg font-semibold text-slate-900" data-testid="final-audience">
              {formatCount(count.final)}
            </dd>
          </div>
          <div>
            <dt className="sr-only">Size advice</dt>
            <dd>
              <Badge tone={ADVICE_TONES[advice.level]}>{advice.message}</Badge>
            </dd>
          </div>
        </dl>
        <p role="status" className="mt-2 text-xs text-slate-500">
          {counting
            ? "Counting…"
            : "Counted from each segment's stored membership; recalculate a stale segment on its page first."}
        </p>
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </section>

      {count.final >= 2 ? <SplitForm campaignId={campaignId} total={count.final} disabled={counting} /> : null}
      <SendForm
        campaignId={campaignId}
        disabled={counting || count.final === 0}
        demoMode={demoMode && channel === "EMAIL"}
        onSent={() => router.refresh()}
      />
    </div>
  );
}

function SegmentList(props: {
  title: string;
  side: "include" | "exclude";
  ids: string[];
  byId: Map<string, SegmentOption>;
  available: SegmentOption[];
  onAdd: (id: string) => void;
  onRemove: (id: string) => void;
}) {
  const selectId = useId();
  const [picked, setPicked] = useState("");
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">{props.title}</legend>
      <ul className="space-y-2">
        {props.ids.length === 0 ? <li className="text-sm text-slate-500">None yet.</li> : null}
        {props.ids.map((id) => {
          const segment = props.byId.get(id);
          return (
            <li key={id} className="flex items-center justify-between gap-3 rounded-md px-3 py-2 ring-1 ring-slate-200">
              <span className="min-w-0">
                <Link href={`/segments/${id}`} className="font-medium text-brand-700 hover:underline">
                  {segment?.name ?? "Unknown segment"}
                </Link>
                {segment ? (
                  <span className="ml-2 text-sm text-slate-500">{formatCount(segment.contactCount)} contacts</span>
                ) : null}
              </span>
              <span className="flex items-center gap-2">
                {segment ? (
                  <Badge tone={FRESHNESS_TONES[segment.freshness]}>{FRESHNESS_LABELS[segment.freshness]}</Badge>
                ) : null}
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove ${segment?.name ?? "segment"} from ${props.side}d segments`}
                  onClick={() => props.onRemove(id)}
                >
                  Remove
                </Button>
              </span>
            </li>
          );
        })}
      </ul>
      <div className="flex items-end gap-2">
        <div className="grow">
          <label htmlFor={selectId} className="mb-1 block text-xs font-medium text-slate-500">
            Segment to {props.side}
          </label>
          <Select id={selectId} value={picked} onChange={(event) => setPicked(event.target.value)}>
            <option value="">Choose a segment…</option>
            {props.available.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name} ({formatCount(option.contactCount)})
              </option>
            ))}
          </Select>
        </div>
        <Button
          variant="secondary"
          disabled={!picked}
          onClick={() => {
            props.onAdd(picked);
            setPicked("");
          }}
        >
          {props.side === "include" ? "Include" : "Exclude"}
        </Button>
      </div>
    </fieldset>
  );
}

function SplitForm({ campaignId, total, disabled }: { campaignId: string; total: number; disabled: boolean }) {
  const inputId = useId();
  const [parts, setParts] = useState(String(suggestedParts(total)));
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-md p-4 ring-1 ring-slate-200"
      aria-label="Split the audience"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await splitAudienceAction({ campaignId, parts });
          setOutcome(
            result.ok
              ? {
                  ok: true,
                  text: `Created ${result.data.length} static segments: ${result.data
                    .map((part) => `${part.name} (${formatCount(part.contactCount)})`)
                    .join(", ")}.`,
                }
              : { ok: false, text: result.issues?.[0]?.message ?? result.error },
          );
        });
      }}
    >
      <div>
        <label htmlFor={inputId} className="mb-1 block text-xs font-medium text-slate-500">
          Split into equal random parts
        </label>
        <Input
          id={inputId}
          type="number"
          min={2}
          max={20}
          value={parts}
          onChange={(event) => setParts(event.target.value)}
          className="w-24"
        />
      </div>
      <Button type="submit" variant="secondary" pending={pending} disabled={disabled}>
        Split audience
      </Button>
      <p role="status" className={outcome?.ok === false ? "text-sm text-red-600" : "text-sm text-slate-600"}>
        {outcome?.text}
      </p>
    </form>
  );
}

function SendForm(props: { campaignId: string; disabled: boolean; demoMode: boolean; onSent: () => void }) {
  const [simulate, setSimulate] = useState(props.demoMode);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-4">
      <Button
        pending={pending}
        disabled={props.disabled}
        onClick={() =>
          start(async () => {
            setError(null);
            const result = await sendCampaignAction({ campaignId: props.campaignId, simulateEngagement: simulate });
            if (result.ok) props.onSent();
            else setError(result.error);
          })
        }
      >
        Send now
      </Button>
      {props.demoMode ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={simulate} onChange={(event) => setSimulate(event.target.checked)} />
          Simulate engagement (demo mode): opens, clicks and unsubscribes over the next days
        </label>
      ) : null}
      <p className="text-xs text-slate-500">
        Delivery is simulated: no mail provider is connected. The audience is frozen when you send.
      </p>
      <ScheduleForm
        campaignId={props.campaignId}
        disabled={props.disabled}
        simulateEngagement={props.demoMode && simulate}
        onScheduled={props.onSent}
      />
      {error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
