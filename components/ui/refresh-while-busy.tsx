"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page from the server every few seconds while something is under way (a queued or running recalculation). */
export function RefreshWhileBusy({ busy, intervalMs = 3000 }: { busy: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [busy, intervalMs, router]);
  return null;
}
