import type { Metadata } from "next";
import Link from "next/link";
import { formatMoney, formatRate } from "@/components/campaigns/format";
import { formatCount } from "@/components/data-table/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { requireCompanyScope } from "@/lib/auth/session";
import { listAudienceOptions } from "@/lib/data/campaigns/campaign-audience";
import { compareSegments, type SegmentPerformance, timesHigher } from "@/lib/data/segments/segment-compare";
import { isUuid } from "@/lib/errors";

export const metadata: Metadata = { title: "Compare segments" };

type Props = { searchParams: Promise<{ a?: string | string[]; b?: string | string[] }> };

const ROWS: { label: string; value: (s: SegmentPerformance) => number; format: (n: number) => string }[] = [
  { label: "Contacts", value: (s) => s.members, format: formatCount },
  { label: "Open rate", value: (s) => s.openRate, format: formatRate },
  { label: "Click rate", value: (s) => s.clickRate, format: formatRate },
  { label: "Conversion rate", value: (s) => s.conversionRate, format: formatRate },
  { label: "Revenue", value: (s) => s.revenue, format: formatMoney },
];

function ratioText(a: number, b: number): string {
  const times = timesHigher(a, b);
  if (times === null) return a > 0 ? "only A" : "—";
  if (Math.abs(times - 1) < 0.05) return "about equal";
  return times > 1 ? `A ${times.toFixed(1)}x higher` : `B ${(1 / times).toFixed(1)}x higher`;
}

/** Segment A/B comparison: pick two segments (a GET form, so the URL can be shared). */
export default async function CompareSegmentsPage({ searchParams }: Props) {
  const { companyId } = await requireCompanyScope();
  const query = await searchParams;
  const a = typeof query.a === "string" ? query.a : "";
  const b = typeof query.b === "string" ? query.b : "";
  const options = await listAudienceOptions(companyId);
  const known = new Set(options.map((option) => option.id));
  const comparison =
    isUuid(a) && isUuid(b) && known.has(a.toLowerCase()) && known.has(b.toLowerCase())
      ? await compareSegments(companyId, a, b)
      : null;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/segments" className="text-slate-500 hover:text-slate-900">
          ← Segments
        </Link>
      </nav>
      <PageHeader
        title="Compare segments"
        description="Size, overlap and the last 30 days' engagement of two segments' current members."
      />
      <Card>
        <CardBody>
          <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Choose two segments">
            {(["a", "b"] as const).map((key) => (
              <div key={key} className="w-72">
                <label htmlFor={`segment-${key}`} className="mb-1 block text-sm font-medium text-slate-700">
                  Segment {key.toUpperCase()}
                </label>
                <Select id={`segment-${key}`} name={key} defaultValue={key === "a" ? a : b} required>
                  <option value="">Choose a segment…</option>
                  {options.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.name}
                    </option>
                  ))}
                </Select>
              </div>
            ))}
            <button type="submit" className={buttonClasses()}>
              Compare
            </button>
          </form>
        </CardBody>
      </Card>

      {comparison ? (
        <Card>
          <CardBody className="space-y-3">
            <p className="text-sm text-slate-600">
              Overlap: <strong className="text-slate-900">{formatCount(comparison.overlap)}</strong> contacts are in
              both.
            </p>
            <table aria-label="Segment comparison" className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left">
                    Last {comparison.days} days
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    A: <Link href={`/segments/${comparison.a.id}`}>{comparison.a.name}</Link>
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    B: <Link href={`/segments/${comparison.b.id}`}>{comparison.b.name}</Link>
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Ratio
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {ROWS.map((row) => (
                  <tr key={row.label}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {row.label}
                    </th>
                    <td className="px-3 py-2 text-right">{row.format(row.value(comparison.a))}</td>
                    <td className="px-3 py-2 text-right">{row.format(row.value(comparison.b))}</td>
                    <td className="px-3 py-2 text-right font-medium">
                      {ratioText(row.value(comparison.a), row.value(comparison.b))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardBody>
        </Card>
      ) : a || b ? (
        <p className="text-sm text-slate-600">Choose two segments of this company to compare.</p>
      ) : null}
    </div>
  );
}
