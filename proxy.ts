import { NextResponse } from "next/server";
import { auth, PATHNAME_HEADER } from "@/lib/auth/next-auth";
import { crossOriginReason, declaredLength, streamExceeds } from "@/lib/http/request-guards";
import { HSTS_HEADER, isHttps, newNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

/**
 * Every page request passes here first:
 * - POSTs to pages (server actions) from another site get 403, and bodies over the
 *   server-action limit 413 (Next itself would answer both with a 500);
 * - pages get a Content-Security-Policy with a fresh nonce (and HSTS over https);
 * - signed-out visitors to app pages go to /login (and come back afterwards). This is the
 *   first gate only: every page and action still checks the session itself (lib/auth/session.ts).
 */
const PUBLIC_PREFIXES = ["/login", "/api/auth", "/api/inngest"];

/** Next's default `serverActions.bodySizeLimit` (1 MB): a larger action body fails inside Next with a 500. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export const proxy = auth(async (request) => {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const secure = (response: NextResponse): NextResponse => {
    // API answers get their static policy from next.config.ts.
    if (!isApi) response.headers.set("Content-Security-Policy", csp);
    if (isHttps(request.nextUrl, request.headers)) response.headers.set(HSTS_HEADER.key, HSTS_HEADER.value);
    return response;
  };

  if (request.method === "POST" && !isApi) {
    const reason = crossOriginReason(request.headers);
    if (reason) {
      return secure(NextResponse.json({ error: `Cross-origin request refused: ${reason}` }, { status: 403 }));
    }
    const length = declaredLength(request.headers);
    // Without a Content-Length the size is known only by counting (Next has buffered the body for us).
    const tooLarge =
      length === null
        ? await streamExceeds(request.clone().body, SERVER_ACTION_BODY_LIMIT_BYTES)
        : length > SERVER_ACTION_BODY_LIMIT_BYTES;
    if (tooLarge) {
      return secure(
        NextResponse.json(
          { error: `The request is too large (at most ${SERVER_ACTION_BODY_LIMIT_BYTES / 1024 / 1024} MB)` },
          { status: 413 },
        ),
      );
    }
  }

  if (!isPublic(pathname) && !request.auth?.user?.id) {
    if (isApi) {
      return secure(NextResponse.json({ error: { code: "unauthorized", message: "Sign in first" } }, { status: 401 }));
    }
    const login = new URL("/login", request.nextUrl.origin);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return secure(NextResponse.redirect(login));
  }

  // The nonce for Next's scripts (it reads it from the request's CSP header), and the
  // path asked for (requireActor's redirect uses it).
  const headers = new Headers(request.headers);
  if (!isApi) {
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    headers.set(PATHNAME_HEADER, `${pathname}${search}`);
  }
  return secure(NextResponse.next({ request: { headers } }));
});

export const config = {
  // Everything but Next's own assets, files from public/, and two kinds of route that
  // check their own requests: the CSV upload and the REST API (/api/v1). With a proxy,
  // Next buffers request bodies in memory and cuts them at 10 MB; these stream theirs.
  matcher: [
    "/((?!_next/static|_next/image|favicon\\.ico|contacts/import/upload$|api/v1(?:/|$)|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|webmanifest)$).*)",
  ],
};
