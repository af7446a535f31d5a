import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { formatTotal } from "@/components/data-table/format";
import { CompanyFilter } from "@/components/segments/company-filter";
import { SegmentsTable } from "@/components/segments/segments-table";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhileBusy } from "@/components/ui/refresh-while-busy";
import { recoverDeadRecalculations } from "@/inngest/dispatch/recover-dead-recalculations";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { listCompanies } from "@/lib/data/platform/companies";
import { listSegments, type SegmentListScope } from "@/lib/data/segments/segment-reads";
import { ALL_COMPANIES, loadSegmentListParams } from "@/lib/segments/list-params";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, companyId } = await requireCompanyScope();
  // Bad URL values (page=abc, sort=password) fall back to the defaults rather than failing.
  const { company: requestedCompany, ...params } = await loadSegmentListParams(searchParams);
  const isAdmin = isPlatformAdmin(actor);

  // Members always see their own company, whatever ?company says. Admins may pick any
  // existing company or all of them; by default the one they work in.
  const companies = isAdmin ? await listCompanies() : null;
  let scope: SegmentListScope = companyId;
  if (companies && requestedCompany === ALL_COMPANIES) scope = ALL_COMPANIES;
  else if (companies?.some((company) => company.id === requestedCompany)) scope = requestedCompany;

  // A run whose process died shows as failed and is requested again, not "Running" forever.
  await recoverDeadRecalculations(scope);
  const now = new Date();
  const result = await listSegments(scope, params, now);
  const q = params.q.trim();
  const newSegmentHref = isAdmin && scope !== ALL_COMPANIES ? `/segments/new?company=${scope}` : "/segments/new";
  const scopeName = companies?.find((company) => company.id === scope)?.name;

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            Segments
            <Badge tone="neutral" className="text-sm" aria-label={`${formatTotal(result.total)} segments`}>
              {formatTotal(result.total)}
            </Badge>
          </span>
        }
        description={
          q
            ? `Segments matching “${q}”`
            : scope === ALL_COMPANIES
              ? "Segments of every company."
              : scopeName
                ? `Segments of ${scopeName}.`
                : "Groups of contacts, kept up to date by their rules."
        }
        actions={
          <>
            <Link href="/segments/compare" className={buttonClasses({ variant: "secondary" })}>
              Compare
            </Link>
            <Link href={newSegmentHref} className={buttonClasses()}>
              New segment
            </Link>
          </>
        }
      />
      <RefreshWhileBusy busy={result.rows.some((row) => row.run.busy)} />
      <div className="space-y-4">
        {companies ? <CompanyFilter companies={companies.map(({ id, name }) => ({ id, name }))} value={scope} /> : null}
        <SegmentsTable
          result={result}
          now={now}
          showCompany={scope === ALL_COMPANIES}
          newSegmentHref={newSegmentHref}
        />
      </div>
    </>
  );
}
