/**
 * What the editor says about an audience's size (the brief's thresholds): a pure rule so
 * the page and the tests agree.
 */
export type SizeAdvice = { level: "empty" | "testing" | "standard" | "large" | "split"; message: string };

export function sizeAdvice(count: number): SizeAdvice {
  if (count <= 0) return { level: "empty", message: "Nobody to send to: choose segments to include" };
  if (count < 100) return { level: "testing", message: "Good for testing" };
  if (count <= 1_000) return { level: "standard", message: "Standard campaign size" };
  if (count <= 10_000) return { level: "large", message: "Large, monitor closely" };
  return { level: "split", message: "Consider splitting into smaller sends" };
}

/** Parts suggested for a split: about 10,000 contacts each, at least 2. */
export function suggestedParts(count: number): number {
  return Math.min(20, Math.max(2, Math.ceil(count / 10_000)));
}
