import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/contacts/format";
import { formatCount } from "@/components/data-table/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { authorize } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { type AuditLogEntryDto, findErasure, listAuditLog } from "@/lib/data/platform/audit-log";

export const metadata: Metadata = { title: "Audit log" };

const ACTIONS: Record<AuditLogEntryDto["action"], { label: string; tone: "neutral" | "red" }> = {
  CONTACTS_DELETED: { label: "Contacts deleted", tone: "neutral" },
  CONTACTS_FORGOTTEN: { label: "Contacts forgotten (GDPR)", tone: "red" },
};

type Props = { searchParams: Promise<{ email?: string | string[] }> };

/** The company's deletions and erasures, newest first, and "was this email erased?". */
export default async function AuditLogPage({ searchParams }: Props) {
  const { actor, companyId } = await requireCompanyScope();
  authorize(actor, "settings:read", companyId);
  const asked = (await searchParams).email;
  const email = (Array.isArray(asked) ? asked[0] : asked)?.trim().slice(0, 320) ?? "";
  const [entries, erasedAt] = await Promise.all([
    listAuditLog(companyId),
    email ? findErasure(companyId, email) : Promise.resolve(null),
  ]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          <>
            Contacts deleted and forgotten in this company, by whom.{" "}
            <Link href="/settings" className="font-medium text-brand-700 hover:underline">
              Back to settings
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Was this email erased?"
            description="Forgetting keeps no email, only a one-way fingerprint of it: enter an address to check it."
          />
          <CardBody>
            <form method="get" className="flex flex-wrap items-end gap-3">
              <div className="min-w-64 flex-1 space-y-1">
                <label htmlFor="erased-email" className="block text-sm font-medium text-slate-700">
                  Email
                </label>
                <Input id="erased-email" name="email" type="email" defaultValue={email} maxLength={320} required />
              </div>
              <Button type="submit" variant="secondary">
                Check
              </Button>
            </form>
            {email ? (
              <p role="status" className="mt-3 text-sm text-slate-700">
                {erasedAt
                  ? `${email} was erased on ${formatDateTime(erasedAt)}.`
                  : `No erasure of ${email} is recorded in this company.`}
              </p>
            ) : null}
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Entries" description="The latest 100." />
          {entries.length === 0 ? (
            <CardBody>
              <EmptyState title="Nothing yet" description="Deleting or forgetting contacts is recorded here." />
            </CardBody>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Audit log">
                <thead className="bg-slate-50">
                  <tr>
                    {["When", "Action", "Contacts", "By"].map((title) => (
                      <th key={title} scope="col" className="px-5 py-2.5 text-left font-medium text-slate-600">
                        {title}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td className="px-5 py-3 whitespace-nowrap text-slate-700">{formatDateTime(entry.at)}</td>
                      <td className="px-5 py-3">
                        <Badge tone={ACTIONS[entry.action].tone}>{ACTIONS[entry.action].label}</Badge>
                      </td>
                      <td className="px-5 py-3 tabular-nums text-slate-900">{formatCount(entry.count)}</td>
                      <td className="px-5 py-3 text-slate-700">{entry.actorLabel}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
