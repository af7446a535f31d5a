"use client";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { BuilderCampaign } from "@/lib/segments/builder-types";
import { DEVICES } from "@/lib/segments/engine/fields";
import type { EventFilter, EventWindow } from "@/lib/segments/engine/types";

type WindowKind = "all" | "lastDays" | "moreThanDaysAgo" | "between";

const WINDOW_LABELS: Record<WindowKind, string> = {
  all: "at any time",
  lastDays: "in the last…",
  moreThanDaysAgo: "more than … days ago",
  between: "between dates",
};

function windowKind(window: EventWindow | undefined): WindowKind {
  if (!window) return "all";
  if ("lastDays" in window) return "lastDays";
  if ("moreThanDaysAgo" in window) return "moreThanDaysAgo";
  return "between";
}

function newWindow(kind: WindowKind, days: number | undefined): EventWindow | undefined {
  switch (kind) {
    case "all":
      return undefined;
    case "lastDays":
      return { lastDays: days ?? 30 };
    case "moreThanDaysAgo":
      return { moreThanDaysAgo: days ?? 30 };
    case "between":
      return { between: ["", ""] };
  }
}

/** An event condition's time window and filters (campaign, URL, device, campaign name). */
export function EventOptions({
  window,
  filter,
  urlApplies,
  campaigns,
  placeholderName,
  invalidWindow,
  invalidCampaign,
  onChange,
}: {
  window: EventWindow | undefined;
  filter: EventFilter | undefined;
  urlApplies: boolean;
  campaigns: BuilderCampaign[];
  /** A template's campaign still to choose. */
  placeholderName?: string;
  invalidWindow?: boolean;
  invalidCampaign?: boolean;
  onChange: (next: { window?: EventWindow; filter?: EventFilter }) => void;
}) {
  const kind = windowKind(window);
  const days =
    window && "lastDays" in window
      ? window.lastDays
      : window && "moreThanDaysAgo" in window
        ? window.moreThanDaysAgo
        : undefined;
  const setFilter = (key: keyof EventFilter, value: string) =>
    onChange({ window, filter: { ...filter, [key]: value } });
  const campaignId = filter?.campaignId ?? "";

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <Select
        aria-label="Time window"
        className="h-8 w-auto!"
        value={kind}
        aria-invalid={invalidWindow || undefined}
        onChange={(event) => onChange({ window: newWindow(event.target.value as WindowKind, days), filter })}
      >
        {(Object.keys(WINDOW_LABELS) as WindowKind[]).map((k) => (
          <option key={k} value={k}>
            {WINDOW_LABELS[k]}
          </option>
        ))}
      </Select>
      {kind === "lastDays" || kind === "moreThanDaysAgo" ? (
        <span className="flex items-center gap-1">
          <Input
            type="number"
            min={0}
            aria-label="Window days"
            aria-invalid={invalidWindow || undefined}
            className="h-8 w-20!"
            value={days ?? ""}
            onChange={(event) => {
              const n = event.target.value === "" ? Number.NaN : Number(event.target.value);
              const value = Number.isFinite(n) ? n : (undefined as unknown as number);
              onChange({ window: kind === "lastDays" ? { lastDays: value } : { moreThanDaysAgo: value }, filter });
            }}
          />
          <span className="text-slate-500">{kind === "lastDays" ? "days" : "days ago"}</span>
        </span>
      ) : null}
      {window && "between" in window ? (
        <span className="flex items-center gap-1">
          <Input
            type="date"
            aria-label="Window from"
            className="h-8"
            value={window.between[0]}
            onChange={(e) => onChange({ window: { between: [e.target.value, window.between[1]] }, filter })}
          />
          <span className="text-slate-500">and</span>
          <Input
            type="date"
            aria-label="Window to"
            className="h-8"
            value={window.between[1]}
            onChange={(e) => onChange({ window: { between: [window.between[0], e.target.value] }, filter })}
          />
        </span>
      ) : null}
      <span className="text-slate-400">·</span>
      <Select
        aria-label="Campaign"
        className="h-8 w-auto! max-w-56"
        value={campaignId}
        aria-invalid={invalidCampaign || undefined}
        onChange={(event) => setFilter("campaignId", event.target.value)}
      >
        <option value="">{placeholderName ? `Choose “${placeholderName}”…` : "any campaign"}</option>
        {campaignId && !campaigns.some((c) => c.id === campaignId) ? (
          <option value={campaignId}>campaign {campaignId}</option>
        ) : null}
        {campaigns.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {campaign.name}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Device"
        className="h-8 w-auto!"
        value={filter?.device ?? ""}
        onChange={(event) => setFilter("device", event.target.value)}
      >
        <option value="">any device</option>
        {DEVICES.map((device) => (
          <option key={device} value={device}>
            on {device}
          </option>
        ))}
      </Select>
      {urlApplies ? (
        <Input
          aria-label="URL contains"
          placeholder="URL contains…"
          className="h-8 w-36!"
          value={filter?.urlContains ?? ""}
          onChange={(event) => setFilter("urlContains", event.target.value)}
        />
      ) : null}
      <Input
        aria-label="Campaign name contains"
        placeholder="Campaign name contains…"
        className="h-8 w-44!"
        value={filter?.campaignNameContains ?? ""}
        onChange={(event) => setFilter("campaignNameContains", event.target.value)}
      />
    </div>
  );
}
