import type { LabelHTMLAttributes } from "react";
import { cn } from "./cn";

export function Label({ className, children, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor
    <label className={cn("block text-sm font-medium text-slate-700", className)} {...props}>
      {children}
    </label>
  );
}

/** A field's error message; give it an id and point the field's aria-describedby at it. */
export function FieldError({ id, children }: { id: string; children?: React.ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1.5 text-sm text-red-600">
      {children}
    </p>
  );
}
