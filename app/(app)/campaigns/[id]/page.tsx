import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { cache } from "react";
import { AudienceEditor } from "@/components/campaigns/audience-editor";
import { CampaignDetailsForm } from "@/components/campaigns/campaign-details-form";
import { CampaignReportTable } from "@/components/campaigns/campaign-report";
import { CampaignStateActions } from "@/components/campaigns/campaign-state-actions";
import { CHANNEL_LABELS, STATUS_LABELS, STATUS_TONES } from "@/components/campaigns/format";
import { SendingProgress } from "@/components/campaigns/sending-progress";
import { formatDateTime } from "@/components/contacts/format";
import { formatCount } from "@/components/data-table/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { startDueCampaigns } from "@/inngest/dispatch/start-due-campaigns";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { isSendingStalled } from "@/lib/campaigns/sending-state";
import { audienceIds, countAudience, getAudience, listAudienceOptions } from "@/lib/data/campaigns/campaign-audience";
import { writeDueEngagement } from "@/lib/data/campaigns/campaign-engagement";
import { getCampaignReport } from "@/lib/data/campaigns/campaign-report";
import { type CampaignDto, findCampaignCompanyId, getCampaign } from "@/lib/data/campaigns/campaigns";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/errors";

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
  let { campaign } = loaded;
  // Without a background worker, a scheduled campaign whose time has come starts on view.
  if (campaign.status === "SCHEDULED" && campaign.scheduledAt && campaign.scheduledAt <= new Date()) {
    await startDueCampaigns(companyId, { defer: after });
    campaign = (await getCampaign(companyId, campaign.id)) ?? campaign;
  }
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
          <StatusCard campaign={campaign} />
          <Card>
            <CardHeader
              title="Audience"
              description={
                campaign.status === "SCHEDULED"
                  ? "Locked while scheduled (unschedule to change it); frozen when sending starts."
                  : `Frozen when sending started: ${formatCount(campaign.recipientCount)} recipients.`
              }
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
          {campaign.recipientCount > 0 ? (
            <Card>
              <CardHeader title="Report" description="Rates are of delivered emails; delivery is of recipients." />
              <CardBody>
                <CampaignReportTable report={await getCampaignReport(companyId, campaign.id)} />
              </CardBody>
            </Card>
          ) : null}
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

/** Scheduled: when, and unschedule / cancel. Sending: progress, cancel, and resume when stalled. */
function StatusCard({ campaign }: { campaign: CampaignDto }) {
  if (campaign.status === "SCHEDULED") {
    const overdue = campaign.scheduledAt !== null && campaign.scheduledAt <= new Date();
    return (
      <Card>
        <CardHeader title="Scheduled" />
        <CardBody className="space-y-4">
          <p className="text-sm text-slate-700" data-testid="scheduled-at">
            Will be sent at {formatDateTime(campaign.scheduledAt)}
            {overdue ? " (overdue: its audience may be empty)" : ""} (needs the background worker; otherwise when
            someone opens Campaigns).
          </p>
          <CampaignStateActions campaignId={campaign.id} actions={["unschedule", "cancel"]} />
        </CardBody>
      </Card>
    );
  }
  if (campaign.status === "SENDING") {
    const stalled = isSendingStalled(campaign);
    return (
      <Card>
        <CardHeader title={stalled ? "Sending stalled" : "Sending"} />
        <CardBody className="space-y-4">
          <SendingProgress sent={campaign.sentCount} total={campaign.recipientCount} />
          {stalled ? (
            <p role="alert" className="text-sm text-amber-700">
              Sending stalled: no progress for 10 minutes (the server may have stopped). Resume sends to the recipients
              not sent yet; nobody receives it twice.
            </p>
          ) : null}
          <CampaignStateActions
            campaignId={campaign.id}
            actions={stalled ? ["resume", "cancelSending"] : ["cancelSending"]}
          />
        </CardBody>
      </Card>
    );
  }
  if (campaign.status === "CANCELLED") {
    return (
      <Card>
        <CardHeader title="Cancelled" />
        <CardBody>
          <p className="text-sm text-slate-700">
            {campaign.recipientCount > 0
              ? `Cancelled while sending: ${formatCount(campaign.sentCount)} of ${formatCount(campaign.recipientCount)} recipients were sent it.`
              : "Cancelled before sending: nobody was sent it."}
          </p>
        </CardBody>
      </Card>
    );
  }
  return null;
}
