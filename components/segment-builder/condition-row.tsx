"use client";

import { useMemo } from "react";
import { Select } from "@/components/ui/select";
import {
  isFieldParseError,
  OPERATOR_LABELS,
  type Operator,
  parseFieldRef,
  URL_EVENT_TYPES,
  valueShape,
} from "@/lib/segments/engine/fields";
import { suggestsValues } from "@/lib/segments/suggestions";
import { issuesUnder, useBuilder } from "./builder-context";
import { EventOptions } from "./event-options";
import { currentFieldLabel, fieldOptionGroups } from "./field-options";
import { FieldPicker } from "./field-picker";
import {
  duplicateAt,
  type FormCondition,
  familyOf,
  type ItemPath,
  operatorsOf,
  removeAt,
  updateAt,
  withField,
  withOperator,
} from "./form-model";
import { ItemActions } from "./icon-button";
import { ValueInput } from "./value-input";

/** One condition: field, operator, value (and for events: window and filters), with its errors beneath. */
export function ConditionRow({ condition, path, label }: { condition: FormCondition; path: ItemPath; label: string }) {
  const { catalog, segmentId, issues, showAllIssues, edit, canAddMore } = useBuilder();
  const groups = useMemo(() => fieldOptionGroups(catalog, segmentId), [catalog, segmentId]);
  const family = familyOf(condition.field, catalog);
  const operators = operatorsOf(family);
  const shape = family && condition.operator ? valueShape(family, condition.operator) : undefined;
  const ref = condition.field ? parseFieldRef(condition.field) : undefined;
  const parsedRef = ref && !isFieldParseError(ref) ? ref : undefined;
  const mine = issuesUnder(issues, path);
  const visible = condition.touched || showAllIssues ? mine : [];
  const bad = (part: string) => visible.some((issue) => issue.path[path.length] === part);
  const set = (next: FormCondition) => edit((rules) => updateAt<FormCondition>(rules, path, () => next));

  const choices = (() => {
    if (parsedRef?.kind === "contact") return parsedRef.field.values;
    if (parsedRef?.kind === "customField") {
      const options = catalog.customFields.find((f) => f.key === parsedRef.key)?.options;
      return options?.length ? options : undefined;
    }
    return undefined;
  })();
  const segments = catalog.segments.filter((s) => s.id !== segmentId);

  return (
    <div role="group" aria-label={label} className="rounded-md bg-white p-2 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start gap-2">
        <div className="w-44 shrink-0">
          <FieldPicker
            groups={groups}
            valueLabel={currentFieldLabel(groups, condition.field)}
            invalid={bad("field")}
            onPick={(option) => {
              const next = withField(condition, option.field, familyOf(option.field, catalog));
              set(option.segmentId ? { ...next, value: option.segmentId } : next);
            }}
          />
        </div>
        <div className="w-40 shrink-0">
          <Select
            aria-label="Operator"
            className="h-9"
            value={condition.operator}
            disabled={!family}
            aria-invalid={bad("operator") || undefined}
            onChange={(event) => set(withOperator(condition, event.target.value, family))}
          >
            {!condition.operator || !operators.includes(condition.operator as Operator) ? (
              <option value={condition.operator}>{condition.operator || "Choose…"}</option>
            ) : null}
            {operators.map((op) => (
              <option key={op} value={op}>
                {OPERATOR_LABELS[op]}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-32 flex-1">
          {shape ? (
            <ValueInput
              shape={shape}
              operator={condition.operator}
              value={condition.value}
              choices={choices}
              segments={segments}
              invalid={bad("value")}
              suggest={
                suggestsValues(condition.field) && !choices
                  ? { companyId: catalog.companyId, field: condition.field }
                  : undefined
              }
              onChange={(value) => set({ ...condition, value, touched: true })}
            />
          ) : null}
        </div>
        <ItemActions
          what={label.toLowerCase()}
          canDuplicate={canAddMore}
          onDuplicate={() => edit((rules) => duplicateAt(rules, path))}
          onRemove={() => edit((rules) => removeAt(rules, path))}
        />
      </div>
      {parsedRef?.kind === "event" ? (
        <div className="mt-2 border-t border-slate-100 pt-2 pl-1">
          <EventOptions
            window={condition.window}
            filter={condition.filter}
            urlApplies={URL_EVENT_TYPES.includes(parsedRef.eventType)}
            campaigns={catalog.campaigns}
            placeholderName={condition.placeholder?.kind === "campaign" ? condition.placeholder.name : undefined}
            invalidWindow={bad("window")}
            invalidCampaign={visible.some((i) => i.path.slice(path.length).join(".") === "filter.campaignId")}
            onChange={({ window, filter }) => {
              const { window: _w, filter: _f, ...rest } = condition;
              set({ ...rest, touched: true, ...(window ? { window } : {}), ...(filter ? { filter } : {}) });
            }}
          />
        </div>
      ) : null}
      {condition.placeholder ? (
        <p className="mt-1 text-xs text-amber-700">
          Template: choose the {condition.placeholder.kind} the template calls “{condition.placeholder.name}”.
        </p>
      ) : null}
      {visible.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-sm text-red-600">
          {visible.map((issue) => (
            <li key={`${issue.path.join(".")}:${issue.message}`}>
              {describePart(issue.path.slice(path.length))}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "value.0" → "Minimum: ", "filter.campaignId" → "Campaign: " (what the message is about). */
function describePart(rest: (string | number)[]): string {
  const key = rest.join(".");
  const names: Record<string, string> = {
    field: "Field",
    operator: "Operator",
    value: "Value",
    "value.0": "First value",
    "value.1": "Second value",
    window: "Time window",
    "filter.campaignId": "Campaign",
    "filter.urlContains": "URL",
    "filter.device": "Device",
    "filter.campaignNameContains": "Campaign name",
  };
  const name = names[key] ?? (key.startsWith("window") ? "Time window" : key.startsWith("value") ? "Value" : key);
  return name ? `${name}: ` : "";
}
