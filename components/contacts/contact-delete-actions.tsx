"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteContactsAction } from "@/app/(app)/contacts/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDeleteDialog } from "./confirm-delete-dialog";

/** A contact page's "Delete contact" and "Forget (GDPR erasure)", each confirmed first; then back to the list. */
export function ContactDeleteActions({ contact }: { contact: { id: string; email: string } }) {
  const router = useRouter();
  const [mode, setMode] = useState<"delete" | "forget" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const open = (next: "delete" | "forget") => {
    setError(null);
    setMode(next);
  };

  const confirm = () => {
    const forget = mode === "forget";
    startTransition(async () => {
      try {
        const result = await deleteContactsAction({ contactIds: [contact.id], forget });
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setMode(null);
        router.push("/contacts");
        router.refresh();
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });
  };

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => open("delete")}>
        Delete contact
      </Button>
      <Button variant="danger" size="sm" onClick={() => open("forget")}>
        Forget (GDPR erasure)
      </Button>
      <ConfirmDeleteDialog
        open={mode !== null}
        title={mode === "forget" ? `Forget ${contact.email}?` : `Delete ${contact.email}?`}
        confirmLabel={mode === "forget" ? "Forget contact" : "Delete contact"}
        pending={pending}
        error={error}
        onConfirm={confirm}
        onClose={() => setMode(null)}
      >
        <p>
          The contact is deleted with its events and segment memberships. Segments lose it (their history says it was
          deleted); sent campaigns keep counting it in their reports.
        </p>
        {mode === "forget" ? (
          <p>
            Forgetting also erases the person wherever they outlive the contact: segment history and campaign recipients
            no longer lead back to them, and import reports lose the rows holding their email. The audit log keeps only
            a one-way fingerprint of the email, so you can later check that it was erased.
          </p>
        ) : null}
      </ConfirmDeleteDialog>
    </>
  );
}
