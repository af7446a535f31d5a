"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

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
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const typedId = useId();
  const [typed, setTyped] = useState("");

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped("");
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const typedOk = !typeToConfirm || typed.replace(/[,\s]/g, "") === typeToConfirm.replace(/[,\s]/g, "");

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onClose}
      onCancel={(event) => {
        if (pending) event.preventDefault();
      }}
      className="m-auto w-full max-w-lg rounded-lg bg-white p-0 text-slate-700 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (typedOk && !pending) onConfirm(typed);
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div id={bodyId} className="space-y-3 text-sm">
          {children}
          <p className="font-medium text-red-800">This cannot be undone.</p>
        </div>
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
        <div className="flex justify-end gap-2 pt-2">
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
        </div>
      </form>
    </dialog>
  );
}
