import type { ExplainNode } from "@/lib/segments/engine/evaluate";

/** The contact's own value, in words: events are counted, segment conditions say in / not in. */
export function formatActual(node: Pick<ExplainNode, "field" | "actual">): string {
  const { actual, field = "" } = node;
  if (field.startsWith("event.") && typeof actual === "number") {
    return `${actual} matching event${actual === 1 ? "" : "s"}`;
  }
  if (field.startsWith("segment") && typeof actual === "boolean") return actual ? "in it" : "not in it";
  if (actual === null || actual === undefined || actual === "") return "not set";
  if (Array.isArray(actual)) return actual.length ? actual.map(String).join(", ") : "none";
  if (typeof actual === "object") return JSON.stringify(actual);
  return String(actual);
}

/** A fraction as a percentage: 0.2534 → "25.3%"; 0 → "0%". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "—";
  const percent = fraction * 100;
  if (percent === 0) return "0%";
  return `${percent.toFixed(Math.abs(percent) >= 10 ? Math.min(digits, 1) : digits).replace(/\.0+$/, "")}%`;
}

/** part / whole as a percentage, "—" when the whole is empty. */
export function sharePercent(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : "—";
}

/** Σ numerator / Σ denominator over days (a window's weighted rate); 0 when the denominator is 0. */
export function weightedRate<T>(days: T[], numerator: (day: T) => number, denominator: (day: T) => number): number {
  let top = 0;
  let bottom = 0;
  for (const day of days) {
    top += numerator(day);
    bottom += denominator(day);
  }
  return bottom > 0 ? top / bottom : 0;
}
