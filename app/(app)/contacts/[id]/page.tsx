import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LifecycleBadge } from "@/components/contacts/cells";
import { ContactDeleteActions } from "@/components/contacts/contact-delete-actions";
import { ContactEvents } from "@/components/contacts/contact-events";
import { ContactCustomFields, ContactFields } from "@/components/contacts/contact-fields";
import { ContactSegments } from "@/components/contacts/contact-segments";
import { ContactTags } from "@/components/contacts/contact-tags";
import { formatDate, fullName } from "@/components/contacts/format";
import { SUBSCRIPTION_LABELS, SUBSCRIPTION_TONES } from "@/components/contacts/labels";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { findContactCompanyId, getContact, RECENT_EVENTS_LIMIT } from "@/lib/data/contacts/contacts";
import { getCompany } from "@/lib/data/platform/companies";
import { isUuid } from "@/lib/errors";

type Props = { params: Promise<{ id: string }> };

/**
 * The contact in the company the actor works in. A platform admin may open a contact of
 * any company by id: its company is looked up, then read with the same scoped function.
 * Anyone else gets null (→ 404) for another company's contact.
 */
const loadContact = cache(async (id: string) => {
  const { actor, companyId } = await requireCompanyScope();
  if (!isUuid(id)) return null;
  const contact = await getContact(companyId, id);
  if (contact) return { contact, scopeCompanyId: companyId, isAdmin: isPlatformAdmin(actor) };
  if (!isPlatformAdmin(actor)) return null;
  const ownerCompanyId = await findContactCompanyId(id);
  const owned = ownerCompanyId ? await getContact(ownerCompanyId, id) : null;
  return owned ? { contact: owned, scopeCompanyId: companyId, isAdmin: true } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadContact((await params).id);
  if (!loaded) return { title: "Contact not found" };
  return { title: fullName(loaded.contact) ?? loaded.contact.email };
}

export default async function ContactPage({ params }: Props) {
  const loaded = await loadContact((await params).id);
  if (!loaded) notFound();
  const { contact, scopeCompanyId, isAdmin } = loaded;
  const company = isAdmin ? await getCompany(contact.companyId) : null;
  const name = fullName(contact);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/contacts" className="text-slate-500 hover:text-slate-900">
          ← Contacts
        </Link>
      </nav>

      <PageHeader
        title={name ?? contact.email}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {name ? <span>{contact.email}</span> : null}
            <span>Added {formatDate(contact.createdAt)}</span>
          </span>
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {contact.lifecycleStage ? <LifecycleBadge stage={contact.lifecycleStage} /> : null}
            <Badge tone={SUBSCRIPTION_TONES[contact.subscriptionStatus]}>
              {SUBSCRIPTION_LABELS[contact.subscriptionStatus]}
            </Badge>
            {contact.leadScore !== null ? <Badge tone="brand">Lead score {contact.leadScore}</Badge> : null}
            {contact.companyId === scopeCompanyId ? (
              <ContactDeleteActions contact={{ id: contact.id, email: contact.email }} />
            ) : null}
          </div>
        }
      />

      {company ? (
        <p
          className={
            company.id === scopeCompanyId
              ? "text-sm text-slate-600"
              : "rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/20"
          }
        >
          Company: <span className="font-medium">{company.name}</span>
          {company.id === scopeCompanyId
            ? null
            : " — not the company you are working in; you can see it because you are a platform admin."}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ContactFields contact={contact} />
          <ContactEvents events={contact.events} limit={RECENT_EVENTS_LIMIT} />
        </div>
        <div className="space-y-6">
          <ContactTags tags={contact.tags} />
          <ContactCustomFields fields={contact.customFields} />
          <ContactSegments segments={contact.segments} />
        </div>
      </div>
    </div>
  );
}
