"use client";

import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { type SuggestionSource, useSuggestions } from "./use-suggestions";

/** Several values as chips: type and press Enter (or pick a suggestion) to add, × to remove. */
export function ChipsInput({
  value,
  onChange,
  suggest,
  choices,
  invalid,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  suggest?: SuggestionSource;
  choices?: readonly string[];
  invalid?: boolean;
}) {
  const listId = useId();
  const [text, setText] = useState("");
  const [focused, setFocused] = useState(false);
  const fetched = useSuggestions(suggest, text, focused);
  const suggestions = (choices?.length ? [...choices] : fetched).filter(
    (s) => !value.some((v) => v.toLowerCase() === s.toLowerCase()),
  );
  const add = (raw: string) => {
    const item = raw.trim();
    setText("");
    if (!item || value.some((v) => v.toLowerCase() === item.toLowerCase())) return;
    onChange([...value, item]);
  };
  return (
    <div
      className={cn(
        "flex min-h-9 flex-wrap items-center gap-1 rounded-md bg-white px-2 py-1 ring-1 ring-inset",
        invalid ? "ring-red-500" : "ring-slate-300",
      )}
    >
      <ul aria-label="Values" className="contents">
        {value.map((item) => (
          <li
            key={item}
            className="inline-flex items-center gap-1 rounded bg-brand-50 px-2 py-0.5 text-sm text-brand-800"
          >
            {item}
            <button
              type="button"
              aria-label={`Remove ${item}`}
              onClick={() => onChange(value.filter((v) => v !== item))}
              className="rounded text-brand-600 hover:text-brand-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        aria-label="Add value"
        aria-invalid={invalid || undefined}
        list={listId}
        autoComplete="off"
        value={text}
        placeholder={value.length ? "" : "Type a value, press Enter"}
        onFocus={() => setFocused(true)}
        onBlur={() => add(text)}
        onChange={(event) => {
          const next = event.target.value;
          // A suggestion picked from the list arrives as a replacement: add it at once.
          const native = event.nativeEvent as InputEvent;
          if (native.inputType === "insertReplacementText" || (!native.inputType && suggestions.includes(next)))
            add(next);
          else setText(next);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            add(text);
          } else if (event.key === "Backspace" && text === "" && value.length > 0) {
            onChange(value.slice(0, -1));
          }
        }}
        className="h-7 min-w-32 flex-1 border-0 bg-transparent p-0 text-sm focus:ring-0 focus:outline-none"
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
