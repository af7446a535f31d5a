import "server-only";
import type { z } from "zod";
import { authenticateApiKey } from "@/lib/data/platform/api-keys";
import { env } from "@/lib/env";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { unstorableTextIssues } from "@/lib/segments/engine/storable-text";
import { errorResponse, RateLimitedError, UnauthorizedError, validationErrorFrom } from "./errors";
import { MAX_BODY_BYTES } from "./limits";
import { FixedWindowRateLimiter, type RateLimitDecision } from "./rate-limit";

/**
 * The wrapper of every /api/v1 route handler: API key → company, per-key rate limit,
 * JSON body and query parsing with zod, and errors in the API's one shape. A handler
 * gets a context and returns a Response (use `json()`); whatever it throws becomes the
 * right status (lib/api/errors.ts).
 *
 *   export const POST = apiRoute(async ({ companyId, body }) => {
 *     const input = await body(CreateThingSchema);
 *     return json(await createThing(companyId, input), 201);
 *   });
 */
export type ApiContext<P> = {
  request: Request;
  url: URL;
  /** The company of the API key: every query of the handler is scoped to it. */
  companyId: string;
  keyId: string;
  /** The route's dynamic segments, e.g. { id } for contacts/[id]. */
  params: P;
  /** The JSON body parsed with the schema (400 with issues when it does not fit). */
  body<S extends z.ZodType>(schema: S): Promise<z.output<S>>;
  /** The raw JSON body, for bulk endpoints that validate row by row. */
  rawBody(): Promise<unknown>;
  /** The query string parsed with the schema (each parameter once, as a string). */
  query<S extends z.ZodType>(schema: S): z.output<S>;
};

type RouteContext<P> = { params: Promise<P> };

export function apiRoute<P extends Record<string, string | string[] | undefined> = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, routeContext) => {
    let decision: RateLimitDecision | undefined;
    let response: Response;
    try {
      const { companyId, keyId } = await authenticate(request);
      decision = rateLimiter().take(keyId);
      if (!decision.allowed) throw new RateLimitedError(decision.resetInSeconds, decision.limit);
      const url = new URL(request.url);
      let bodyRead: Promise<unknown> | undefined;
      const rawBody = () => {
        bodyRead ??= readJsonBody(request);
        return bodyRead;
      };
      response = await handler({
        request,
        url,
        companyId,
        keyId,
        params: ((await routeContext?.params) ?? {}) as P,
        rawBody,
        body: async (schema) => parseWith(schema, await rawBody()),
        query: (schema) => parseWith(schema, queryParameters(url), "The query string is not valid"),
      });
    } catch (error) {
      response = errorResponse(error);
    }
    return withStandardHeaders(response, decision);
  };
}

/** A JSON answer. */
export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  message = "The request body is not valid",
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, message);
  return parsed.data;
}

/** The query string as an object; a 400 for text PostgreSQL cannot store (`?q=%00`), in any parameter. */
function queryParameters(url: URL): Record<string, string> {
  const parameters = Object.fromEntries(url.searchParams);
  const issues = unstorableTextIssues(parameters);
  if (issues.length > 0) throw new ValidationError("The query string is not valid", issues);
  return parameters;
}

/** `Authorization: Bearer <key>` → the key's company; UnauthorizedError otherwise. */
async function authenticate(request: Request): Promise<{ companyId: string; keyId: string }> {
  const header = request.headers.get("authorization");
  if (!header) throw new UnauthorizedError("Missing API key: send the header Authorization: Bearer <key>");
  const key = bearerToken(header);
  if (!key) throw new UnauthorizedError("Malformed Authorization header: expected Bearer <key>");
  const identity = await authenticateApiKey(key);
  if (!identity) throw new UnauthorizedError("Invalid or revoked API key");
  return identity;
}

/** The token of a `Bearer <token>` header (scheme in any case), or null. */
export function bearerToken(header: string): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * The body as JSON, read as a stream and counted on the way: a body over MAX_BODY_BYTES is
 * refused with 413 whether or not it declared a Content-Length (a chunked one has none).
 */
async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw bodyTooLarge();
  const bytes = await readLimited(request.body, MAX_BODY_BYTES);
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) throw new ValidationError("The request body is empty: send JSON");
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The request body is not valid JSON");
  }
}

async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

function bodyTooLarge(): PayloadTooLargeError {
  return new PayloadTooLargeError(`The request body is too large (at most ${MAX_BODY_BYTES / 1024 / 1024} MB)`);
}

function withStandardHeaders(response: Response, decision: RateLimitDecision | undefined): Response {
  const headers = response.headers;
  headers.set("Cache-Control", "no-store");
  if (decision) {
    headers.set("X-RateLimit-Limit", String(decision.limit));
    headers.set("X-RateLimit-Remaining", String(decision.remaining));
    headers.set("X-RateLimit-Reset", String(decision.resetInSeconds));
  }
  return response;
}

// One limiter per process, kept across dev reloads like the database client.
const holder = globalThis as { __segmentsApiRateLimiter?: FixedWindowRateLimiter };

function rateLimiter(): FixedWindowRateLimiter {
  holder.__segmentsApiRateLimiter ??= new FixedWindowRateLimiter(env.API_RATE_LIMIT_PER_MINUTE);
  return holder.__segmentsApiRateLimiter;
}
