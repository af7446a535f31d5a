"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { computeAnalyticsNowAction } from "@/app/(app)/segments/[id]/actions";
import { Button } from "@/components/ui/button";

/** Runs the daily analytics backfill of the last 30 days now, in the request, then shows the charts. */
export function ComputeAnalyticsButton({ segmentId }: { segmentId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const compute = () => {
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await computeAnalyticsNowAction(segmentId);
        if (!result.ok) {
          setMessage({ error: true, text: result.error });
          return;
        }
        setMessage({ error: false, text: `Computed ${result.data.days} days.` });
        router.refresh();
      } catch {
        setMessage({ error: true, text: "Could not reach the server. Try again." });
      }
    });
  };

  return (
    <div className="flex flex-col items-center gap-2">
      <Button variant="secondary" onClick={compute} pending={pending} disabled={pending}>
        {pending ? "Computing…" : "Compute analytics now"}
      </Button>
      <p
        role="status"
        aria-live="polite"
        className={message?.error ? "text-sm text-red-700" : "text-sm text-slate-500"}
      >
        {message?.text ?? ""}
      </p>
    </div>
  );
}
