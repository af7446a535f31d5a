import { z } from "zod";
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  InUseError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from "@/lib/errors";

/**
 * The public API's error answers (../shared/api.md): always
 * `{ "error": { "code", "message", "issues"? } }`, never a stack trace.
 */
export type ApiErrorCode =
  | "validation_error"
  | "not_found"
  | "unauthorized"
  | "conflict"
  | "payload_too_large"
  | "segment_in_use"
  | "rate_limited"
  | "internal_error";

export type ApiErrorBody = {
  error: { code: ApiErrorCode; message: string; issues?: FieldIssue[]; details?: Record<string, unknown> };
};

/** No key, a malformed header, an unknown or revoked key. */
export class UnauthorizedError extends Error {
  readonly code = "unauthorized";
  constructor(message = "Invalid or revoked API key") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

export class RateLimitedError extends Error {
  readonly code = "rate_limited";
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
  ) {
    super(`Too many requests: at most ${limit} per minute per API key. Retry in ${retryAfterSeconds} s.`);
    this.name = "RateLimitedError";
  }
}

export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { issues?: FieldIssue[]; details?: Record<string, unknown>; headers?: HeadersInit } = {},
): Response {
  const body: ApiErrorBody = { error: { code, message } };
  if (options.issues?.length) body.error.issues = options.issues;
  if (options.details) body.error.details = options.details;
  return Response.json(body, { status, headers: options.headers });
}

/** zod's issues as the API's `{ path, message }` (paths of strings and array indexes only). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === "number" ? part : String(part))),
    message: issue.message,
  }));
}

/** A ValidationError from a failed zod parse; `prefix` puts the issues under a path (e.g. ["contacts", 3]). */
export function validationErrorFrom(
  error: z.ZodError,
  message = "The request is not valid",
  prefix: (string | number)[] = [],
): ValidationError {
  return new ValidationError(
    message,
    fieldIssues(error).map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message })),
  );
}

/** The answer for an error thrown by a handler; unexpected ones are logged and hidden. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) {
    return apiError(400, "validation_error", error.message, { issues: error.issues });
  }
  if (error instanceof z.ZodError) {
    return apiError(400, "validation_error", "The request is not valid", { issues: fieldIssues(error) });
  }
  if (error instanceof PayloadTooLargeError) return apiError(413, "payload_too_large", error.message);
  if (error instanceof UnauthorizedError) {
    return apiError(401, "unauthorized", error.message, { headers: { "WWW-Authenticate": "Bearer" } });
  }
  // A key acts inside its own company only: anything else does not exist for it (never 403).
  if (error instanceof NotFoundError || error instanceof ForbiddenError) {
    return apiError(404, "not_found", error instanceof NotFoundError ? error.message : "Not found");
  }
  if (error instanceof InUseError) {
    // What uses the row, so that a client can show it (e.g. the campaigns that target a segment).
    return apiError(409, error.apiCode, error.message, { details: error.details });
  }
  if (error instanceof ConflictError) {
    // Conflicts may name their fields (e.g. a segment name already taken).
    return apiError(409, "conflict", error.message, { issues: (error as { issues?: FieldIssue[] }).issues });
  }
  if (error instanceof RateLimitedError) {
    return apiError(429, "rate_limited", error.message, {
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    });
  }
  console.error("API request failed:", error);
  return apiError(500, "internal_error", "Something went wrong on our side. Please try again later.");
}
