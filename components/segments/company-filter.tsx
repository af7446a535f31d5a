"use client";

import { useQueryStates } from "nuqs";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useId, useMemo, useState, useTransition } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { parseAsPage } from "@/lib/data-table/search-params";
import { ALL_COMPANIES, segmentCompanySearchParams } from "@/lib/segments/list-params";

type CompanyOption = { id: string; name: string };

/**
 * Platform admins: whose segments the list shows, one company or all of them. The choice
 * lives in the URL (?company=<id>|all) like the rest of the list's state. Searchable: the
 * text box narrows the options of the select (the chosen one always stays).
 */
export function CompanyFilter(props: { companies: CompanyOption[]; value: string; label?: string }) {
  return (
    <NuqsAdapter>
      <CompanyFilterView {...props} />
    </NuqsAdapter>
  );
}

function CompanyFilterView({
  companies,
  value,
  label = "Show segments of",
}: {
  companies: CompanyOption[];
  value: string;
  label?: string;
}) {
  const filterId = useId();
  const selectId = useId();
  const [filter, setFilter] = useState("");
  const [pending, startTransition] = useTransition();
  const [, setParams] = useQueryStates(
    { ...segmentCompanySearchParams, page: parseAsPage.withDefault(1) },
    { shallow: false, history: "push", scroll: false, startTransition },
  );

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return companies;
    return companies.filter((company) => company.id === value || company.name.toLowerCase().includes(needle));
  }, [companies, filter, value]);
  const hidden = companies.length - visible.length;

  return (
    <fieldset className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <legend className="sr-only">Company filter</legend>
      <div className="w-full max-w-56">
        <label htmlFor={filterId} className="mb-1 block text-xs font-medium text-slate-500">
          Find a company
        </label>
        <Input
          id={filterId}
          type="search"
          value={filter}
          placeholder="Type to filter…"
          autoComplete="off"
          aria-controls={selectId}
          className="h-9"
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <div className="w-full max-w-72">
        <label htmlFor={selectId} className="mb-1 block text-xs font-medium text-slate-500">
          {label}
        </label>
        <Select
          id={selectId}
          value={value}
          disabled={pending}
          aria-busy={pending || undefined}
          className="h-9"
          // A new company starts again at page 1; search and sort stay.
          onChange={(event) => void setParams({ company: event.target.value, page: null })}
        >
          <option value={ALL_COMPANIES}>All companies</option>
          {visible.map((company) => (
            <option key={company.id} value={company.id}>
              {company.name}
            </option>
          ))}
        </Select>
      </div>
      <p role="status" aria-live="polite" className="pb-2 text-xs text-slate-500">
        {pending ? "Loading…" : hidden > 0 ? `${visible.length} of ${companies.length} companies shown` : null}
      </p>
    </fieldset>
  );
}
