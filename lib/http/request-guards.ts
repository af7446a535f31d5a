/**
 * Checks on incoming requests shared by the proxy and the route handlers it does not
 * cover. Pure: headers (and a body stream) in, a decision out.
 */

/**
 * Why a request that may carry the session cookie comes from another site, or null when
 * it is same-origin. Browsers send Sec-Fetch-Site and Origin with every POST; a request
 * with neither is not from a browser (curl, a script), which cannot ride on someone's
 * cookies. The host compared with is the one Next's own server-action check uses.
 */
export function crossOriginReason(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (!origin) return null;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "the Origin header is not a URL";
  }
  if (!host || originHost.toLowerCase() !== host.toLowerCase()) return `Origin ${origin} is not this site`;
  return null;
}

/** The 403 a route handler answers to a cross-origin request (JSON, like its other errors). */
export function crossOriginResponse(): Response {
  return Response.json({ error: "Cross-origin requests are not allowed" }, { status: 403 });
}

/**
 * Whether a body stream holds more than `limit` bytes: reads at most limit + 1 bytes and
 * stops. For bodies without Content-Length (chunked), whose size is known only by reading.
 */
export async function streamExceeds(body: ReadableStream<Uint8Array> | null, limit: number): Promise<boolean> {
  if (!body) return false;
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > limit) return true;
    }
  } finally {
    // Not awaited: cancelling one branch of a tee()d stream (a cloned request) settles only
    // once the other branch is cancelled too.
    reader.cancel().catch(() => {});
  }
}

/** The Content-Length of a request when declared and valid, else null. */
export function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length");
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}
