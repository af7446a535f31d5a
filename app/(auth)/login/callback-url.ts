/** Where a user lands after sign-in when nothing else was asked for. */
export const DEFAULT_AFTER_LOGIN = "/contacts";

/**
 * The callbackUrl made safe: a path on this site only (never another origin, never back to
 * /login), else the default. Stops /login?callbackUrl=https://evil.example from redirecting away.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return DEFAULT_AFTER_LOGIN;
  }
  let url: URL;
  try {
    url = new URL(value, "http://segments.invalid");
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== "http://segments.invalid") return DEFAULT_AFTER_LOGIN;
  if (url.pathname === "/" || url.pathname === "/login" || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_LOGIN;
  return `${url.pathname}${url.search}${url.hash}`;
}
