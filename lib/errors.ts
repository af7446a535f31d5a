/** Expected failures, turned into a not-found page, a field error or a JSON error; never a 500. */
export class NotFoundError extends Error {
  readonly code = "not_found";
  constructor(what = "Not found") {
    super(what);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  readonly code = "forbidden";
  constructor(message = "You are not allowed to do this") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class ConflictError extends Error {
  readonly code = "conflict";
  constructor(
    message: string,
    /** The fields in conflict, when there are (e.g. ["name"]: a name already taken), for forms. */
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/**
 * A row others depend on cannot be removed: the conflict names them (`details`), for the
 * API's `segment_in_use`-style answers and the dialogs that link to them.
 */
export class InUseError extends ConflictError {
  constructor(
    message: string,
    /** The API's error code for this refusal. */
    readonly apiCode: "segment_in_use",
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = "InUseError";
  }
}

export type FieldIssue = { path: (string | number)[]; message: string };

/** A zod issue as the FieldIssue our errors carry. */
export function toFieldIssue(issue: { path: PropertyKey[]; message: string }): FieldIssue {
  return { path: issue.path.map((key) => (typeof key === "number" ? key : String(key))), message: issue.message };
}

export class ValidationError extends Error {
  readonly code = "validation_error";
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** A request body over its limit: 413, never a truncated read or a 500. */
export class PayloadTooLargeError extends Error {
  readonly code = "payload_too_large";
  constructor(message: string) {
    super(message);
    this.name = "PayloadTooLargeError";
  }
}

/** Ids are UUIDs; anything else cannot name a row, so callers answer not-found without a query. */
export { isUuidText as isUuid } from "./segments/engine/values";
