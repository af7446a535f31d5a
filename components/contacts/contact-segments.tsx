import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ContactSegment } from "@/lib/data/contacts/contacts";
import { formatDate } from "./format";

const HOW_ADDED: Record<ContactSegment["addedVia"], string> = {
  RULE_MATCH: "matched the rules",
  MANUAL: "added by hand",
  IMPORT: "imported",
  API: "added through the API",
};

export function ContactSegments({ segments }: { segments: ContactSegment[] }) {
  return (
    <Card>
      <CardHeader title="Segments" />
      <CardBody>
        {segments.length === 0 ? (
          <p className="text-sm text-slate-500">Not in any segment.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {segments.map((segment) => (
              <li key={segment.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <div className="min-w-0">
                  <Link
                    href={`/segments/${segment.id}`}
                    className="font-medium text-brand-700 hover:text-brand-600 hover:underline"
                  >
                    {segment.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    Since {formatDate(segment.addedAt)}, {HOW_ADDED[segment.addedVia]}
                  </p>
                </div>
                <Badge tone={segment.type === "DYNAMIC" ? "brand" : "neutral"}>
                  {segment.type === "DYNAMIC" ? "Dynamic" : "Static"}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
