import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { LifecycleStage } from "@/lib/generated/prisma/enums";
import { fullName, MISSING } from "./format";
import { LIFECYCLE_LABELS, LIFECYCLE_TONES } from "./labels";

/** A contact's name linking to its page; tables of many rows do not prefetch every link. */
export function ContactNameLink({
  contactId,
  contact,
}: {
  contactId: string;
  contact: { firstName: string | null; lastName: string | null };
}) {
  return (
    <Link
      href={`/contacts/${contactId}`}
      prefetch={false}
      className="font-medium text-brand-700 hover:text-brand-600 hover:underline"
    >
      {fullName(contact) ?? <span className="text-slate-500 italic">No name</span>}
    </Link>
  );
}

/** The lifecycle stage as a coloured badge, or the missing-value mark. */
export function LifecycleBadge({ stage }: { stage: LifecycleStage | null }) {
  return stage ? <Badge tone={LIFECYCLE_TONES[stage]}>{LIFECYCLE_LABELS[stage]}</Badge> : MISSING;
}
