import { z } from "zod";
import type { FieldIssue } from "@/lib/errors";

/**
 * Bulk endpoints (contacts, events) validate the envelope as a whole (a 400 if it is
 * wrong) and the rows one by one: valid rows are stored, invalid ones are reported by
 * their index in the request and never fail the others.
 */
export type RowError = { index: number; message: string };

/** `{ [key]: unknown[] }` with 1..max rows; the rows themselves are checked later. */
export function bulkEnvelope<K extends string>(key: K, max: number, noun: string) {
  return z.strictObject({
    [key]: z
      .array(z.unknown(), { error: `Expected "${key}": a list of ${noun}` })
      .min(1, `Send at least one ${noun.replace(/s$/, "")}`)
      .max(max, `At most ${max.toLocaleString("en-US")} ${noun} per request`),
  } as { [P in K]: z.ZodArray<z.ZodUnknown> });
}

/** One row's issues as one message: `email: Enter a valid email…; leadScore: …`. */
export function rowMessage(issues: readonly FieldIssue[] | readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map((part) => String(part)).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
