import { ConflictError, type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";

/** What a server action hands the browser: a result or a message, never a raw error. */
export type ActionResult<T = undefined> = (T extends undefined ? { ok: true } : { ok: true; data: T }) | ActionError;

/** `issues`: field-level problems (e.g. rules.groups.0.conditions.2.value), for forms to show in place. */
export type ActionError = { ok: false; error: string; code: ActionErrorCode; issues?: FieldIssue[] };

export type ActionErrorCode = "not_found" | "forbidden" | "conflict" | "validation_error" | "internal";

export const SEGMENT_NOT_FOUND = "This segment does not exist (any more).";

/** Expected errors keep their message; anything else is logged and answered vaguely. */
export function toActionError(error: unknown): ActionError {
  if (error instanceof NotFoundError) return { ok: false, error: notFoundMessage(error), code: "not_found" };
  if (error instanceof ForbiddenError) return { ok: false, error: error.message, code: "forbidden" };
  if (error instanceof ConflictError)
    return { ok: false, error: error.message, code: "conflict", ...withIssues(error) };
  if (error instanceof ValidationError) {
    return { ok: false, error: error.message, code: "validation_error", ...withIssues(error) };
  }
  console.error(error);
  return { ok: false, error: "Something went wrong. Please try again.", code: "internal" };
}

function withIssues(error: ConflictError | ValidationError): { issues?: FieldIssue[] } {
  return error.issues.length > 0 ? { issues: error.issues } : {};
}

/** "Campaign not found" → "This campaign does not exist (any more)."; other messages as they are. */
export function notFoundMessage(error: NotFoundError): string {
  const what = /^(.+) not found$/.exec(error.message)?.[1];
  if (!what) return error.message;
  // Lower-case a word ("Segment"), not an acronym ("API key").
  const noun = /^[A-Z][a-z]/.test(what) ? what.charAt(0).toLowerCase() + what.slice(1) : what;
  return `This ${noun} does not exist (any more).`;
}
