"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/components/data-table/format";
import type { CompanyAnalyticsAverages, SegmentAnalyticsComparisonDay } from "@/lib/data/segments/segment-analytics";
import { formatPercent, weightedRate } from "./format";

type Metric = {
  key: "contactCount" | "openRate" | "clickRate" | "unsubscribeRate" | "conversionRate";
  title: string;
  format: (value: number) => string;
  /** The segment's figure over the whole window: a weighted rate, the mean size. */
  segmentWindow: (days: SegmentAnalyticsComparisonDay[]) => number;
};

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

const METRICS: Metric[] = [
  {
    key: "contactCount",
    title: "Size",
    format: (value) => formatCount(Math.round(value)),
    segmentWindow: (days) => mean(days.map((day) => day.contactCount)),
  },
  {
    key: "openRate",
    title: "Open rate",
    format: (value) => formatPercent(value),
    segmentWindow: (days) =>
      weightedRate(
        days,
        (d) => d.opened,
        (d) => d.delivered,
      ),
  },
  {
    key: "clickRate",
    title: "Click rate",
    format: (value) => formatPercent(value),
    segmentWindow: (days) =>
      weightedRate(
        days,
        (d) => d.clicked,
        (d) => d.delivered,
      ),
  },
  {
    key: "unsubscribeRate",
    title: "Unsubscribe rate",
    format: (value) => formatPercent(value, 2),
    segmentWindow: (days) =>
      weightedRate(
        days,
        (d) => d.unsubscribed,
        (d) => d.delivered,
      ),
  },
  {
    key: "conversionRate",
    title: "Conversion rate",
    format: (value) => formatPercent(value, 2),
    segmentWindow: (days) =>
      weightedRate(
        days,
        (d) => d.conversionRate * d.contactCount,
        (d) => d.contactCount,
      ),
  },
];

const SEGMENT_COLOR = "#4f46e5";
const COMPANY_COLOR = "#94a3b8";

/**
 * The segment's daily size and rates beside the company's average of the same days: a
 * table of the window (readable by everyone, screen readers included), then one small
 * line chart per figure.
 */
export function AnalyticsCharts({
  days,
  company,
}: {
  days: SegmentAnalyticsComparisonDay[];
  /** The company's averages over the same window (lib/data/segments/segment-analytics.ts companyAverages). */
  company: CompanyAnalyticsAverages;
}) {
  const first = days[0]?.date;
  const last = days.at(-1)?.date;
  return (
    <div className="space-y-5">
      <table className="w-full max-w-xl text-left text-sm" aria-label="Segment analytics against the company average">
        <caption className="pb-2 text-left text-xs text-slate-500">
          {days.length} day{days.length === 1 ? "" : "s"} from {first} to {last} (UTC). Size: mean per day; rates: over
          all the days&apos; deliveries.
        </caption>
        <thead className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-1 pr-4">
              Figure
            </th>
            <th scope="col" className="py-1 pr-4 text-right">
              This segment
            </th>
            <th scope="col" className="py-1 text-right">
              Company average
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {METRICS.map((metric) => (
            <tr key={metric.key}>
              <th scope="row" className="py-1 pr-4 font-medium text-slate-700">
                {metric.title}
              </th>
              <td className="py-1 pr-4 text-right tabular-nums">{metric.format(metric.segmentWindow(days))}</td>
              <td className="py-1 text-right text-slate-500 tabular-nums">{metric.format(company[metric.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {METRICS.map((metric) => (
          <MetricChart key={metric.key} metric={metric} days={days} />
        ))}
      </div>
    </div>
  );
}

function MetricChart({ metric, days }: { metric: Metric; days: SegmentAnalyticsComparisonDay[] }) {
  const data = days.map((day) => ({
    date: day.date.slice(5),
    segment: day[metric.key],
    company: day.company[metric.key],
  }));
  return (
    <figure className="rounded-md ring-1 ring-slate-200">
      <figcaption className="px-3 pt-2 text-sm font-medium text-slate-700">{metric.title} per day</figcaption>
      <div className="h-48 px-1 pb-2" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis
              tick={{ fontSize: 11 }}
              width={52}
              // All zeros would otherwise get an axis up to 4 (400 %).
              domain={[0, (dataMax: number) => (dataMax > 0 ? dataMax : metric.key === "contactCount" ? 10 : 0.1)]}
              tickFormatter={(value: number) => metric.format(value)}
            />
            <Tooltip formatter={(value) => metric.format(Number(value))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="monotone"
              dataKey="segment"
              name="This segment"
              stroke={SEGMENT_COLOR}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="company"
              name="Company average"
              stroke={COMPANY_COLOR}
              strokeDasharray="4 3"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
