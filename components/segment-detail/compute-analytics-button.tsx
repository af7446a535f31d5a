"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { computeAnalyticsNowAction } from "@/app/(app)/segments/[id]/actions";
import { Button } from "@/components/ui/button";
import { ActionMessage, type ActionMessageValue, UNREACHABLE } from "./action-message";

/** Runs the daily analytics backfill of the last 30 days now, in the request, then shows the charts. */
export function ComputeAnalyticsButton({ segmentId }: { segmentId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessageValue>(null);

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
        setMessage(UNREACHABLE);
      }
    });
  };

  return (
    <div className="flex flex-col items-center gap-2">
      <Button variant="secondary" onClick={compute} pending={pending} disabled={pending}>
        {pending ? "Computing…" : "Compute analytics now"}
      </Button>
      <ActionMessage message={message} />
    </div>
  );
}
