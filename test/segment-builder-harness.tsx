import { render } from "@testing-library/react";
import { useCallback, useMemo, useState } from "react";
import { BuilderContext, type BuilderContextValue } from "@/components/segment-builder/builder-context";
import {
  canAddCondition,
  emptyFormRules,
  type FormRules,
  rulesIssues,
  toDefinition,
  toFormRules,
} from "@/components/segment-builder/form-model";
import { RulesEditor } from "@/components/segment-builder/group-editor";
import { PreviewPanel } from "@/components/segment-builder/preview-panel";
import type { BuilderCatalog } from "@/lib/segments/builder-types";
import type { DefinitionIssue, SegmentDefinition } from "@/lib/segments/engine/types";

/**
 * The segment builder's rules editor and preview, wired the way segment-builder.tsx wires
 * them (engine issues of the current rules, server issues from the preview, "show every
 * issue" after a save attempt) but without the name/type form around them.
 */

/** One company's catalog; contact fields and events come from lib/segments/engine/fields.ts itself. */
export const ACME_CATALOG: BuilderCatalog = {
  companyId: "0a000000-0000-4000-8000-000000000001",
  companyName: "Acme",
  customFields: [
    { key: "customer_ltv", label: "Customer LTV", type: "NUMBER", options: [] },
    { key: "industry", label: "Industry", type: "SELECT", options: ["SaaS", "Retail"] },
  ],
  segments: [{ id: "0d000000-0000-4000-8000-000000000001", name: "Product Users", type: "STATIC" }],
  campaigns: [{ id: "0c000000-0000-4000-8000-00000000000b", name: "Feature Announcement", status: "SENT" }],
};

function BuilderHarness({
  initial,
  catalog,
  withPreview,
}: {
  initial: FormRules;
  catalog: BuilderCatalog;
  withPreview: boolean;
}) {
  const [rules, setRules] = useState(initial);
  const [serverIssues, setServerIssues] = useState<DefinitionIssue[]>([]);
  const [saveAttempted, setSaveAttempted] = useState(false);
  const edit = useCallback((change: (rules: FormRules) => FormRules) => {
    setServerIssues([]);
    setRules(change);
  }, []);
  const localIssues = useMemo(() => rulesIssues(rules, catalog), [rules, catalog]);
  const issues = useMemo(() => [...localIssues, ...serverIssues], [localIssues, serverIssues]);
  const definitionJson = useMemo(() => JSON.stringify(toDefinition(rules)), [rules]);
  const context: BuilderContextValue = {
    catalog,
    issues,
    showAllIssues: saveAttempted,
    edit,
    canAddMore: canAddCondition(rules),
  };
  return (
    <BuilderContext.Provider value={context}>
      <RulesEditor rules={rules} />
      <button type="button" onClick={() => setSaveAttempted(true)}>
        Save
      </button>
      {withPreview ? (
        <PreviewPanel
          companyId={catalog.companyId}
          definitionJson={definitionJson}
          issues={localIssues}
          onServerIssues={setServerIssues}
        />
      ) : null}
    </BuilderContext.Provider>
  );
}

/** Renders the rules editor (and optionally the live preview) on stored rules, or on a new segment's. */
export function renderBuilder(
  definition?: SegmentDefinition,
  { catalog = ACME_CATALOG, withPreview = false }: { catalog?: BuilderCatalog; withPreview?: boolean } = {},
) {
  const initial = definition ? toFormRules(definition) : emptyFormRules();
  return render(<BuilderHarness initial={initial} catalog={catalog} withPreview={withPreview} />);
}
