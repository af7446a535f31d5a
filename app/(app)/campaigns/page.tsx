import type { Metadata } from "next";
import Link from "next/link";
import { after } from "next/server";
import type { SearchParams } from "nuqs/server";
import { CampaignsTable } from "@/components/campaigns/campaigns-table";
import { formatTotal } from "@/components/data-table/format";
import { CompanyFilter } from "@/components/segments/company-filter";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { startDueCampaigns } from "@/inngest/dispatch/start-due-campaigns";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { loadCampaignListParams } from "@/lib/campaigns/list-params";
import { listCampaignPage } from "@/lib/data/campaigns/campaigns";
import { listCompanies } from "@/lib/data/platform/companies";
import { ALL_COMPANIES } from "@/lib/segments/list-params";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, companyId } = await requireCompanyScope();
  const { company: requestedCompany, ...params } = await loadCampaignListParams(searchParams);
  // As on the segments list: members see their company; admins may pick one or all.
  const companies = isPlatformAdmin(actor) ? await listCompanies() : null;
  let scope: string = companyId;
  if (companies && requestedCompany === ALL_COMPANIES) scope = ALL_COMPANIES;
  else if (companies?.some((company) => company.id === requestedCompany)) scope = requestedCompany;
  // Without a background worker, the scheduled campaigns whose time has come start on view.
  await startDueCampaigns(scope === ALL_COMPANIES ? companyId : scope, { defer: after });
  const result = await listCampaignPage(scope, params);

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            Campaigns
            <Badge tone="neutral" className="text-sm" aria-label={`${formatTotal(result.total)} campaigns`}>
              {formatTotal(result.total)}
            </Badge>
          </span>
        }
        description="What your company sent, to which segments, and what it did."
        actions={
          <Link href="/campaigns/new" className={buttonClasses()}>
            New campaign
          </Link>
        }
      />
      <div className="space-y-4">
        {companies ? (
          <CompanyFilter
            companies={companies.map(({ id, name }) => ({ id, name }))}
            value={scope}
            label="Show campaigns of"
          />
        ) : null}
        <CampaignsTable result={result} showCompany={scope === ALL_COMPANIES} />
      </div>
    </>
  );
}
