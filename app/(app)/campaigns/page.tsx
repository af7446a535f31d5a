import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listCampaigns } from "@/lib/data/campaigns";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { requireCompanyScope } from "@/lib/session";

export const metadata: Metadata = { title: "Campaigns" };

const STATUS_TONES: Record<CampaignStatus, BadgeTone> = {
  DRAFT: "neutral",
  SCHEDULED: "brand",
  SENDING: "amber",
  SENT: "green",
  CANCELLED: "red",
};

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** The company's campaigns, newest first (the editor and reports come with the campaigns work). */
export default async function CampaignsPage() {
  const { companyId } = await requireCompanyScope();
  const { campaigns } = await listCampaigns(companyId, { limit: 100 });

  return (
    <>
      <PageHeader title="Campaigns" description="What your company sent, and to whom." />
      {campaigns.length === 0 ? (
        <EmptyState
          title="No campaigns yet"
          description="Campaigns registered through the API (POST /api/v1/campaigns) appear here."
        />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table aria-label="Campaigns" className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2.5">
                  Name
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Channel
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Subject
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Status
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Sent
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Created
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {campaigns.map((campaign) => (
                <tr key={campaign.id}>
                  <td className="px-3 py-2.5 font-medium text-slate-900">{campaign.name}</td>
                  <td className="px-3 py-2.5 text-slate-700">{campaign.channel === "EMAIL" ? "Email" : "Call list"}</td>
                  <td className="px-3 py-2.5 text-slate-700">{campaign.subject ?? "—"}</td>
                  <td className="px-3 py-2.5">
                    <Badge tone={STATUS_TONES[campaign.status]}>{campaign.status.toLowerCase()}</Badge>
                  </td>
                  <td className="px-3 py-2.5 text-slate-700">
                    {campaign.sentAt ? dateFormat.format(campaign.sentAt) : "—"}
                  </td>
                  <td className="px-3 py-2.5 text-slate-700">{dateFormat.format(campaign.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
