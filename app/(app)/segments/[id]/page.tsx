import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { cache } from "react";
import { SegmentCampaigns } from "@/components/campaigns/segment-campaigns";
import { formatCount, formatTotal } from "@/components/data-table/format";
import { AddMembersPanel } from "@/components/segment-detail/add-members-panel";
import { AnalyticsCharts } from "@/components/segment-detail/analytics-charts";
import { ComputeAnalyticsButton } from "@/components/segment-detail/compute-analytics-button";
import { ExplainPanel } from "@/components/segment-detail/explain-panel";
import { SegmentHeaderActions } from "@/components/segment-detail/header-actions";
import { HistoryTable } from "@/components/segment-detail/history-table";
import { loadMemberListParams } from "@/components/segment-detail/member-list-params";
import { MembersTable } from "@/components/segment-detail/members-table";
import { OverlapPanel } from "@/components/segment-detail/overlap-panel";
import { RulesView } from "@/components/segment-detail/rules-view";
import {
  FRESHNESS_LABELS,
  FRESHNESS_TONES,
  freshnessHint,
  TYPE_LABELS,
  TYPE_TONES,
} from "@/components/segments/format";
import { RunStatusView } from "@/components/segments/run-status";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhileBusy } from "@/components/ui/refresh-while-busy";
import { recoverDeadRecalculations } from "@/inngest/dispatch/recover-dead-recalculations";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { listCampaignsOfSegment } from "@/lib/data/campaigns/campaign-report";
import { companyAverages, previousUtcDay, segmentAnalyticsVsCompany } from "@/lib/data/segments/segment-analytics";
import { loadSegmentCatalog } from "@/lib/data/segments/segment-catalog";
import { listSegmentMemberPage } from "@/lib/data/segments/segment-member-list";
import { listSegmentChoices } from "@/lib/data/segments/segment-overlap";
import { findSegmentCompanyId, getSegment } from "@/lib/data/segments/segment-reads";
import { listRecalculations } from "@/lib/data/segments/segment-run-history";
import { isUuid } from "@/lib/errors";
import { ANALYTICS_DAYS } from "./insight-actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/**
 * The segment in the company the actor works in. A platform admin may open any company's
 * segment by id (its company is looked up, then read with the same scoped function);
 * anyone else gets null (→ 404) for another company's segment.
 */
