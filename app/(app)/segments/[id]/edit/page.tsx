import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SegmentBuilder } from "@/components/segment-builder/segment-builder";
import { PageHeader } from "@/components/ui/page-header";
import { requireCompanyScope } from "@/lib/auth/session";
import { loadBuilderCatalog } from "@/lib/data/segments/segment-builder-catalog";
import { getSegment, getSegmentUsage } from "@/lib/data/segments/segment-reads";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { rulesLockedMessage } from "@/lib/segments/builder-actions";
import { parseSegmentDefinition } from "@/lib/segments/engine/schema";
import { segmentCompanyFor } from "@/lib/segments/segment-actions";

type Props = { params: Promise<{ id: string }> };

/** The segment if this user may edit it (members: their company's; admins: any), else null. */
const loadForEdit = cache(async (id: string) => {
  const { actor, companyId: scope } = await requireCompanyScope();
  let companyId: string;
  try {
    companyId = await segmentCompanyFor(actor, scope, id, "segments:write");
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
    throw error;
  }
  const [segment, catalog, usage] = await Promise.all([
    getSegment(companyId, id),
    loadBuilderCatalog(companyId),
    getSegmentUsage(companyId, id),
  ]);
  return segment && catalog ? { segment, catalog, usage } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadForEdit((await params).id);
  return { title: loaded ? `Edit ${loaded.segment.name}` : "Segment not found" };
}

export default async function EditSegmentPage({ params }: Props) {
  const loaded = await loadForEdit((await params).id);
  if (!loaded) notFound();
  const { segment, catalog, usage } = loaded;
  const blocking = usage?.blockingCampaigns ?? [];
  // Stored rules were validated on save; should they no longer parse, the editor starts empty.
  const parsed = segment.type === "DYNAMIC" ? parseSegmentDefinition(segment.rules) : null;

  return (
    <div className="space-y-2">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/segments/${segment.id}`} className="text-slate-500 hover:text-slate-900">
          ← {segment.name}
        </Link>
      </nav>
      <PageHeader title={`Edit “${segment.name}”`} description={`A segment of ${catalog.companyName}.`} />
      <SegmentBuilder
        catalog={catalog}
        segment={{
          id: segment.id,
          name: segment.name,
          description: segment.description,
          type: segment.type,
          rules: parsed?.ok ? parsed.definition : null,
        }}
        rulesLocked={blocking.length > 0 ? rulesLockedMessage(blocking.map((c) => c.name)) : undefined}
      />
    </div>
  );
}
