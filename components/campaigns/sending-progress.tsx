"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { formatCount } from "@/components/data-table/format";

/** While a campaign is SENDING: its progress, with the page refreshed every 1.5 s until it is sent. */
export function SendingProgress({ sent, total }: { sent: number; total: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <div className="space-y-2">
      <progress className="h-2 w-full" value={sent} max={Math.max(total, 1)} aria-label="Sending progress" />
      <p role="status" className="text-sm text-slate-600">
        Sending… {formatCount(sent)} of {formatCount(total)} sent
      </p>
    </div>
  );
}
