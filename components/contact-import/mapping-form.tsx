"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useState, useTransition } from "react";
import { startImportAction } from "@/app/(app)/contacts/import/actions";
import { formatCount } from "@/components/data-table/format";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldError, Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { rowMessage } from "@/lib/api/bulk";
import {
  autoMapHeaders,
  type ImportTarget,
  importTargetOptions,
  rowShapeProblem,
  rowToContactInput,
} from "@/lib/contacts/import-mapping";
import { type CustomFieldDefinitionLike, contactInputSchemaFor } from "@/lib/contacts/schema";

export type MappingFormProps = {
  job: { id: string; fileName: string; headers: string[]; sample: string[][]; totalRows: number };
  customFields: (CustomFieldDefinitionLike & { label: string })[];
  staticSegments: { id: string; name: string }[];
};

type TargetKind = "new" | "existing" | "none";

/**
 * Step 2: which column goes into which field (auto-mapped by header, editable), a preview
 * of the first rows validated with the same contact schema the import uses, what happens
 * to existing contacts, and the segment the contacts go into.
 */
export function MappingForm({ job, customFields, staticSegments }: MappingFormProps) {
  const router = useRouter();
  const ids = { existing: useId(), segmentName: useId(), segmentId: useId(), error: useId() };
  const [mapping, setMapping] = useState<ImportTarget[]>(() => autoMapHeaders(job.headers, customFields));
  const [existing, setExisting] = useState<"update" | "skip">("update");
  const [targetKind, setTargetKind] = useState<TargetKind>("new");
  const [segmentName, setSegmentName] = useState(() => job.fileName.replace(/\.csv$/i, ""));
  const [segmentId, setSegmentId] = useState(staticSegments[0]?.id ?? "");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const options = useMemo(() => importTargetOptions(customFields), [customFields]);
  const schema = useMemo(() => contactInputSchemaFor(customFields), [customFields]);
  const preview = useMemo(
    () =>
      job.sample.map((cells) => {
        const shape = rowShapeProblem(cells, job.headers.length);
        if (shape) return { cells, problem: shape };
        if (!mapping.includes("email")) return { cells, problem: "No column goes into Email" };
        const parsed = schema.safeParse(rowToContactInput(cells, mapping));
        return { cells, problem: parsed.success ? null : rowMessage(parsed.error.issues) };
      }),
    [job.sample, job.headers.length, mapping, schema],
  );

  function start() {
    setError(null);
    const target =
      targetKind === "new"
        ? { kind: "new" as const, name: segmentName }
        : targetKind === "existing"
          ? { kind: "existing" as const, segmentId }
          : { kind: "none" as const };
    startTransition(async () => {
      const result = await startImportAction({ jobId: job.id, mapping, existing, target });
      if (!result.ok) {
        setError({ message: result.error, field: result.field });
        return;
      }
      router.refresh();
    });
  }

  const fieldError = (field: string) => (error?.field === field ? error.message : null);

  return (
    <div className="space-y-8">
      <section aria-labelledby="columns-heading" className="space-y-3">
        <h2 id="columns-heading" className="text-base font-semibold text-slate-900">
          Columns
        </h2>
        <p className="text-sm text-slate-500">
          {job.fileName}: {formatCount(job.totalRows)} rows. Columns set to “Don’t import” are left out; empty cells
          never clear what a contact already has.
        </p>
        <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Column in the file
                </th>
                <th scope="col" className="px-3 py-2">
                  Import into
                </th>
                <th scope="col" className="px-3 py-2">
                  First values
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {job.headers.map((header, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a file's columns never move; headers may repeat
                <tr key={index}>
                  <td className="px-3 py-2 font-medium text-slate-900">{header}</td>
                  <td className="px-3 py-2">
                    <Select
                      aria-label={`Import column “${header}” into`}
                      value={mapping[index] ?? ""}
                      onChange={(event) => {
                        const value = event.target.value || null;
                        setMapping((current) =>
                          current.map((target, i) =>
                            i === index ? value : value !== null && target === value ? null : target,
                          ),
                        );
                      }}
                      className="min-w-48"
                    >
                      <option value="">Don’t import</option>
                      {(["Contact", "Custom fields"] as const).map((group) => {
                        const inGroup = options.filter((option) => option.group === group);
                        return inGroup.length ? (
                          <optgroup key={group} label={group}>
                            {inGroup.map((option) => (
                              <option key={option.value} value={option.value}>
                                {option.label}
                              </option>
                            ))}
                          </optgroup>
                        ) : null;
                      })}
                    </Select>
                  </td>
                  <td className="max-w-72 truncate px-3 py-2 text-slate-500">
                    {job.sample
                      .slice(0, 3)
                      .map((row) => row[index] ?? "")
                      .filter(Boolean)
                      .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="preview-heading" className="space-y-3">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
          Preview of the first {preview.length} rows
        </h2>
        <ul className="divide-y divide-slate-100 rounded-lg bg-white text-sm ring-1 ring-slate-200">
          {preview.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the sample rows are fixed for the job
            <li key={index} className="flex items-start gap-3 px-3 py-2">
              <span className="w-12 shrink-0 text-slate-400 tabular-nums">Row {index + 1}</span>
              <span className="min-w-0 flex-1 truncate text-slate-700">{row.cells.join(" · ")}</span>
              {row.problem ? (
                <span className="shrink-0 text-red-700 sm:max-w-md">✗ {row.problem}</span>
              ) : (
                <span className="shrink-0 text-emerald-700">✓ Valid</span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <fieldset className="space-y-2">
        <legend className="text-base font-semibold text-slate-900">Contacts that already exist (same email)</legend>
        <Radio name="existing" value="update" checked={existing === "update"} onChange={() => setExisting("update")}>
          Update them with the values in the file
        </Radio>
        <Radio name="existing" value="skip" checked={existing === "skip"} onChange={() => setExisting("skip")}>
          Skip them: leave their values as they are
        </Radio>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-base font-semibold text-slate-900">Add the contacts to a segment</legend>
        <Radio name="target" value="new" checked={targetKind === "new"} onChange={() => setTargetKind("new")}>
          A new static segment
        </Radio>
        {targetKind === "new" ? (
          <div className="ml-6 max-w-md">
            <Label htmlFor={ids.segmentName}>Segment name</Label>
            <Input
              id={ids.segmentName}
              className="mt-1.5"
              value={segmentName}
              onChange={(event) => setSegmentName(event.target.value)}
              aria-invalid={fieldError("segmentName") ? true : undefined}
              aria-describedby={fieldError("segmentName") ? ids.error : undefined}
            />
            <FieldError id={ids.error}>{fieldError("segmentName")}</FieldError>
          </div>
        ) : null}
        <Radio
          name="target"
          value="existing"
          checked={targetKind === "existing"}
          onChange={() => setTargetKind("existing")}
          disabled={staticSegments.length === 0}
        >
          An existing static segment (added to its members)
        </Radio>
        {targetKind === "existing" ? (
          <div className="ml-6 max-w-md">
            <Label htmlFor={ids.segmentId}>Segment</Label>
            <Select
              id={ids.segmentId}
              className="mt-1.5"
              value={segmentId}
              onChange={(event) => setSegmentId(event.target.value)}
              aria-invalid={fieldError("segmentId") ? true : undefined}
              aria-describedby={fieldError("segmentId") ? ids.error : undefined}
            >
              {staticSegments.map((segment) => (
                <option key={segment.id} value={segment.id}>
                  {segment.name}
                </option>
              ))}
            </Select>
            <FieldError id={ids.error}>{fieldError("segmentId")}</FieldError>
          </div>
        ) : null}
        <Radio name="target" value="none" checked={targetKind === "none"} onChange={() => setTargetKind("none")}>
          None: a segment “Import &lt;date time&gt;” is made for it
        </Radio>
      </fieldset>

      {error && error.field !== "segmentName" && error.field !== "segmentId" ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}

      <Button onClick={start} pending={pending}>
        Import {formatCount(job.totalRows)} rows
      </Button>
    </div>
  );
}

function Radio({ children, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { children: React.ReactNode }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700 has-[:disabled]:text-slate-400">
      <input type="radio" className="size-4 accent-brand-600" {...props} />
      {children}
    </label>
  );
}
