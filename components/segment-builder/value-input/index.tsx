"use client";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { BuilderSegment } from "@/lib/segments/builder-types";
import type { ValueShape } from "@/lib/segments/engine/fields";
import { ChipsInput } from "./chips-input";
import { ChoiceChecks } from "./choice-checks";
import { choiceLabel } from "./choice-label";
import { NumberInput } from "./number-input";
import { TextWithSuggestions } from "./text-with-suggestions";
import type { SuggestionSource } from "./use-suggestions";

/** The value input a condition's operator asks for: text, number, range, date, days, chips, choice, segment. */
export type ValueInputProps = {
  shape: ValueShape;
  operator: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** A closed list of values (enum fields, SELECT options). */
  choices?: readonly string[];
  /** Where suggestions come from, when the field has real values worth offering. */
  suggest?: SuggestionSource;
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
