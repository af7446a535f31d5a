import { createLoader } from "nuqs/server";
import { z } from "zod";
import { dataTableSearchParams, MAX_PAGE, SORT_ORDERS } from "@/lib/data-table/search-params";
import { stripUnstorableText } from "@/lib/segments/engine/storable-text";
import { segmentCompanySearchParams } from "@/lib/segments/list-params";

/** The columns the campaigns list may be sorted by: a whitelist, never a column name from the user. */
export const CAMPAIGN_SORT_COLUMNS = ["name", "status", "sentAt", "createdAt"] as const;
export type CampaignSort = (typeof CAMPAIGN_SORT_COLUMNS)[number];

export const CAMPAIGN_PAGE_SIZES = [10, 25, 50, 100] as const;

export const CAMPAIGN_LIST_DEFAULTS = { sort: "createdAt", order: "desc", page: 1, pageSize: 25 } as const satisfies {
  sort: CampaignSort;
  order: "asc" | "desc";
  page: number;
  pageSize: number;
};

/** The table's URL state, shared by the page and the table. */
export const campaignListSearchParams = dataTableSearchParams({
  sortColumns: CAMPAIGN_SORT_COLUMNS,
  defaultSort: CAMPAIGN_LIST_DEFAULTS.sort,
  defaultOrder: CAMPAIGN_LIST_DEFAULTS.order,
  pageSizes: CAMPAIGN_PAGE_SIZES,
  defaultPageSize: CAMPAIGN_LIST_DEFAULTS.pageSize,
});

/** Reads the page's `searchParams` (with the admins' ?company= filter); bad values fall back to defaults. */
export const loadCampaignListParams = createLoader({ ...campaignListSearchParams, ...segmentCompanySearchParams });

export const CampaignListParamsSchema = z.object({
  q: z
    .string()
    .trim()
    .transform((q) => stripUnstorableText(q).slice(0, 200))
    .optional(),
  sort: z.enum(CAMPAIGN_SORT_COLUMNS).default(CAMPAIGN_LIST_DEFAULTS.sort),
  order: z.enum(SORT_ORDERS).default(CAMPAIGN_LIST_DEFAULTS.order),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (CAMPAIGN_PAGE_SIZES as readonly number[]).includes(n))
    .default(CAMPAIGN_LIST_DEFAULTS.pageSize),
});

export type CampaignListParams = z.input<typeof CampaignListParamsSchema>;
