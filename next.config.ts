import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, HSTS_HEADER, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Lets several builds (tests, a dev server) coexist in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  typedRoutes: false,
  poweredByHeader: false,
  // Pages get their nonce-based Content-Security-Policy from proxy.ts; these reach
  // everything, including what the proxy skips (lib/http/security-headers.ts).
  async headers() {
    const apiPolicy = [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }];
    return [
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [HSTS_HEADER],
      },
      { source: "/api/:path*", headers: apiPolicy },
      { source: "/contacts/import/upload", headers: apiPolicy },
    ];
  },
};

export default nextConfig;
