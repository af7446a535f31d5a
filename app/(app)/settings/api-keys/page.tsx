import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { authorize } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/data/platform/api-keys";
import { ApiKeysManager } from "./api-keys-manager";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { actor, companyId } = await requireCompanyScope();
  authorize(actor, "apiKeys:manage", companyId);
  const keys = await listApiKeys(companyId);

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let other systems send contacts and events to this company through the REST API (
            <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>).{" "}
            <Link href="/settings" className="font-medium text-brand-700 hover:underline">
              Back to settings
            </Link>
          </>
        }
      />
      <ApiKeysManager keys={keys} />
    </>
  );
}
