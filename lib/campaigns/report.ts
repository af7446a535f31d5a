/**
 * The shape of a campaign's report and its rates (pure: the report page renders it, the
 * data layer, lib/data/campaigns/campaign-report.ts, fills it).
 */

export type CampaignFigures = {
  recipients: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  converted: number;
  revenue: number;
};

export type CampaignReportLine = CampaignFigures & {
  segmentId: string | null;
  /** null: the segment was deleted since (its recipients stay). */
  segmentName: string | null;
  definitionVersion: number | null;
};

export type CampaignReport = { total: CampaignFigures; segments: CampaignReportLine[] };

export type Rates = {
  deliveryRate: number;
  openRate: number;
  clickRate: number;
  unsubscribeRate: number;
  conversionRate: number;
};

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

export function ratesOf(figures: CampaignFigures): Rates {
  return {
    deliveryRate: ratio(figures.delivered, figures.recipients),
    openRate: ratio(figures.opened, figures.delivered),
    clickRate: ratio(figures.clicked, figures.delivered),
    unsubscribeRate: ratio(figures.unsubscribed, figures.delivered),
    conversionRate: ratio(figures.converted, figures.delivered),
  };
}
