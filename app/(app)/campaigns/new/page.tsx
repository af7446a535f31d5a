import type { Metadata } from "next";
import Link from "next/link";
import { CampaignDetailsForm } from "@/components/campaigns/campaign-details-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireCompanyScope } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  await requireCompanyScope();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/campaigns" className="text-slate-500 hover:text-slate-900">
          ← Campaigns
        </Link>
      </nav>
      <PageHeader title="New campaign" description="Start with the message; choose its segments next." />
      <Card className="max-w-3xl">
        <CardBody>
          <CampaignDetailsForm />
        </CardBody>
      </Card>
    </div>
  );
}
