"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { deleteSegmentAction, getSegmentDeleteInfoAction } from "@/app/(app)/segments/actions";
import { formatCount } from "@/components/data-table/format";
import { Button, buttonClasses } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { SegmentCampaignUse } from "@/lib/data/segments/segment-reads";
import type { DeleteSegmentInfo } from "@/lib/segments/segment-actions";

type Info = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; info: DeleteSegmentInfo };

const STATUS_WORDS: Record<SegmentCampaignUse["status"], string> = {
  DRAFT: "draft",
  SCHEDULED: "scheduled",
  SENDING: "sending",
  SENT: "sent",
  CANCELLED: "cancelled",
};

/**
 * Confirms a deletion, showing what it touches first: campaigns that have not finished
 * (draft, scheduled, sending; including or excluding it) and segments whose rules refer to
 * it block it (named with links, no delete button): deleting would change who gets a message. A native modal
 * <dialog>: the page behind is inert (focus stays inside), Escape closes, the title labels it.
 */
export function DeleteSegmentDialog({
  segment,
  onClose,
  onDeleted,
}: {
  /** The segment to delete; null keeps the dialog closed. */
  segment: { id: string; name: string } | null;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [info, setInfo] = useState<Info>({ state: "loading" });
  const [error, setError] = useState<string | null>(null);
  const [deleting, startDelete] = useTransition();
  const segmentId = segment?.id ?? null;

  // Load the usage of the segment being confirmed; a late answer for another one is dropped.
  useEffect(() => {
    if (!segmentId) return;
    let current = true;
    setInfo({ state: "loading" });
    setError(null);
    getSegmentDeleteInfoAction(segmentId)
      .then((result) => {
        if (!current) return;
        setInfo(result.ok ? { state: "ready", info: result.data } : { state: "error", message: result.error });
      })
      .catch(() => {
        if (current) setInfo({ state: "error", message: "Could not check where this segment is used. Try again." });
      });
    return () => {
      current = false;
    };
  }, [segmentId]);

  const ready = info.state === "ready" ? info.info : null;
  // Campaigns that have not finished, whether they include or exclude it.
  const usingCampaigns = ready ? [...ready.usage.blockingCampaigns, ...ready.usage.draftCampaigns] : [];
  const dependents = ready?.usage.dependentSegments ?? [];
  const blocked = usingCampaigns.length > 0 || dependents.length > 0;
  const name = ready?.name ?? segment?.name ?? "";

  const confirm = () => {
    if (!segmentId || !ready || blocked) return;
    setError(null);
    startDelete(async () => {
      try {
        const result = await deleteSegmentAction({ id: segmentId });
        if (result.ok) onDeleted(result.data.name);
        else setError(result.error);
      } catch {
        setError("The segment could not be deleted. Check your connection and try again.");
      }
    });
  };

  return (
    <ModalDialog
      open={segmentId !== null}
      title={<>Delete segment “{name}”?</>}
      busy={deleting}
      initialFocus={cancelRef}
      onClose={onClose}
      footer={
        <>
          <button
            ref={cancelRef}
            type="button"
            className={buttonClasses({ variant: "secondary" })}
            onClick={onClose}
            disabled={deleting}
          >
            {blocked ? "Close" : "Cancel"}
          </button>
          {blocked || info.state === "error" ? null : (
            <Button variant="danger" onClick={confirm} disabled={!ready} pending={deleting}>
              Delete segment
            </Button>
          )}
        </>
      }
    >
      {info.state === "loading" ? (
        <p role="status" className="text-slate-500">
          Checking where this segment is used…
        </p>
      ) : info.state === "error" ? (
        <p role="alert" className="text-red-700">
          {info.message}
        </p>
      ) : blocked ? (
        <div role="alert" className="space-y-2 rounded-md bg-red-50 p-3 text-red-800">
          <p className="font-medium">This segment cannot be deleted: deleting it would change who gets a message.</p>
          {usingCampaigns.length > 0 ? (
            <div>
              <p>These campaigns target it:</p>
              <CampaignList campaigns={usingCampaigns} />
              <p className="mt-1">Remove it from the drafts; cancel the others or wait until they have been sent.</p>
            </div>
          ) : null}
          {dependents.length > 0 ? (
            <div>
              <p>{dependents.length === 1 ? "This segment's rules refer" : "These segments' rules refer"} to it:</p>
              <ul className="mt-1 list-disc pl-5">
                {dependents.map((dependent) => (
                  <li key={dependent.id}>
                    <Link href={`/segments/${dependent.id}`} className="underline hover:text-red-600">
                      {dependent.name}
                    </Link>
                  </li>
                ))}
              </ul>
              <p className="mt-1">Remove the condition on “{name}” from them first.</p>
            </div>
          ) : null}
          <p>To retire it while it is in use, archive it instead.</p>
        </div>
      ) : (
        <>
          <p>
            The segment and its membership ({formatCount(info.info.contactCount)}{" "}
            {info.info.contactCount === 1 ? "contact" : "contacts"}) will be deleted. The contacts themselves are kept.
          </p>
          {info.info.usage.finishedCampaigns.length > 0 ? (
            <div>
              <p>These finished campaigns keep their recipients and reports:</p>
              <CampaignList campaigns={info.info.usage.finishedCampaigns} />
            </div>
          ) : null}
        </>
      )}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-800">
          {error}
        </p>
      ) : null}
    </ModalDialog>
  );
}

function CampaignList({ campaigns }: { campaigns: SegmentCampaignUse[] }) {
  return (
    <ul className="mt-1 list-disc pl-5">
      {campaigns.map((campaign) => (
        <li key={campaign.id}>
          <Link href={`/campaigns/${campaign.id}`} className="underline">
            {campaign.name}
          </Link>{" "}
          ({STATUS_WORDS[campaign.status]}
          {campaign.role === "EXCLUDE" ? ", excludes it" : ""})
        </li>
      ))}
    </ul>
  );
}
