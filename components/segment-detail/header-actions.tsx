"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { recalculateSegmentAction } from "@/app/(app)/segments/[id]/actions";
import { DeleteSegmentDialog } from "@/components/segments/delete-segment-dialog";
import { Button, buttonClasses } from "@/components/ui/button";

type Notice = { tone: "ok" | "error"; text: string } | null;

/** Recalculate now, Edit and Delete, with the outcome of the last click underneath. */
export function SegmentHeaderActions({
  segment,
}: {
  segment: { id: string; name: string; type: "DYNAMIC" | "STATIC" };
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);

  const recalculate = () => {
    setNotice(null);
    startTransition(async () => {
      try {
        const result = await recalculateSegmentAction(segment.id);
        if (!result.ok) {
          setNotice({ tone: "error", text: result.error });
        } else if (result.data.mode === "queued") {
          setNotice({ tone: "ok", text: "Queued: the recalculation runs in the background." });
        } else if (result.data.status === "FAILED") {
          setNotice({ tone: "error", text: `Recalculation failed: ${result.data.error ?? "unknown error"}` });
        } else {
          setNotice({
            tone: "ok",
            text: `Recalculated now (no background worker running): +${result.data.entered} entered, −${result.data.exited} exited`,
          });
        }
        router.refresh();
      } catch {
        setNotice({ tone: "error", text: "Could not reach the server. Try again." });
      }
    });
  };

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex items-center gap-2">
        {segment.type === "DYNAMIC" ? (
          <Button onClick={recalculate} pending={pending} disabled={pending}>
            {pending ? "Recalculating…" : "Recalculate now"}
          </Button>
        ) : null}
        <Link href={`/segments/${segment.id}/edit`} className={buttonClasses({ variant: "secondary" })}>
          Edit
        </Link>
        <Button variant="danger" onClick={() => setDeleting({ id: segment.id, name: segment.name })}>
          Delete
        </Button>
      </div>
      <p
        role="status"
        className={notice?.tone === "error" ? "text-sm text-red-700" : "text-sm text-green-700"}
        aria-live="polite"
      >
        {notice?.text ?? ""}
      </p>
      <DeleteSegmentDialog
        segment={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          router.push("/segments");
          router.refresh();
        }}
      />
    </div>
  );
}
