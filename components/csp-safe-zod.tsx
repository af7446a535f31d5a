"use client";

import { z } from "zod";

// Zod builds fast parsers with `new Function` where it may; the pages' CSP has no
// 'unsafe-eval', and even Zod's probe for it is reported as a violation. In the browser,
// parse without it (the server keeps the fast parsers).
z.config({ jitless: true });

/** Rendered once by the root layout, so the setting above runs in every page's bundle. */
export function CspSafeZod(): null {
  return null;
}
