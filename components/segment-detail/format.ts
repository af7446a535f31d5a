import type { ExplainNode } from "@/lib/segments/evaluate";

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
