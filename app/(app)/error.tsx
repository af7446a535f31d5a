"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** Something failed while showing an app page: say so kindly, offer a retry; never a stack trace. */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  // Server errors arrive with a digest that matches the server log; show it, never the message.
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-500">
        This page could not be shown just now. Try again; if it keeps happening, pass on the reference below.
      </p>
      {digest ? <p className="mt-3 font-mono text-xs text-slate-400">Reference: {digest}</p> : null}
      <div className="mt-6">
        <Button onClick={() => retry()}>Try again</Button>
      </div>
    </div>
  );
}
