"use client";

import { useEffect, useId, useRef, useState } from "react";
import { searchContactsAction } from "@/app/(app)/segments/new/actions";
import { formatCount, formatTotal } from "@/components/data-table/format";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { PickerContact, PickerPage } from "@/lib/segments/builder-actions";

/**
 * Which contacts are picked: ids chosen row by row, or every contact the search `q`
 * finds ("select all matching"; `total` is how many that was when chosen).
 */
export type ContactSelection = {
  ids: string[];
  matching?: { q: string; total: { value: number; exact: boolean } };
};

export const EMPTY_SELECTION: ContactSelection = { ids: [] };

/**
 * A searchable, paged table of the company's contacts with checkboxes: pick rows, the
 * whole page, or every contact the search finds. Reusable wherever contacts are added to
 * a static segment (the builder, a static segment's page).
 */
export function ContactPicker({
  companyId,
  value,
  onChange,
}: {
  companyId: string;
  value: ContactSelection;
  onChange: (selection: ContactSelection) => void;
}) {
  const searchId = useId();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<PickerPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const seq = ++latest.current;
    setLoading(true);
    const timer = setTimeout(async () => {
      try {
        const result = await searchContactsAction({ companyId, q, page });
        if (seq !== latest.current) return;
        if (result.ok) {
          setData(result.data);
          setError(null);
        } else setError(result.error);
      } catch {
        if (seq === latest.current) setError("Could not reach the server.");
      } finally {
        if (seq === latest.current) setLoading(false);
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [companyId, q, page]);

  const picked = new Set(value.ids);
  const rows = data?.rows ?? [];
  const allMatching = value.matching !== undefined;
  const pageAllPicked = rows.length > 0 && rows.every((row) => allMatching || picked.has(row.id));

  const toggle = (row: PickerContact, on: boolean) => {
    const ids = on ? [...value.ids, row.id] : value.ids.filter((id) => id !== row.id);
    onChange({ ids: [...new Set(ids)] });
  };
  const togglePage = (on: boolean) => {
    const pageIds = rows.map((row) => row.id);
    const ids = on ? [...value.ids, ...pageIds] : value.ids.filter((id) => !pageIds.includes(id));
    onChange({ ids: [...new Set(ids)] });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-80">
          <label htmlFor={searchId} className="mb-1 block text-sm font-medium text-slate-700">
            Search contacts
          </label>
          <Input
            id={searchId}
            type="search"
            value={q}
            placeholder="Email, name or company…"
            onChange={(event) => {
              setQ(event.target.value);
              setPage(1);
            }}
          />
        </div>
        {data && data.total.value > 0 ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => onChange({ ids: value.ids, matching: { q: q.trim(), total: data.total } })}
            disabled={allMatching && value.matching?.q === q.trim()}
          >
            Select all {formatTotal(data.total)} {q.trim() ? "matching" : "contacts"}
          </Button>
        ) : null}
        {value.ids.length > 0 || allMatching ? (
          <Button variant="ghost" size="sm" onClick={() => onChange(EMPTY_SELECTION)}>
            Clear selection
          </Button>
        ) : null}
      </div>
      {allMatching ? (
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
          All {formatTotal(value.matching!.total)} contacts {value.matching!.q ? `matching “${value.matching!.q}”` : ""}{" "}
          are selected.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="overflow-hidden rounded-lg ring-1 ring-slate-200" aria-busy={loading}>
        <table className="min-w-full divide-y divide-slate-200 bg-white text-sm">
          <caption className="sr-only">Contacts to pick</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select this page"
                  className="size-4"
                  checked={pageAllPicked}
                  disabled={allMatching || rows.length === 0}
                  onChange={(event) => togglePage(event.target.checked)}
                />
              </th>
              <th scope="col" className="px-3 py-2">
                Email
              </th>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Company
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className={picked.has(row.id) || allMatching ? "bg-brand-50/40" : undefined}>
                <td className="px-3 py-1.5">
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.email}`}
                    className="size-4"
                    checked={allMatching || picked.has(row.id)}
                    disabled={allMatching}
                    onChange={(event) => toggle(row, event.target.checked)}
                  />
                </td>
                <td className="px-3 py-1.5 text-slate-900">{row.email}</td>
                <td className="px-3 py-1.5 text-slate-700">{row.name ?? "—"}</td>
                <td className="px-3 py-1.5 text-slate-700">{row.companyName ?? "—"}</td>
              </tr>
            ))}
            {data && rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-3 py-6 text-center text-slate-500">
                  No contact matches “{q}”.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>{data ? `Page ${page} · ${formatTotal(data.total)} contacts` : loading ? "Loading…" : ""}</span>
        <span className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={page <= 1 || loading} onClick={() => setPage((p) => p - 1)}>
            Previous
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={!data?.hasNextPage || loading}
            onClick={() => setPage((p) => p + 1)}
          >
            Next
          </Button>
        </span>
      </div>
      <p className="text-sm text-slate-700">
        {allMatching ? "" : `${formatCount(value.ids.length)} contact${value.ids.length === 1 ? "" : "s"} selected`}
      </p>
    </div>
  );
}
