"use client";

import { Fragment } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/select";
import type { MatchMode } from "@/lib/segments/engine/types";
import { issuesUnder, useBuilder } from "./builder-context";
import { ConditionRow } from "./condition-row";
import {
  addTopGroup,
  appendTo,
  blankCondition,
  canAddSubGroup,
  duplicateAt,
  type FormGroup,
  type FormRules,
  groupDepth,
  type ItemPath,
  newGroup,
  removeAt,
  updateAt,
} from "./form-model";
import { ItemActions } from "./icon-button";

// Nested groups get a different tint per level, so the structure reads at a glance.
const LEVEL_STYLES = [
  "bg-slate-50 ring-slate-300",
  "bg-sky-50/70 ring-sky-200",
  "bg-violet-50/70 ring-violet-200",
  "bg-amber-50/70 ring-amber-200",
  "bg-emerald-50/70 ring-emerald-200",
];
const EXCLUSION_STYLE = "bg-red-50/60 ring-red-200";

/** A group: ALL/ANY of its conditions and sub-groups, with add / duplicate / remove. */
export function GroupEditor({
  group,
  path,
  label,
  exclusion = false,
}: {
  group: FormGroup;
  path: ItemPath;
  label: string;
  exclusion?: boolean;
}) {
  const { edit, issues, showAllIssues, canAddMore } = useBuilder();
  const depth = groupDepth(path);
  const ownIssues = issues.filter((i) => i.path.join(".") === [...path, "conditions"].join("."));
  const word = group.match === "all" ? "AND" : "OR";

  return (
    <section
      aria-label={label}
      className={cn(
        "rounded-lg p-3 ring-1",
        exclusion && depth === 1 ? EXCLUSION_STYLE : LEVEL_STYLES[(depth - 1) % LEVEL_STYLES.length],
      )}
    >
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2 text-sm text-slate-700">
          <span className="font-semibold text-slate-900">{label}</span>
          <span>· match</span>
          <Select
            aria-label={`Match for ${label.toLowerCase()}`}
            className="h-8 w-auto! font-medium"
            value={group.match}
            onChange={(event) =>
              edit((rules) =>
                updateAt<FormGroup>(rules, path, (g) => ({ ...g, match: event.target.value as MatchMode })),
              )
            }
          >
            <option value="all">ALL (and)</option>
            <option value="any">ANY (or)</option>
          </Select>
          <span>of these</span>
        </div>
        <ItemActions
          what={label.toLowerCase()}
          canDuplicate={canAddMore}
          onDuplicate={() => edit((rules) => duplicateAt(rules, path))}
          onRemove={() => edit((rules) => removeAt(rules, path))}
        />
      </div>

      <ol className="space-y-2">
        {group.conditions.map((item, i) => {
          const itemPath = [...path, "conditions", i];
          return (
            <Fragment key={item.key}>
              {i > 0 ? (
                <li aria-hidden="true" className="pl-3 text-xs font-semibold tracking-wide text-slate-500">
                  {word}
                </li>
              ) : null}
              <li>
                {item.kind === "group" ? (
                  <GroupEditor group={item} path={itemPath} label={`${label}.${i + 1}`} exclusion={exclusion} />
                ) : (
                  <ConditionRow condition={item} path={itemPath} label={`${label} condition ${i + 1}`} />
                )}
              </li>
            </Fragment>
          );
        })}
      </ol>
      {ownIssues.length > 0 && (showAllIssues || group.conditions.length === 0) ? (
        <p className="mt-2 text-sm text-red-600">{ownIssues.map((i) => i.message).join("; ")}</p>
      ) : null}

      <div className="mt-2 flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={!canAddMore}
          aria-label={`Add condition to ${label.toLowerCase()}`}
          onClick={() => edit((rules) => appendTo(rules, path, blankCondition()))}
        >
          + Condition
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={!canAddMore || !canAddSubGroup(path)}
          title={canAddSubGroup(path) ? undefined : "Groups nest at most 5 deep"}
          aria-label={`Add sub-group to ${label.toLowerCase()}`}
          onClick={() => edit((rules) => appendTo(rules, path, newGroup(group.match === "all" ? "any" : "all")))}
        >
          + Sub-group
        </Button>
      </div>
    </section>
  );
}

/** The whole definition: include groups (combined ALL/ANY) and the exclusion block. */
export function RulesEditor({ rules }: { rules: FormRules }) {
  const { edit, canAddMore, issues } = useBuilder();
  const topWord = rules.match === "all" ? "AND" : "OR";
  const exclusionIssues = issuesUnder(issues, ["exclusions"]);
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        {rules.groups.length > 1 ? (
          <div className="flex items-center gap-2 text-sm text-slate-700">
            Contacts must match
            <Select
              aria-label="Combine groups"
              className="h-8 w-auto! font-medium"
              value={rules.match}
              onChange={(event) => edit((r) => ({ ...r, match: event.target.value as MatchMode }))}
            >
              <option value="all">ALL groups (and)</option>
              <option value="any">ANY group (or)</option>
            </Select>
          </div>
        ) : null}
        {rules.groups.map((group, i) => (
          <Fragment key={group.key}>
            {i > 0 ? (
              <p aria-hidden="true" className="text-center text-xs font-bold tracking-widest text-slate-500">
                {topWord}
              </p>
            ) : null}
            <GroupEditor group={group} path={["groups", i]} label={`Group ${i + 1}`} />
          </Fragment>
        ))}
        <Button
          size="sm"
          variant="secondary"
          disabled={!canAddMore}
          onClick={() => edit((r) => addTopGroup(r, "groups"))}
        >
          + Group
        </Button>
      </div>

      <section aria-label="Exclusions" className="rounded-lg border border-dashed border-red-300 p-3">
        <h3 className="text-sm font-semibold text-red-900">Exclude contacts who match</h3>
        <p className="mb-2 text-xs text-red-800/80">A contact who matches any of these groups is left out.</p>
        <div className="space-y-2">
          {rules.exclusions.map((group, i) => (
            <GroupEditor
              key={group.key}
              group={group}
              path={["exclusions", i]}
              label={`Exclusion ${i + 1}`}
              exclusion
            />
          ))}
        </div>
        {exclusionIssues.length > 0 && rules.exclusions.length === 0 ? (
          <p className="text-sm text-red-600">{exclusionIssues[0]?.message}</p>
        ) : null}
        <Button
          size="sm"
          variant="secondary"
          className="mt-2"
          disabled={!canAddMore}
          onClick={() => edit((r) => addTopGroup(r, "exclusions"))}
        >
          + Exclusion group
        </Button>
      </section>
    </div>
  );
}
