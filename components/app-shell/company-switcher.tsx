"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { switchCompany } from "@/app/(app)/shell-actions";
import { Select } from "@/components/ui/select";

type CompanyOption = { id: string; name: string };

/** Platform admins: pick the company to work in. Shown only to admins; the action checks again. */
export function CompanySwitcher({
  companies,
  currentCompanyId,
}: {
  companies: CompanyOption[];
  currentCompanyId: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onChange(companyId: string) {
    setError(null);
    startTransition(async () => {
      const result = await switchCompany(companyId);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      // A detail page belongs to the company it came from: go back to its list.
      const section = pathname.split("/")[1];
      if (section && pathname !== `/${section}`) router.push(`/${section}`);
      else router.refresh();
    });
  }

  return (
    <div>
      <label htmlFor="company-switcher" className="mb-1 block text-xs font-medium text-slate-500">
        Company
      </label>
      <Select
        id="company-switcher"
        // Re-mount when the server confirms the switch, so the shown value is the real scope.
        key={currentCompanyId}
        defaultValue={currentCompanyId}
        disabled={pending}
        aria-describedby={error ? "company-switcher-error" : undefined}
        onChange={(event) => onChange(event.target.value)}
        className="h-9"
      >
        {companies.map((company) => (
          <option key={company.id} value={company.id}>
            {company.name}
          </option>
        ))}
      </Select>
      {error ? (
        <p id="company-switcher-error" role="alert" className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
