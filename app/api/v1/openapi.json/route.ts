import { buildOpenApiDocument } from "@/lib/api/openapi";

let document: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the API, generated from its zod schemas; public (it holds no data). */
export function GET(): Response {
  document ??= buildOpenApiDocument();
  return Response.json(document, { headers: { "Cache-Control": "public, max-age=300" } });
}
