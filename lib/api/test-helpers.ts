import { createApiKey } from "@/lib/data/platform/api-keys";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** For the API's integration tests: a company with a working key, and requests as a client sends them. */
export async function companyWithKey(db: PrismaClient, slug: string): Promise<{ companyId: string; key: string }> {
  const company = await db.company.create({ data: { name: slug, slug } });
  const { key } = await createApiKey(company.id, { name: `${slug} test key` });
  return { companyId: company.id, key };
}

export type ApiRequestOptions = {
  key?: string;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
};

export function apiRequest(method: string, path: string, options: ApiRequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (options.key !== undefined) headers.set("authorization", `Bearer ${options.key}`);
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, { method, headers, body });
}

/** The second argument Next passes to a route handler. */
export function routeParams<P>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}

export const noParams = routeParams({} as Record<string, never>);
