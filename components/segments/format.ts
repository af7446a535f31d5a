import type { BadgeTone } from "@/components/ui/badge";
import type { SegmentFreshness } from "@/lib/segments/freshness";

export const TYPE_LABELS = { DYNAMIC: "Dynamic", STATIC: "Static" } as const;
export const TYPE_TONES: Record<keyof typeof TYPE_LABELS, BadgeTone> = { DYNAMIC: "brand", STATIC: "neutral" };

export const FRESHNESS_LABELS: Record<SegmentFreshness, string> = {
  fresh: "Fresh",
  stale: "Stale",
  failed: "Failed",
  never: "Pending",
};

export const FRESHNESS_TONES: Record<SegmentFreshness, BadgeTone> = {
  fresh: "green",
  stale: "amber",
  failed: "red",
  never: "neutral",
};

/** What the freshness badge's tooltip explains. */
export function freshnessHint(freshness: SegmentFreshness, error: string | null | undefined): string {
  switch (freshness) {
    case "fresh":
      return "Membership is up to date";
    case "stale":
      return "Not recalculated in the last hour, or the rules changed since";
    case "failed":
      return error ? `The last recalculation failed: ${error}` : "The last recalculation failed";
    case "never":
      return "Not calculated yet: membership appears after the first recalculation";
  }
}

const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto", style: "short" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/**
 * "5 min. ago", "yesterday", "just now", against a `now` given by the server so the
 * server's HTML and the browser's first render agree.
 */
export function formatRelativeTime(value: Date | string, now: Date | string): string {
  const ms = new Date(value).getTime() - new Date(now).getTime();
  if (Number.isNaN(ms)) return "—";
  if (Math.abs(ms) < 60_000) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size) return relative.format(Math.trunc(ms / size), unit);
  }
  return "just now";
}

/** "850 ms", "3.2 s", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