const loadSegment = cache(async (id: string) => {
  const { actor, companyId } = await requireCompanyScope();
  if (!isUuid(id)) return null;
  // A run whose process died shows as failed and is requested again, not "Running" forever.
  await recoverDeadRecalculations(companyId);
  const now = new Date();
  const own = await getSegment(companyId, id, now);
  if (own) return { segment: own, now };
  if (!isPlatformAdmin(actor)) return null;
  const ownerCompanyId = await findSegmentCompanyId(id);
  if (ownerCompanyId) await recoverDeadRecalculations(ownerCompanyId);
  const owned = ownerCompanyId ? await getSegment(ownerCompanyId, id, now) : null;
  return owned ? { segment: owned, now } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadSegment((await params).id);
  return { title: loaded ? loaded.segment.name : "Segment not found" };
}

export default async function SegmentPage({ params, searchParams }: Props) {
  const loaded = await loadSegment((await params).id);
  if (!loaded) notFound();
  const { segment, now } = loaded;
  const memberParams = await loadMemberListParams(searchParams);
  const lastDay = previousUtcDay(now);
  const [members, runs, catalog, analytics, companyAverage, choices, campaigns] = await Promise.all([
    listSegmentMemberPage(segment.companyId, segment.id, memberParams),
    listRecalculations(segment.companyId, segment.id, { limit: 20 }),
    segment.type === "DYNAMIC" ? loadSegmentCatalog(segment.companyId) : null,
    segmentAnalyticsVsCompany(segment.companyId, segment.id, ANALYTICS_DAYS, lastDay),
    companyAverages(segment.companyId, ANALYTICS_DAYS, new Date(`${lastDay}T00:00:00.000Z`)),
    listSegmentChoices(segment.companyId),
    listCampaignsOfSegment(segment.companyId, segment.id),
  ]);
  const lastRun = segment.lastRun;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/segments" className="text-slate-500 hover:text-slate-900">
          ← Segments
        </Link>
      </nav>

      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {segment.name}
            <Badge tone={TYPE_TONES[segment.type]}>{TYPE_LABELS[segment.type]}</Badge>
            {segment.status !== "ACTIVE" ? <Badge tone="neutral">{statusLabel(segment.status)}</Badge> : null}
          </span>
        }
        description={segment.description ?? undefined}
        actions={<SegmentHeaderActions segment={{ id: segment.id, name: segment.name, type: segment.type }} />}
      />

      <RefreshWhileBusy busy={segment.run.busy} />
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Fact label="Contacts">
          <span className="text-2xl font-semibold text-slate-900 tabular-nums">
            {formatCount(segment.contactCount)}
          </span>
        </Fact>
        <Fact label="Recalculation">
          <RunStatusView run={segment.run} now={now} />
        </Fact>
        <Fact label="Freshness">
          <Badge tone={FRESHNESS_TONES[segment.freshness]} title={freshnessHint(segment.freshness, lastRun?.error)}>
            {FRESHNESS_LABELS[segment.freshness]}
          </Badge>
          <p className="mt-1 text-xs text-slate-500">{freshnessHint(segment.freshness, lastRun?.error)}</p>
        </Fact>
      </dl>

      {segment.membershipStale && !segment.run.busy ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>
            <Badge tone="amber">Membership stale</Badge> {segment.membershipStale.reason} Use “Recalculate now” above.
          </p>
        </div>
      ) : null}

      {segment.type === "DYNAMIC" ? (
        <Card>
          <CardHeader title="Rules" />
          <div className="px-5 py-4">
            <RulesView rules={segment.rules} segmentNames={catalog?.segmentNames ?? new Map()} />
          </div>
        </Card>
      ) : null}

      {segment.type === "STATIC" ? (
        <Card>
          <CardHeader
            title="Add contacts"
            description="A static segment holds exactly the contacts added to it: by hand here, by import or by the API."
          />
          <div className="px-5 py-4">
            <AddMembersPanel segmentId={segment.id} />
          </div>
        </Card>
      ) : null}

      <section aria-labelledby="members-heading" className="space-y-3">
        <div className="flex items-center justify-between gap-4">
          <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
            Members <span className="text-sm font-normal text-slate-500">({formatTotal(members.total)})</span>
          </h2>
          <a
            href={`/segments/${segment.id}/export`}
            download
            className={buttonClasses({ variant: "secondary", size: "sm" })}
          >
            Export CSV
          </a>
        </div>
        <MembersTable result={members} removableFrom={segment.type === "STATIC" ? segment.id : undefined} />
      </section>

      <Card>
        <CardHeader
          title="Analytics"
          description={`The last ${ANALYTICS_DAYS} days up to yesterday (UTC), against the average of the company's segments on the same days.`}
        />
        <div className="px-5 py-4">
          {analytics.length > 0 ? (
            <AnalyticsCharts days={analytics} company={companyAverage} />
          ) : (
            <EmptyState
              title="No analytics yet"
              description="The daily analytics job computes each segment's figures at 02:00 UTC for the day before (it needs the background worker). Compute the last 30 days now instead:"
              action={<ComputeAnalyticsButton segmentId={segment.id} />}
            />
          )}
        </div>
      </Card>

      <Card>
        <CardHeader title="Overlap" description="How many contacts this segment shares with another one." />
        <div className="px-5 py-4">
          <OverlapPanel
            segmentId={segment.id}
            choices={choices.filter((choice) => choice.id !== segment.id).map(({ id, name }) => ({ id, name }))}
          />
        </div>
      </Card>

      <Card>
        <CardHeader title="Membership history" description="The last 20 recalculations." />
        <HistoryTable runs={runs} now={now} />
      </Card>

      {segment.type === "DYNAMIC" ? (
        <Card>
          <CardHeader
            title="Explain"
            description="Pick a contact to see, condition by condition, why they are or are not in this segment."
          />
          <div className="px-5 py-4">
            <ExplainPanel segmentId={segment.id} />
          </div>
        </Card>
      ) : null}

      <SegmentCampaigns campaigns={campaigns} />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-700">{children}</dd>
    </div>
  );
}

function statusLabel(status: string): string {
  return status.charAt(0) + status.slice(1).toLowerCase();
}
