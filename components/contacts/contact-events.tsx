import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ContactEventDto } from "@/lib/data/contacts/contacts";
import { EVENT_LABELS } from "@/lib/segments/engine/fields";
import { formatDateTime } from "./format";
import { DEVICE_LABELS } from "./labels";

const revenueFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The contact's latest events, newest first: what happened, when, and its details. */
export function ContactEvents({ events, limit }: { events: ContactEventDto[]; limit: number }) {
  return (
    <Card>
      <CardHeader
        title="Recent activity"
        description={events.length >= limit ? `The latest ${limit} events` : undefined}
      />
      <CardBody>
        {events.length === 0 ? (
          <p className="text-sm text-slate-500">No events recorded for this contact yet.</p>
        ) : (
          <ol className="relative space-y-4 border-l border-slate-200 pl-5">
            {events.map((event) => (
              <li key={event.id} className="relative">
                <span
                  className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-brand-500 ring-4 ring-white"
                  aria-hidden="true"
                />
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <p className="text-sm font-medium text-slate-900">{EVENT_LABELS[event.type]}</p>
                  <time dateTime={event.occurredAt.toISOString()} className="text-xs text-slate-500 tabular-nums">
                    {formatDateTime(event.occurredAt)}
                  </time>
                </div>
                <EventDetails event={event} />
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}

function EventDetails({ event }: { event: ContactEventDto }) {
  const details: { label: string; value: React.ReactNode }[] = [];
  if (event.campaignId) {
    details.push({ label: "Campaign", value: event.campaignName ?? event.campaignId });
  }
  if (event.url) details.push({ label: "URL", value: <EventUrl url={event.url} /> });
  if (event.device) details.push({ label: "Device", value: DEVICE_LABELS[event.device] });
  if (event.revenue !== null) {
    details.push({ label: "Revenue", value: revenueFormat.format(Number(event.revenue)) });
  }
  if (details.length === 0) return null;
  return (
    <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
      {details.map((detail) => (
        <div key={detail.label} className="flex min-w-0 gap-1">
          <dt className="text-slate-400">{detail.label}</dt>
          <dd className="min-w-0 break-all">{detail.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Only http(s) URLs become links: event data comes from outside and could hold javascript: URLs. */
function EventUrl({ url }: { url: string }) {
  if (!/^https?:\/\//i.test(url)) return <>{url}</>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 hover:underline">
      {url}
    </a>
  );
}
