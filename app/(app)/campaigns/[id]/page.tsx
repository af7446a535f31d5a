import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AudienceEditor } from "@/components/campaigns/audience-editor";
import { CampaignDetailsForm } from "@/components/campaigns/campaign-details-form";
import { CampaignReportTable } from "@/components/campaigns/campaign-report";
import { CHANNEL_LABELS, STATUS_LABELS, STATUS_TONES } from "@/components/campaigns/format";
import { SendingProgress } from "@/components/campaigns/sending-progress";
import { formatDateTime } from "@/components/contacts/format";
import { formatCount } from "@/components/data-table/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isPlatformAdmin } from "@/lib/authz";
import { audienceIds, countAudience, getAudience, listAudienceOptions } from "@/lib/data/campaign-audience";
import { writeDueEngagement } from "@/lib/data/campaign-engagement";
import { getCampaignReport } from "@/lib/data/campaign-report";
import { findCampaignCompanyId, getCampaign } from "@/lib/data/campaigns";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/errors";
import { requireCompanyScope } from "@/lib/session";

type Props = { params: Promise<{ id: string }> };

/** The campaign in the actor's company; a platform admin may open any company's by id. */
const loadCampaign = cache(async (id: string) => {
  const { actor, companyId } = await requireCompanyScope();
  if (!isUuid(id)) return null;
  const own = await getCampaign(companyId, id);
  if (own) return { campaign: own, companyId };
  if (!isPlatformAdmin(actor)) return null;
  const owner = await findCampaignCompanyId(id);
  const campaign = owner ? await getCampaign(owner, id) : null;
  return campaign && owner ? { campaign, companyId: owner } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadCampaign((await params).id);
  return { title: loaded ? loaded.campaign.name : "Campaign not found" };
}

export default async function CampaignPage({ params }: Props) {
  const loaded = await loadCampaign((await params).id);
  if (!loaded) notFound();
  const { companyId } = loaded;
  const { campaign } = loaded;
  // Demo mode without a background worker: the simulated engagement due by now arrives on view.
  if (env.DEMO_MODE && campaign.simulateEngagement && campaign.status === "SENT") {
    await writeDueEngagement(companyId, campaign.id);
  }
  const isDraft = campaign.status === "DRAFT";
  const audience = await getAudience(companyId, campaign.id);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/campaigns" className="text-slate-500 hover:text-slate-900">
          ← Campaigns
        </Link>
      </nav>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {campaign.name}
            <Badge tone={STATUS_TONES[campaign.status]}>{STATUS_LABELS[campaign.status]}</Badge>
          </span>
        }
        description={`${CHANNEL_LABELS[campaign.channel]}${campaign.subject ? ` · ${campaign.subject}` : ""}${
          campaign.sentAt ? ` · sent ${formatDateTime(campaign.sentAt)}` : ""
        }`}
      />

      {isDraft ? (
        <>
          <Card>
            <CardHeader title="Details" />
            <CardBody>
              <CampaignDetailsForm
                campaignId={campaign.id}
                initial={{
                  name: campaign.name,
                  channel: campaign.channel === "EMAIL" ? "email" : "call",
                  subject: campaign.subject ?? "",
                  message: campaign.message ?? "",
                }}
              />
            </CardBody>
          </Card>
          <DraftAudience companyId={companyId} campaignId={campaign.id} channel={campaign.channel} />
        </>
      ) : (
        <>
          {campaign.status === "SENDING" ? (
            <Card>
              <CardHeader title="Sending" />
              <CardBody>
                <SendingProgress sent={campaign.sentCount} total={campaign.recipientCount} />
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader
              title="Audience"
              description={`Frozen when sending started: ${formatCount(campaign.recipientCount)} recipients.`}
            />
            <CardBody>
              <ul className="space-y-1 text-sm">
                {audience.map((segment) => (
                  <li key={`${segment.role}-${segment.id}`}>
                    <span className="mr-2 text-slate-500">{segment.role === "INCLUDE" ? "Included" : "Excluded"}</span>
                    <Link href={`/segments/${segment.id}`} className="font-medium text-brand-700 hover:underline">
                      {segment.name}
                    </Link>
                    {segment.definitionVersion !== null ? (
                      <span className="ml-2 text-slate-500">
                        version {segment.definitionVersion}, {formatCount(segment.memberCount ?? 0)} members then
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Report" description="Rates are of delivered emails; delivery is of recipients." />
            <CardBody>
              <CampaignReportTable report={await getCampaignReport(companyId, campaign.id)} />
            </CardBody>
          </Card>
        </>
      )}
    </div>
  );
}

async function DraftAudience(props: { companyId: string; campaignId: string; channel: "EMAIL" | "CALL" }) {
  const [options, ids] = await Promise.all([
    listAudienceOptions(props.companyId),
    audienceIds(props.companyId, props.campaignId),
  ]);
  const count = await countAudience(props.companyId, ids, props.channel);
  return (
    <Card>
      <CardHeader title="Audience" description="Choose the segments to include and to exclude." />
      <CardBody>
        <AudienceEditor
          key={props.channel}
          campaignId={props.campaignId}
          channel={props.channel}
          options={options.map(({ id, name, contactCount, freshness }) => ({ id, name, contactCount, freshness }))}
          initial={ids}
          initialCount={count}
          demoMode={env.DEMO_MODE}
        />
      </CardBody>
    </Card>
  );
}
