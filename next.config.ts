import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets several builds (tests, a dev server) coexist in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
