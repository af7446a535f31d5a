"use client";

import { type ReactNode, useId, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";

/**
 * Confirms an irreversible deletion: says what goes, and with `typeToConfirm` asks the
 * user to type that text (the count) before the button works. A native modal <dialog>:
 * the page behind is inert, Escape closes, the title labels it, Cancel has focus first.
 */
export function ConfirmDeleteDialog({
  open,
  title,
  children,
  confirmLabel,
  typeToConfirm,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  /** What the deletion does, in words. */
  children: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  pending: boolean;
  error: string | null;
  onConfirm: (typed: string) => void;
  onClose: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const typedId = useId();
  const [typed, setTyped] = useState("");
  const typedOk = !typeToConfirm || typed.replace(/[,\s]/g, "") === typeToConfirm.replace(/[,\s]/g, "");

  return (
    <ModalDialog
      open={open}
      title={title}
      busy={pending}
      initialFocus={cancelRef}
      onOpen={() => setTyped("")}
      onClose={onClose}
      as="form"
      onSubmit={() => {
        if (typedOk && !pending) onConfirm(typed);
      }}
      footer={
        <>
          <button
            ref={cancelRef}
            type="button"
            className={buttonClasses({ variant: "secondary" })}
            onClick={onClose}
            disabled={pending}
          >
            Cancel
          </button>
          <Button type="submit" variant="danger" disabled={!typedOk} pending={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      <p className="font-medium text-red-800">This cannot be undone.</p>
      {typeToConfirm ? (
        <div className="space-y-1">
          <label htmlFor={typedId} className="block text-sm font-medium text-slate-700">
            Type {typeToConfirm} to confirm
          </label>
          <Input
            id={typedId}
            value={typed}
            autoComplete="off"
            inputMode="numeric"
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </ModalDialog>
  );
}
