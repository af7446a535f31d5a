"use client";

import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { type SuggestionSource, useSuggestions } from "./use-suggestions";

/** Free text, with the field's real values offered as a datalist. */
export function TextWithSuggestions({
  value,
  onChange,
  suggest,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  suggest?: SuggestionSource;
  invalid?: boolean;
}) {
  const listId = useId();
  const [focused, setFocused] = useState(false);
  const suggestions = useSuggestions(suggest, value, focused);
  return (
    <>
      <Input
        aria-label="Value"
        aria-invalid={invalid || undefined}
        className="h-9"
        value={value}
        list={suggest ? listId : undefined}
        autoComplete="off"
        onFocus={() => setFocused(true)}
        onChange={(event) => onChange(event.target.value)}
      />
      {suggest ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}
