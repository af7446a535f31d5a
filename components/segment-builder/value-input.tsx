"use client";

import { useEffect, useId, useRef, useState } from "react";
import { suggestValuesAction } from "@/app/(app)/segments/new/actions";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ValueShape } from "@/lib/segments/fields";
import type { BuilderSegment } from "@/lib/segments-admin/builder-types";

/** The value input a condition's operator asks for: text, number, range, date, days, chips, choice, segment. */
export type ValueInputProps = {
  shape: ValueShape;
  operator: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** A closed list of values (enum fields, SELECT options). */
  choices?: readonly string[];
  /** Where suggestions come from, when the field has real values worth offering. */
  suggest?: { companyId: string; field: string };
  segments: BuilderSegment[];
  invalid?: boolean;
};

const CHECKBOX_LIMIT = 12;

export function ValueInput(props: ValueInputProps) {
  const { shape, value, onChange, choices, invalid } = props;
  const aria = { "aria-invalid": invalid || undefined };
  switch (shape) {
    case "none":
      return null;
    case "string":
      return (
        <TextWithSuggestions
          value={typeof value === "string" ? value : ""}
          onChange={onChange}
          suggest={props.suggest}
          invalid={invalid}
        />
      );
    case "enumValue":
      if (!choices?.length) {
        return (
          <TextWithSuggestions
            value={String(value ?? "")}
            onChange={onChange}
            suggest={props.suggest}
            invalid={invalid}
          />
        );
      }
      return (
        <Select
          aria-label="Value"
          className="h-9"
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        >
          <option value="">Choose…</option>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choiceLabel(choice)}
            </option>
          ))}
        </Select>
      );
    case "stringList":
    case "enumList": {
      const list = Array.isArray(value) ? (value as string[]) : [];
      if (choices?.length && choices.length <= CHECKBOX_LIMIT) {
        return <ChoiceChecks choices={choices} value={list} onChange={onChange} invalid={invalid} />;
      }
      return (
        <ChipsInput value={list} onChange={onChange} suggest={props.suggest} choices={choices} invalid={invalid} />
      );
    }
    case "number":
      return <NumberInput label="Value" value={value} onChange={onChange} invalid={invalid} />;
    case "count":
      return (
        <span className="flex items-center gap-2">
          <NumberInput label="Number of times" value={value} onChange={onChange} invalid={invalid} min={0} />
          <span className="text-sm text-slate-500">times</span>
        </span>
      );
    case "dayCount":
      return (
        <span className="flex items-center gap-2">
          <NumberInput label="Number of days" value={value} onChange={onChange} invalid={invalid} min={0} />
          <span className="text-sm whitespace-nowrap text-slate-500">
            {props.operator === "more_than_days_ago" ? "days ago" : "days"}
          </span>
        </span>
      );
    case "numberRange": {
      const [min, max] = Array.isArray(value) ? value : [null, null];
      return (
        <span className="flex items-center gap-2">
          <NumberInput
            label="Minimum"
            value={min}
            onChange={(v) => onChange([v ?? null, max ?? null])}
            invalid={invalid}
          />
          <span className="text-sm text-slate-500">and</span>
          <NumberInput
            label="Maximum"
            value={max}
            onChange={(v) => onChange([min ?? null, v ?? null])}
            invalid={invalid}
          />
        </span>
      );
    }
    case "date":
      return (
        <Input
          type="date"
          aria-label="Date"
          className="h-9"
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      );
    case "dateRange": {
      const [from, to] = Array.isArray(value) ? value : ["", ""];
      return (
        <span className="flex items-center gap-2">
          <Input
            type="date"
            aria-label="From date"
            className="h-9"
            value={String(from ?? "")}
            onChange={(e) => onChange([e.target.value, to ?? ""])}
            {...aria}
          />
          <span className="text-sm text-slate-500">and</span>
          <Input
            type="date"
            aria-label="To date"
            className="h-9"
            value={String(to ?? "")}
            onChange={(e) => onChange([from ?? "", e.target.value])}
            {...aria}
          />
        </span>
      );
    }
    case "segmentId":
      return (
        <Select
          aria-label="Segment"
          className="h-9"
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        >
          <option value="">Choose a segment…</option>
          {props.segments.map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name}
            </option>
          ))}
        </Select>
      );
  }
}

/** "VERY_LIKELY" → "Very likely"; other values as they are. */
export function choiceLabel(value: string): string {
  if (!/^[A-Z_]+$/.test(value)) return value;
  const words = value.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A number typed freely ("-", "1." are fine while typing); the condition gets a number or nothing. */
function NumberInput({
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

function useSuggestions(suggest: ValueInputProps["suggest"], query: string, enabled: boolean): string[] {
  const [values, setValues] = useState<string[]>([]);
  const latest = useRef(0);
  useEffect(() => {
    if (!suggest || !enabled) return;
    const seq = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const result = await suggestValuesAction({ companyId: suggest.companyId, field: suggest.field, q: query });
        if (seq === latest.current && result.ok) setValues(result.data.map((s) => s.value));
      } catch {
        // Suggestions are a convenience: typing still works without them.
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [suggest?.companyId, suggest?.field, query, enabled, suggest]);
  return values;
}

function TextWithSuggestions({
  value,
  onChange,
  suggest,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  suggest?: ValueInputProps["suggest"];
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

/** Several values as chips: type and press Enter (or pick a suggestion) to add, × to remove. */
function ChipsInput({
  value,
  onChange,
  suggest,
  choices,
  invalid,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  suggest?: ValueInputProps["suggest"];
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

function ChoiceChecks({
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
