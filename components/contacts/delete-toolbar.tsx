"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  countMatchingContactsAction,
  deleteContactsAction,
  deleteMatchingContactsAction,
} from "@/app/(app)/contacts/actions";
import { formatCount } from "@/components/data-table/format";
import { ActionMessage, type ActionMessageValue, UNREACHABLE } from "@/components/segment-detail/action-message";
import { Button } from "@/components/ui/button";
import { TYPE_TO_CONFIRM_ABOVE } from "@/lib/contacts/delete-schema";
import { ConfirmDeleteDialog } from "./confirm-delete-dialog";

type Pending = { kind: "selected"; count: number } | { kind: "matching"; count: number } | null;

const contacts = (n: number) => `${formatCount(n)} ${n === 1 ? "contact" : "contacts"}`;

/** "Delete N selected" and "Delete all N matching this search", each confirmed first. */
export function ContactsDeleteToolbar({
  selected,
  q,
  onDeleted,
}: {
  selected: string[];
  /** The list's current search ("" for none). */
  q: string;
  onDeleted: () => void;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<ActionMessageValue>(null);
  const [counting, startCounting] = useTransition();
  const [deleting, startDeleting] = useTransition();
  const search = q.trim();

  const askAll = () => {
    setMessage(null);
    startCounting(async () => {
      try {
        const result = await countMatchingContactsAction(search);
        if (!result.ok) setMessage({ error: true, text: result.error });
        else if (result.data.count === 0) setMessage({ error: true, text: "No contacts match: nothing to delete." });
        else {
          setError(null);
          setConfirming({ kind: "matching", count: result.data.count });
        }
      } catch {
        setMessage(UNREACHABLE);
      }
    });
  };

  const confirm = (typed: string) => {
    if (!confirming) return;
    setError(null);
    startDeleting(async () => {
      try {
        const result =
          confirming.kind === "selected"
            ? await deleteContactsAction({ contactIds: selected })
            : await deleteMatchingContactsAction({ q: search, expectedCount: confirming.count, typed });
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setConfirming(null);
        setMessage({ error: false, text: `Deleted ${contacts(result.data.deleted)}.` });
        onDeleted();
        router.refresh();
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });
  };

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="danger"
        size="sm"
        disabled={selected.length === 0}
        onClick={() => {
          setError(null);
          setMessage(null);
          setConfirming({ kind: "selected", count: selected.length });
        }}
      >
        {selected.length ? `Delete ${formatCount(selected.length)} selected` : "Delete selected"}
      </Button>
      <Button variant="secondary" size="sm" onClick={askAll} pending={counting}>
        {search ? "Delete all matching this search…" : "Delete all contacts…"}
      </Button>
      <ActionMessage message={message} />
      <ConfirmDeleteDialog
        open={confirming !== null}
        title={confirming ? `Delete ${contacts(confirming.count)}?` : ""}
        confirmLabel={confirming ? `Delete ${contacts(confirming.count)}` : "Delete"}
        typeToConfirm={
          confirming?.kind === "matching" && confirming.count > TYPE_TO_CONFIRM_ABOVE
            ? String(confirming.count)
            : undefined
        }
        pending={deleting}
        error={error}
        onConfirm={confirm}
        onClose={() => setConfirming(null)}
      >
        <p>
          {confirming?.kind === "matching"
            ? search
              ? `Every contact matching “${search}” (${contacts(confirming.count)}) will be deleted`
              : `All ${contacts(confirming.count)} of your company will be deleted`
            : `The ${contacts(confirming?.count ?? 0)} you selected will be deleted`}
          , with their events and segment memberships. Segments lose them (their history says they were deleted); sent
          campaigns keep them in their reports.
        </p>
      </ConfirmDeleteDialog>
    </div>
  );
}
