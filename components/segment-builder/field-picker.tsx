"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { fieldClasses } from "@/components/ui/input";
import { type FieldOption, type FieldOptionGroup, filterFieldOptions } from "./field-options";

/**
 * A searchable, grouped field picker (combobox pattern): the button shows the field;
 * opening it focuses a search box; arrows move through the matching options, Enter picks,
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
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const visible = useMemo(() => filterFieldOptions(groups, query), [groups, query]);
  const flat = useMemo(() => visible.flatMap((group) => group.options), [visible]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const pick = (option: FieldOption | undefined) => {
    if (!option) return;
    onPick(option);
    setOpen(false);
    setQuery("");
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => Math.min(flat.length - 1, i + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(flat[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  const optionId = (option: FieldOption) => `${listId}-${option.id.replace(/[^a-zA-Z0-9_-]/g, "_")}`;

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={`Field: ${valueLabel || "none chosen"}`}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-invalid={invalid || undefined}
        onClick={() => {
          setOpen((o) => !o);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={cn(fieldClasses, "flex h-9 w-full items-center justify-between gap-2 text-left")}
      >
        <span className={cn("truncate", !valueLabel && "text-slate-400")}>{valueLabel || "Choose a field…"}</span>
        <span aria-hidden="true" className="text-slate-400">
          ▾
        </span>
      </button>
      {open ? (
        <div className="absolute z-30 mt-1 w-80 rounded-md bg-white shadow-lg ring-1 ring-slate-200">
          <div className="border-b border-slate-100 p-2">
            <input
              // biome-ignore lint/a11y/noAutofocus: the user just opened the picker to search it.
              autoFocus
              role="combobox"
              aria-label="Search fields"
              aria-expanded="true"
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={flat[active] ? optionId(flat[active]) : undefined}
              value={query}
              placeholder="Search fields…"
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              className={cn(fieldClasses, "h-8")}
            />
          </div>
          <div id={listId} role="listbox" aria-label="Fields" className="max-h-72 overflow-y-auto py-1">
            {visible.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">No field matches.</p> : null}
            {visible.map((group) => (
              <div key={group.label} role="group" aria-label={group.label}>
                <p className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  {group.label}
                </p>
                {group.options.map((option) => {
                  const index = flat.indexOf(option);
                  return (
                    <div
                      key={option.id}
                      id={optionId(option)}
                      role="option"
                      aria-selected={index === active}
                      tabIndex={-1}
                      onMouseEnter={() => setActive(index)}
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => pick(option)}
                      onKeyDown={() => undefined}
                      className={cn(
                        "flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 text-sm",
                        index === active ? "bg-brand-50 text-brand-900" : "text-slate-700",
                      )}
                    >
                      <span className="truncate">{option.label}</span>
                      <span className="shrink-0 text-xs text-slate-400">{option.hint}</span>
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
