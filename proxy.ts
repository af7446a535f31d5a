import { NextResponse } from "next/server";
import { auth, PATHNAME_HEADER } from "@/lib/auth";

/**
 * Signed-out visitors to app pages go to /login (and come back afterwards). This is the
 * first gate only: every page and action still checks the session itself (lib/session.ts).
 */
const PUBLIC_PREFIXES = ["/login", "/api/auth", "/api/inngest", "/api/v1"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export const proxy = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (isPublic(pathname)) return NextResponse.next();

  if (!request.auth?.user?.id) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "unauthorized", message: "Sign in first" } }, { status: 401 });
    }
    const login = new URL("/login", request.nextUrl.origin);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  // Tell the pages which path was asked for (requireActor's redirect uses it).
  const headers = new Headers(request.headers);
  headers.set(PATHNAME_HEADER, `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
});

export const config = {
  // Everything but Next's own assets and files from public/.
  matcher: [
    // The CSV upload is left out: with a proxy, Next buffers request bodies in memory (and
    // cuts them at 10 MB); its route handler checks the session itself.
    "/((?!_next/static|_next/image|favicon\\.ico|contacts/import/upload$|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|webmanifest)$).*)",
  ],
};
