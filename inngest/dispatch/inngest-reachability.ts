import "server-only";
import { inngest } from "@/inngest/client";
import { env } from "@/lib/env";

/** How long an answer is trusted: a page load must not wait on a probe each time. */
export const REACHABILITY_CACHE_MS = 60_000;
/** A dev server on this machine answers in a few milliseconds; a missing one is refused at once. */
export const PROBE_TIMEOUT_MS = 500;

let cached: { at: number; reachable: Promise<boolean> } | null = null;

/**
 * Whether events sent now would reach an Inngest server that runs the functions:
 * - Inngest Cloud (INNGEST_EVENT_KEY, no INNGEST_BASE_URL): trusted without a probe;
 * - the dev server (INNGEST_DEV=1 or a URL) or a self-hosted server (INNGEST_BASE_URL):
 *   only if it answers an HTTP request within PROBE_TIMEOUT_MS;
 * - nothing configured (a new machine): no.
 * Cached for a minute, the answer and the probe in flight alike.
 */
export function isInngestReachable(now = Date.now()): Promise<boolean> {
  if (!cached || now - cached.at >= REACHABILITY_CACHE_MS) cached = { at: now, reachable: probe() };
  return cached.reachable;
}

/** Forget the cached answer (tests; after a send failed). */
export function forgetInngestReachability(): void {
  cached = null;
}

async function probe(): Promise<boolean> {
  if (inngest.mode === "cloud") {
    if (!env.INNGEST_EVENT_KEY) return false;
    if (!env.INNGEST_BASE_URL) return true;
  }
  return answers(inngest.eventBaseUrl);
}

/** Any HTTP answer counts (the dev server's UI, a 404): something is listening there. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "GET",
      redirect: "manual",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
