"use client";

import { cn } from "@/components/ui/cn";
import { choiceLabel } from "./choice-label";

/** A short closed list (at most a dozen values) as checkboxes. */
export function ChoiceChecks({
  choices,
  value,
  onChange,
  invalid,
}: {
  choices: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
  invalid?: boolean;
}) {
  const chosen = new Set(value.map((v) => v.toLowerCase()));
  return (
    <fieldset
      aria-label="Values"
      aria-invalid={invalid || undefined}
      className={cn("flex flex-wrap gap-x-3 gap-y-1 rounded-md px-2 py-1", invalid && "ring-1 ring-red-500")}
    >
      {choices.map((choice) => (
        <label key={choice} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300"
            checked={chosen.has(choice.toLowerCase())}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...value, choice]
                  : value.filter((v) => v.toLowerCase() !== choice.toLowerCase()),
              )
            }
          />
          {choiceLabel(choice)}
        </label>
      ))}
    </fieldset>
  );
}
