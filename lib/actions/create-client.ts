import "server-only";
import { createSafeActionClient } from "next-safe-action";
import type { Actor } from "@/lib/auth/authz";
import type { FieldIssue } from "@/lib/errors";
import { type ActionError, toActionError } from "@/lib/segments/action-result";

/** Who is asking and the company they work in: every authed action receives it as `ctx`. */
export type ActionScope = { actor: Actor; companyId: string };

export const INVALID_INPUT_MESSAGE = "Please check the highlighted fields";

/**
 * The action client with the scope resolver passed in (lib/actions/client.ts passes the
 * session's; the integration test its own). Domain errors become an ActionError
 * (toActionError); anything unexpected is logged there and answered with a generic message.
 * Redirects and other Next.js navigation errors pass through untouched.
 */
export function createAuthedActionClient(resolveScope: () => Promise<ActionScope>) {
  return createSafeActionClient({
    defaultValidationErrorsShape: "formatted",
    handleServerError: (error): ActionError => toActionError(error),
  }).use(async ({ next }) => next({ ctx: await resolveScope() }));
}

/** What next-safe-action answers, whatever the action's schemas. */
type SafeResult<R> = { data?: R; serverError?: ActionError; validationErrors?: unknown };

/**
 * Turns a safe action into a function answering ActionResult, the shape the client
 * components read: schema errors become field issues, a server error its ActionError.
 */
export function asActionResult<Args extends unknown[], R extends { ok: boolean }>(
  action: (...args: Args) => Promise<SafeResult<R>>,
): (...args: Args) => Promise<R | ActionError> {
  return async (...args) => {
    const result = await action(...args);
    if (result.data) return result.data;
    if (result.serverError) return result.serverError;
    if (result.validationErrors) {
      const issues = issuesOf(result.validationErrors);
      return { ok: false, error: INVALID_INPUT_MESSAGE, code: "validation_error", issues };
    }
    return toActionError(new Error("The action answered nothing"));
  };
}

/** next-safe-action's formatted errors ({ _errors, field: { _errors, ... } }) as a flat list of field issues. */
export function issuesOf(errors: unknown, path: (string | number)[] = []): FieldIssue[] {
  if (!errors || typeof errors !== "object") return [];
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === "_errors") {
      for (const message of value as string[]) issues.push({ path, message });
    } else {
      issues.push(...issuesOf(value, [...path, /^\d+$/.test(key) ? Number(key) : key]));
    }
  }
  return issues;
}
