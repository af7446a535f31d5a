import Link from "next/link";
import { formatDate } from "@/components/contacts/format";
import { formatCount } from "@/components/data-table/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { CampaignOfSegment } from "@/lib/data/campaigns/campaign-report";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS, STATUS_TONES } from "./format";

/** The segment page's "Campaigns" section: the campaigns that used (or will use) this segment. */
export function SegmentCampaigns({ campaigns }: { campaigns: CampaignOfSegment[] }) {
  return (
    <Card>
      <CardHeader title="Campaigns" description="Campaigns that include or exclude this segment." />
      <CardBody>
        {campaigns.length === 0 ? (
          <p className="text-sm text-slate-500">No campaign has used this segment yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {campaigns.map((campaign) => (
              <li key={campaign.id} className="flex flex-wrap items-center gap-3 py-2">
                <Link href={`/campaigns/${campaign.id}`} className="font-medium text-brand-700 hover:underline">
                  {campaign.name}
                </Link>
                <Badge tone={STATUS_TONES[campaign.status as CampaignStatus]}>
                  {STATUS_LABELS[campaign.status as CampaignStatus]}
                </Badge>
                <span className="text-slate-500">{campaign.role === "INCLUDE" ? "included" : "excluded"}</span>
                {campaign.sentAt ? (
                  <span className="text-slate-500">
                    sent {formatDate(campaign.sentAt)} to {formatCount(campaign.recipients)} of its contacts
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
