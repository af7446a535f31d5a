"use client";

import { useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { fieldClasses } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { type FieldOption, type FieldOptionGroup, filterFieldOptions } from "./field-options";

/**
 * A searchable, grouped field picker: the button shows the field; opening it (click or
 * ArrowDown) focuses a search box; arrows move through the matching options, Enter picks,
 * Escape closes and returns focus to the button.
 */
export function FieldPicker({
  groups,
  valueLabel,
  invalid,
  onPick,
}: {
  groups: FieldOptionGroup[];
  valueLabel: string;
  invalid?: boolean;
  onPick: (option: FieldOption) => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  // Our own matching (labels, hints, group names), not cmdk's fuzzy score: the order stays the catalog's.
  const visible = useMemo(() => filterFieldOptions(groups, query), [groups, query]);

  const changeOpen = (next: boolean) => {
    setOpen(next);
    if (!next) setQuery("");
  };

  return (
    <Popover open={open} onOpenChange={changeOpen}>
      <PopoverTrigger
        aria-label={`Field: ${valueLabel || "none chosen"}`}
        aria-invalid={invalid || undefined}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            changeOpen(true);
          }
        }}
        className={cn(fieldClasses, "flex h-9 w-full items-center justify-between gap-2 text-left")}
      >
        <span className={cn("truncate", !valueLabel && "text-slate-400")}>{valueLabel || "Choose a field…"}</span>
        <span aria-hidden="true" className="text-slate-400">
          ▾
        </span>
      </PopoverTrigger>
      <PopoverContent inline className="w-80">
        <Command label="Search fields" shouldFilter={false} loop={false}>
          <CommandInput value={query} onValueChange={setQuery} placeholder="Search fields…" />
          <CommandList label="Fields">
            <CommandEmpty>No field matches.</CommandEmpty>
            {visible.map((group) => (
              <CommandGroup key={group.label} heading={group.label}>
                {group.options.map((option) => (
                  <CommandItem
                    key={option.id}
                    value={option.id}
                    onSelect={() => {
                      onPick(option);
                      changeOpen(false);
                    }}
                  >
                    <span className="truncate">{option.label}</span>
                    <span className="shrink-0 text-xs text-slate-400">{option.hint}</span>
                  </CommandItem>
                ))}
              </CommandGroup>
            ))}
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
