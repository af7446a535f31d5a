"use client";

import { createContext, useContext } from "react";
import type { BuilderCatalog } from "@/lib/segments/builder-types";
import type { DefinitionIssue } from "@/lib/segments/engine/types";
import type { FormRules } from "./form-model";

/** What every group and condition editor needs: the catalog, the issues, and a way to edit the rules. */
export type BuilderContextValue = {
  catalog: BuilderCatalog;
  /** The segment being edited (excluded from "in segment" choices). */
  segmentId?: string;
  /** Issues of the current rules (engine + server), paths as the engine's. */
  issues: DefinitionIssue[];
  /** After a save attempt every issue shows, not only those of touched conditions. */
  showAllIssues: boolean;
  edit: (change: (rules: FormRules) => FormRules) => void;
  /** Below the limit of conditions per definition. */
  canAddMore: boolean;
};

export const BuilderContext = createContext<BuilderContextValue | null>(null);

export function useBuilder(): BuilderContextValue {
  const value = useContext(BuilderContext);
  if (!value) throw new Error("useBuilder outside the segment builder");
  return value;
}

/** Issues at or below a path ("groups.0.conditions.2" → its field, operator, value, window, filter...). */
export function issuesUnder(issues: DefinitionIssue[], path: (string | number)[]): DefinitionIssue[] {
  const prefix = path.join(".");
  return issues.filter((issue) => {
    const key = issue.path.join(".");
    return key === prefix || key.startsWith(`${prefix}.`);
  });
}
