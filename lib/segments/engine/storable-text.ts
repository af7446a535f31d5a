import type { z } from "zod";

/**
 * The one rule for text we store: PostgreSQL's text and jsonb refuse the NUL character
 * (U+0000), failing the whole statement, and UTF-8 cannot encode a lone UTF-16 surrogate
 * (e.g. "\ud800" from a JSON escape): jsonb refuses it, text would store a replacement
 * character instead of what was sent. Values a user typed or named things are
 * refused with a field error (rejectUnstorableText); search text is cleaned instead
 * (stripUnstorableText). Lives in the engine because rule values need it too; the app
 * imports it from here.
 */

export const NUL_MESSAGE = "must not contain the NUL character (\\u0000)";
export const LONE_SURROGATE_MESSAGE = "must not contain a lone UTF-16 surrogate (broken Unicode text)";

const NUL = "\u0000";
// In unicode mode a surrogate pair reads as one code point, so this matches lone halves only
// (portable, unlike String#isWellFormed or lookbehind: the builder's form runs it in browsers).
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const LONE_SURROGATES = /[\ud800-\udfff]/gu;

/** Why PostgreSQL cannot store this text, or undefined when it can. */
export function unstorableTextMessage(text: string): string | undefined {
  if (text.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return LONE_SURROGATE_MESSAGE;
  return undefined;
}

export type UnstorableTextIssue = { path: (string | number)[]; message: string };

/** Stops a hostile document from producing millions of issues. */
const MAX_ISSUES = 20;

/**
 * Every string (and object key) in a JSON-like value that PostgreSQL cannot store, at its
 * path. An iterative walk: deep documents cannot overflow the stack.
 */
export function unstorableTextIssues(value: unknown): UnstorableTextIssue[] {
  const issues: UnstorableTextIssue[] = [];
  // An entry of an object is checked by its name first; a bad name hides its value.
  type Item = { value: unknown; path: (string | number)[]; key?: string };
  const stack: Item[] = [{ value, path: [] }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const item = stack.pop()!;
    if (item.key !== undefined) {
      const message = unstorableTextMessage(item.key);
      if (message) issues.push({ path: item.path, message: `the name ${message}` });
      else stack.push({ value: item.value, path: item.path });
    } else if (typeof item.value === "string") {
      const message = unstorableTextMessage(item.value);
      if (message) issues.push({ path: item.path, message });
    } else if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) stack.push({ value: item.value[i], path: [...item.path, i] });
    } else if (isPlainObject(item.value)) {
      const entries = Object.entries(item.value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, path: [...item.path, key], key });
      }
    }
  }
  return issues;
}

/**
 * A zod refinement for any text-bearing schema (a string, a list, a JSON object):
 * `z.string().trim().superRefine(rejectUnstorableText)`. Issues go at the value's path.
 */
export function rejectUnstorableText(value: unknown, ctx: z.RefinementCtx): void {
  for (const issue of unstorableTextIssues(value)) ctx.addIssue({ code: "custom", ...issue });
}

/** Search text: NUL characters and lone surrogates removed, the rest kept as typed. */
export function stripUnstorableText(text: string): string {
  return text.replaceAll(NUL, "").replace(LONE_SURROGATES, "");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
