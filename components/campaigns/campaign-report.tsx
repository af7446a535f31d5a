import Link from "next/link";
import { formatCount } from "@/components/data-table/format";
import { type CampaignFigures, type CampaignReport, ratesOf } from "@/lib/campaigns/report";
import { formatMoney, formatRate } from "./format";

const HEADERS = ["Recipients", "Delivered", "Opens", "Clicks", "Unsubscribes", "Conversions", "Revenue"];

function Cells({ figures }: { figures: CampaignFigures }) {
  const rates = ratesOf(figures);
  const withRate = (value: number, rate: number) => (
    <>
      {formatCount(value)} <span className="text-xs text-slate-500">({formatRate(rate)})</span>
    </>
  );
  return (
    <>
      <td className="px-3 py-2 text-right">{formatCount(figures.recipients)}</td>
      <td className="px-3 py-2 text-right">{withRate(figures.delivered, rates.deliveryRate)}</td>
      <td className="px-3 py-2 text-right">{withRate(figures.opened, rates.openRate)}</td>
      <td className="px-3 py-2 text-right">{withRate(figures.clicked, rates.clickRate)}</td>
      <td className="px-3 py-2 text-right">{withRate(figures.unsubscribed, rates.unsubscribeRate)}</td>
      <td className="px-3 py-2 text-right">{withRate(figures.converted, rates.conversionRate)}</td>
      <td className="px-3 py-2 text-right">{formatMoney(figures.revenue)}</td>
    </>
  );
}

/** What the campaign did, in total and per included segment; rates are of delivered (delivery: of recipients). */
export function CampaignReportTable({ report }: { report: CampaignReport }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label="Campaign report" className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              Segment
            </th>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 text-right">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {report.segments.map((line) => (
            <tr key={line.segmentId ?? "none"}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {line.segmentId && line.segmentName ? (
                  <Link href={`/segments/${line.segmentId}`} className="text-brand-700 hover:underline">
                    {line.segmentName}
                  </Link>
                ) : (
                  <span className="text-slate-500">Deleted segment</span>
                )}
                {line.definitionVersion !== null ? (
                  <span className="ml-2 text-xs font-normal text-slate-500">version {line.definitionVersion}</span>
                ) : null}
              </th>
              <Cells figures={line} />
            </tr>
          ))}
          <tr className="bg-slate-50 font-semibold">
            <th scope="row" className="px-3 py-2 text-left">
              Total
            </th>
            <Cells figures={report.total} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
