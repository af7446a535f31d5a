import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SegmentBuilder } from "@/components/segment-builder/segment-builder";
import { PageHeader } from "@/components/ui/page-header";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { listCompanies } from "@/lib/data/platform/companies";
import { loadBuilderCatalog } from "@/lib/data/segments/segment-builder-catalog";

export const metadata: Metadata = { title: "New segment" };

/**
 * A new segment in the company the user works in. Platform admins may pass ?company=<id>
 * (the list's company filter does) to create it for another company; anyone else asking
 * for another company gets a not-found page.
 */
export default async function NewSegmentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, companyId } = await requireCompanyScope();
  const requested = (await searchParams).company;
  const admin = isPlatformAdmin(actor);
  let target = companyId;
  if (typeof requested === "string" && requested && requested !== companyId) {
    if (!admin) notFound();
    target = requested;
  }
  const [catalog, companies] = await Promise.all([loadBuilderCatalog(target), admin ? listCompanies() : null]);
  if (!catalog) notFound();

  return (
    <div className="space-y-2">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/segments" className="text-slate-500 hover:text-slate-900">
          ← Segments
        </Link>
      </nav>
      <PageHeader
        title="New segment"
        description={`Describe who belongs in it; the preview counts ${catalog.companyName}’s contacts as you go.`}
      />
      <SegmentBuilder
        // A new company means a new catalog: start afresh.
        key={catalog.companyId}
        catalog={catalog}
        companies={companies?.map(({ id, name }) => ({ id, name }))}
      />
    </div>
  );
}
