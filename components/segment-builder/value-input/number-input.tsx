"use client";

import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";

/** A number typed freely ("-", "1." are fine while typing); the condition gets a number or nothing. */
export function NumberInput({
  label,
  value,
  onChange,
  invalid,
  min,
}: {
  label: string;
  value: unknown;
  onChange: (value: number | undefined) => void;
  invalid?: boolean;
  min?: number;
}) {
  const [text, setText] = useState(typeof value === "number" ? String(value) : "");
  // Follow outside changes (a template, an operator change) without fighting the typing.
  useEffect(() => {
    setText((current) => {
      const typed = current.trim() === "" ? undefined : Number(current);
      // "-" or "1e" while typing: not a number yet, and nothing changed from outside.
      if (value === undefined && (typed === undefined || !Number.isFinite(typed))) return current;
      if (typed === value) return current;
      return typeof value === "number" ? String(value) : "";
    });
  }, [value]);
  return (
    <Input
      type="number"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid || undefined}
      min={min}
      className="h-9 w-28!"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = event.target.value.trim() === "" ? Number.NaN : Number(event.target.value);
        onChange(Number.isFinite(parsed) ? parsed : undefined);
      }}
    />
  );
}
