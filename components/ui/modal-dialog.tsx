"use client";

import { type ReactNode, type RefObject, useEffect, useId, useRef } from "react";

/**
 * A native modal <dialog> that follows `open`: the page behind is inert, Tab cycles inside,
 * Escape and a click on the backdrop close it (not while `busy`), the title labels it and
 * the body describes it, and `initialFocus` (the safe choice, usually Cancel) has focus
 * when it opens. Every confirmation of the app is one of these.
 */
export function ModalDialog({
  open,
  title,
  busy = false,
  initialFocus,
  onClose,
  onOpen,
  children,
  footer,
  as = "div",
  onSubmit,
}: {
  open: boolean;
  title: ReactNode;
  /** While true, Escape and the backdrop do not close it (a request is under way). */
  busy?: boolean;
  initialFocus?: RefObject<HTMLElement | null>;
  onClose: () => void;
  /** Called each time it opens (reset typed text and the like). */
  onOpen?: () => void;
  /** The body: what the action does, in words; described-by for screen readers. */
  children: ReactNode;
  /** The buttons, right-aligned. */
  footer: ReactNode;
  /** "form": the body and buttons are a form (Enter submits) calling `onSubmit`. */
  as?: "div" | "form";
  onSubmit?: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      onOpenRef.current?.();
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  const content = (
    <>
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div id={bodyId} className="space-y-3 text-sm">
        {children}
      </div>
      <div className="flex justify-end gap-2 pt-2">{footer}</div>
    </>
  );

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape and other closes end here; keeps the parent's state in step.
      onClose={onClose}
      // A click on the backdrop (the dialog element itself, outside the panel) cancels.
      onClick={(event) => {
        if (event.target === event.currentTarget && !busy) onClose();
      }}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onKeyDown={trapTab}
      className="m-auto w-full max-w-lg rounded-lg bg-white p-0 text-slate-700 shadow-xl backdrop:bg-slate-900/40"
    >
      {as === "form" ? (
        <form
          className="space-y-4 p-6"
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit?.();
          }}
        >
          {content}
        </form>
      ) : (
        <div className="space-y-4 p-6">{content}</div>
      )}
    </dialog>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab and Shift+Tab cycle inside the dialog. A modal <dialog> already makes the page
 * inert, but lets focus leave for the browser's own UI; this keeps it on the dialog.
 */
function trapTab(event: React.KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !event.currentTarget.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
