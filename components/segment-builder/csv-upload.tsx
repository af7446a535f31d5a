"use client";

import { useId, useState } from "react";
import { checkEmailsAction } from "@/app/(app)/segments/new/actions";
import { formatCount } from "@/components/data-table/format";
import { parseEmailCsv } from "./csv-emails";

/** What an uploaded CSV contributes: the company's contacts it names, and what it could not use. */
export type CsvResult = {
  fileName: string;
  found: { id: string; email: string }[];
  unknown: string[];
  invalid: string[];
};

const SHOWN = 10;

/** Upload a CSV of emails: parsed in the browser, checked against the company's contacts on the server. */
export function CsvUpload({
  companyId,
  value,
  onChange,
}: {
  companyId: string;
  value: CsvResult | null;
  onChange: (result: CsvResult | null) => void;
}) {
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    setError(null);
    if (!file) return onChange(null);
    setBusy(true);
    try {
      const { emails, invalid } = parseEmailCsv(await file.text());
      if (emails.length === 0) {
        onChange({ fileName: file.name, found: [], unknown: [], invalid });
        return;
      }
      const result = await checkEmailsAction({ companyId, emails });
      if (!result.ok) setError(result.error);
      else onChange({ fileName: file.name, found: result.data.found, unknown: result.data.unknown, invalid });
    } catch {
      setError("Could not read the file or reach the server.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        Upload a CSV of emails
      </label>
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(event) => void onFile(event.target.files?.[0])}
        className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-200"
      />
      <p className="text-xs text-slate-500">One email per line, or a column headed “email”.</p>
      <div role="status" aria-live="polite" className="text-sm">
        {busy ? <p className="text-slate-600">Checking the emails…</p> : null}
        {error ? <p className="text-red-600">{error}</p> : null}
        {value && !busy ? (
          <div className="space-y-1">
            <p className="text-slate-800">
              {value.fileName}: {formatCount(value.found.length)} contact{value.found.length === 1 ? "" : "s"} found
            </p>
            {value.unknown.length > 0 ? (
              <p className="text-amber-800">
                {formatCount(value.unknown.length)} not found: {value.unknown.slice(0, SHOWN).join(", ")}
                {value.unknown.length > SHOWN ? ", …" : ""}
              </p>
            ) : null}
            {value.invalid.length > 0 ? (
              <p className="text-red-700">
                {formatCount(value.invalid.length)} not an email address: {value.invalid.slice(0, SHOWN).join(", ")}
                {value.invalid.length > SHOWN ? ", …" : ""}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
