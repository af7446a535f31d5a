import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { ContactsTable } from "@/components/contacts/contacts-table";
import { formatTotal } from "@/components/data-table/format";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireCompanyScope } from "@/lib/auth/session";
import { loadContactListParams } from "@/lib/contacts/list-params";
import { listContacts } from "@/lib/data/contacts/contacts";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { companyId } = await requireCompanyScope();
  // Bad URL values (page=abc, sort=password) fall back to the defaults rather than failing.
  const params = await loadContactListParams(searchParams);
  const result = await listContacts(companyId, params);
  const q = params.q.trim();

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            Contacts
            <Badge tone="neutral" className="text-sm" aria-label={`${formatTotal(result.total)} contacts`}>
              {formatTotal(result.total)}
            </Badge>
          </span>
        }
        description={q ? `Contacts matching “${q}”` : "Everyone your company can reach."}
        actions={
          <Link href="/contacts/import" className={buttonClasses({ variant: "secondary" })}>
            Import contacts
          </Link>
        }
      />
      <ContactsTable result={result} q={q} />
    </>
  );
}
