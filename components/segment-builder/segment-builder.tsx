"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useId, useMemo, useState } from "react";
import { type FieldErrors, useForm, useWatch } from "react-hook-form";
import { updateSegmentAction } from "@/app/(app)/segments/[id]/edit/actions";
import { createSegmentAction } from "@/app/(app)/segments/new/actions";
import { formatCount, formatTotal } from "@/components/data-table/format";
import { RulesView } from "@/components/segment-detail/rules-view";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { fieldClasses, Input } from "@/components/ui/input";
import { FieldError, Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { BuilderCatalog } from "@/lib/segments/builder-types";
import { resolveByName, type SegmentTemplate } from "@/lib/segments/engine/templates";
import type { DefinitionIssue, SegmentDefinition } from "@/lib/segments/engine/types";
import { BuilderContext, type BuilderContextValue } from "./builder-context";
import { ContactPicker, type ContactSelection, EMPTY_SELECTION } from "./contact-picker";
import { type CsvResult, CsvUpload } from "./csv-upload";
import { canAddCondition, emptyFormRules, type FormRules, rulesIssues, toDefinition, toFormRules } from "./form-model";
import { type BuilderFormValues, builderFormSchema } from "./form-schema";
import { RulesEditor } from "./group-editor";
import { PreviewPanel } from "./preview-panel";
import { TemplatesMenu } from "./templates-menu";

export type EditedSegment = {
  id: string;
  name: string;
  description: string | null;
  type: "DYNAMIC" | "STATIC";
  rules: SegmentDefinition | null;
};

/**
 * The segment builder: name, description, type; for a dynamic segment the rules editor
 * with its live preview; for a static one the contact picker and CSV upload. New segments
 * (`segment` absent) are created in `catalog.companyId`; saving lands on the detail page.
 */
export function SegmentBuilder({
  catalog,
  segment,
  companies,
  rulesLocked,
}: {
  catalog: BuilderCatalog;
  segment?: EditedSegment;
  /** Platform admins creating a segment: the companies they may create it for. */
  companies?: { id: string; name: string }[];
  /** Why the rules cannot change now (a scheduled or sending campaign targets the segment). */
  rulesLocked?: string;
}) {
  const router = useRouter();
  const ids = { name: useId(), description: useId(), company: useId() };
  const schema = useMemo(() => builderFormSchema(catalog, segment?.id), [catalog, segment?.id]);
  const {
    register,
    handleSubmit,
    control,
    setValue,
    getValues,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<BuilderFormValues>({
    resolver: zodResolver(schema) as never,
    defaultValues: {
      name: segment?.name ?? "",
      description: segment?.description ?? "",
      type: segment?.type ?? "DYNAMIC",
      rules: segment?.rules ? toFormRules(segment.rules) : emptyFormRules(),
    },
  });
  const rules = useWatch({ control, name: "rules" }) as FormRules;
  const type = useWatch({ control, name: "type" });
  const [serverIssues, setServerIssues] = useState<DefinitionIssue[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [selection, setSelection] = useState<ContactSelection>(EMPTY_SELECTION);
  const [csv, setCsv] = useState<CsvResult | null>(null);

  const edit = useCallback(
    (change: (rules: FormRules) => FormRules) => {
      setServerIssues([]);
      setValue("rules", change(getValues("rules")), { shouldDirty: true });
    },
    [getValues, setValue],
  );
  const localIssues = useMemo(() => rulesIssues(rules, catalog, segment?.id), [rules, catalog, segment?.id]);
  const issues = useMemo(() => [...localIssues, ...serverIssues], [localIssues, serverIssues]);
  const definitionJson = useMemo(() => JSON.stringify(toDefinition(rules)), [rules]);
  const context: BuilderContextValue = {
    catalog,
    segmentId: segment?.id,
    issues,
    showAllIssues: submitCount > 0,
    edit,
    canAddMore: canAddCondition(rules),
  };

  const applyTemplate = (template: SegmentTemplate) => {
    const resolve = resolveByName(catalog);
    // A fresh key prefix per use, so React treats the new rules as new rows.
    edit(() => toFormRules(template.definition, resolve, `t${Date.now().toString(36)}`));
    if (!getValues("name").trim()) setValue("name", template.name, { shouldDirty: true });
  };

  const csvIds = csv?.found.map((c) => c.id) ?? [];
  const pickedCount = new Set([...selection.ids, ...csvIds]).size;
  const willAdd = selection.matching
    ? `all ${formatTotal(selection.matching.total)} matching contacts${pickedCount ? ` and ${formatCount(pickedCount)} more` : ""}`
    : `${formatCount(pickedCount)} contact${pickedCount === 1 ? "" : "s"}`;

  const onValid = async (values: BuilderFormValues) => {
    setSaveError(null);
    const definition = values.type === "DYNAMIC" && !rulesLocked ? toDefinition(getValues("rules")) : undefined;
    const result = segment
      ? await updateSegmentAction({
          id: segment.id,
          name: values.name,
          description: values.description,
          ...(definition && segment.type === "DYNAMIC" ? { rules: definition } : {}),
        })
      : await createSegmentAction({
          companyId: catalog.companyId,
          name: values.name,
          description: values.description,
          type: values.type,
          ...(definition ? { rules: definition } : {}),
          ...(values.type === "STATIC"
            ? {
                members: {
                  contactIds: [...new Set([...selection.ids, ...csvIds])],
                  emails: [],
                  ...(selection.matching ? { matchingSearch: selection.matching.q } : {}),
                },
              }
            : {}),
        });
    if (result.ok) {
      router.push(`/segments/${result.data.id}`);
      return;
    }
    setSaveError(result.error);
    const rulesFromServer: DefinitionIssue[] = [];
    for (const issue of result.issues ?? []) {
      const [head, ...rest] = issue.path;
      if (head === "name" || head === "description") setError(head, { message: issue.message });
      else if (head === "rules") rulesFromServer.push({ path: rest, message: issue.message });
    }
    setServerIssues(rulesFromServer);
  };

  const onInvalid = (formErrors: FieldErrors<BuilderFormValues>) => {
    const count = localIssues.length + (formErrors.name ? 1 : 0) + (formErrors.description ? 1 : 0);
    setSaveError(`Fix ${count === 1 ? "the problem" : `the ${count} problems`} shown below before saving.`);
  };

  return (
    <BuilderContext.Provider value={context}>
      <form
        noValidate
        onSubmit={handleSubmit(onValid, onInvalid)}
        className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]"
      >
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Details" />
            <div className="grid grid-cols-1 gap-4 px-5 py-4 md:grid-cols-2">
              <div>
                <Label htmlFor={ids.name}>Name</Label>
                <Input
                  id={ids.name}
                  className="mt-1"
                  aria-invalid={errors.name ? true : undefined}
                  aria-describedby={errors.name ? `${ids.name}-error` : undefined}
                  {...register("name")}
                />
                <FieldError id={`${ids.name}-error`}>{errors.name?.message}</FieldError>
              </div>
              {companies && !segment ? (
                <div>
                  <Label htmlFor={ids.company}>Company</Label>
                  <Select
                    id={ids.company}
                    className="mt-1"
                    value={catalog.companyId}
                    onChange={(event) => router.push(`/segments/new?company=${event.target.value}`)}
                  >
                    {companies.map((company) => (
                      <option key={company.id} value={company.id}>
                        {company.name}
                      </option>
                    ))}
                  </Select>
                </div>
              ) : (
                <div>
                  <p className="text-sm font-medium text-slate-700">Company</p>
                  <p className="mt-2 text-sm text-slate-900">{catalog.companyName}</p>
                </div>
              )}
              <div className="md:col-span-2">
                <Label htmlFor={ids.description}>Description</Label>
                <textarea
                  id={ids.description}
                  rows={2}
                  className={cn(fieldClasses, "mt-1 py-2")}
                  aria-invalid={errors.description ? true : undefined}
                  aria-describedby={errors.description ? `${ids.description}-error` : undefined}
                  {...register("description")}
                />
                <FieldError id={`${ids.description}-error`}>{errors.description?.message}</FieldError>
              </div>
              <fieldset className="md:col-span-2">
                <legend className="text-sm font-medium text-slate-700">Type</legend>
                <div className="mt-1 flex flex-wrap gap-3">
                  {(["DYNAMIC", "STATIC"] as const).map((option) => (
                    <label
                      key={option}
                      className={cn(
                        "flex flex-1 cursor-pointer items-start gap-2 rounded-md p-3 ring-1",
                        type === option ? "bg-brand-50 ring-brand-500" : "ring-slate-200",
                        segment && "cursor-not-allowed opacity-70",
                      )}
                    >
                      <input
                        type="radio"
                        value={option}
                        disabled={Boolean(segment)}
                        className="mt-1"
                        {...register("type")}
                      />
                      <span>
                        <span className="block text-sm font-medium text-slate-900">
                          {option === "DYNAMIC" ? "Dynamic" : "Static"}
                        </span>
                        <span className="block text-xs text-slate-500">
                          {option === "DYNAMIC"
                            ? "Rules decide who is in it; kept up to date automatically."
                            : "A fixed list of contacts you pick or upload."}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </div>
          </Card>

          {type === "DYNAMIC" ? (
            <Card>
              <CardHeader
                title="Rules"
                description="Contacts who match the groups, minus those who match an exclusion."
                actions={rulesLocked ? undefined : <TemplatesMenu onPick={applyTemplate} />}
              />
              <div className="px-5 py-4">
                {rulesLocked ? (
                  <div className="space-y-3">
                    <p
                      role="alert"
                      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
                    >
                      {rulesLocked}
                    </p>
                    <RulesView
                      rules={segment?.rules}
                      segmentNames={new Map(catalog.segments.map((s) => [s.id, s.name]))}
                    />
                  </div>
                ) : (
                  <RulesEditor rules={rules} />
                )}
              </div>
            </Card>
          ) : segment ? (
            <Card>
              <CardHeader title="Members" />
              <p className="px-5 py-4 text-sm text-slate-600">
                A static segment’s members are added and removed on{" "}
                <Link href={`/segments/${segment.id}`} className="text-brand-700 hover:underline">
                  its page
                </Link>
                .
              </p>
            </Card>
          ) : (
            <Card>
              <CardHeader
                title="Contacts"
                description="Pick contacts from the list, upload a CSV of emails, or both."
              />
              <div className="space-y-6 px-5 py-4">
                <ContactPicker companyId={catalog.companyId} value={selection} onChange={setSelection} />
                <CsvUpload companyId={catalog.companyId} value={csv} onChange={setCsv} />
              </div>
            </Card>
          )}

          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" pending={isSubmitting}>
              {segment ? "Save changes" : "Create segment"}
            </Button>
            <Link
              href={segment ? `/segments/${segment.id}` : "/segments"}
              className={buttonClasses({ variant: "ghost" })}
            >
              Cancel
            </Link>
            {type === "STATIC" && !segment ? (
              <p className="text-sm text-slate-600" role="status">
                Will add {willAdd}.
              </p>
            ) : null}
            {saveError ? (
              <p role="alert" className="text-sm text-red-600">
                {saveError}
              </p>
            ) : null}
          </div>
        </div>

        {type === "DYNAMIC" && !rulesLocked ? (
          <aside className="lg:sticky lg:top-4 lg:self-start">
            <PreviewPanel
              companyId={catalog.companyId}
              segmentId={segment?.id}
              definitionJson={definitionJson}
              issues={localIssues}
              onServerIssues={setServerIssues}
            />
          </aside>
        ) : null}
      </form>
    </BuilderContext.Provider>
  );
}
