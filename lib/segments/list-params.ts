import { createLoader, parseAsString } from "nuqs/server";
import { z } from "zod";
import { dataTableSearchParams, MAX_PAGE, SORT_ORDERS } from "@/lib/data-table/search-params";
import { stripUnstorableText } from "@/lib/segments/engine/storable-text";

/** The columns the segments list may be sorted by: a whitelist, never a column name from the user. */
export const SEGMENT_SORT_COLUMNS = ["name", "createdAt", "contactCount"] as const;
export type SegmentSort = (typeof SEGMENT_SORT_COLUMNS)[number];

export const SEGMENT_PAGE_SIZES = [10, 25, 50, 100] as const;

export const SEGMENT_LIST_DEFAULTS = {
  sort: "createdAt",
  order: "desc",
  page: 1,
  pageSize: 25,
} as const satisfies { sort: SegmentSort; order: "asc" | "desc"; page: number; pageSize: number };

export const MAX_SEARCH_LENGTH = 200;

/** `?company=all` (admins): every company's segments at once. */
export const ALL_COMPANIES = "all";

/** The table's URL state (nuqs parsers), shared by the page and the table. */
export const segmentListSearchParams = dataTableSearchParams({
  sortColumns: SEGMENT_SORT_COLUMNS,
  defaultSort: SEGMENT_LIST_DEFAULTS.sort,
  defaultOrder: SEGMENT_LIST_DEFAULTS.order,
  pageSizes: SEGMENT_PAGE_SIZES,
  defaultPageSize: SEGMENT_LIST_DEFAULTS.pageSize,
});

/**
 * The admins' company filter: a company id or "all"; empty means the company the admin
 * works in (the shell's switcher). Members' pages ignore it.
 */
export const segmentCompanySearchParams = {
  company: parseAsString.withDefault(""),
};

/** Reads the page's `searchParams`; bad values fall back to the defaults instead of failing. */
export const loadSegmentListParams = createLoader({ ...segmentListSearchParams, ...segmentCompanySearchParams });

/** What the data layer accepts (from the page or the API): invalid input is a field error. */
export const SegmentListParamsSchema = z.object({
  q: z
    .string()
    .trim()
    .transform((q) => stripUnstorableText(q).slice(0, MAX_SEARCH_LENGTH))
    .optional(),
  sort: z.enum(SEGMENT_SORT_COLUMNS).default(SEGMENT_LIST_DEFAULTS.sort),
  order: z.enum(SORT_ORDERS).default(SEGMENT_LIST_DEFAULTS.order),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(SEGMENT_LIST_DEFAULTS.page),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (SEGMENT_PAGE_SIZES as readonly number[]).includes(n), {
      message: `must be one of ${SEGMENT_PAGE_SIZES.join(", ")}`,
    })
    .default(SEGMENT_LIST_DEFAULTS.pageSize),
});

export type SegmentListParams = z.input<typeof SegmentListParamsSchema>;
export type ParsedSegmentListParams = z.output<typeof SegmentListParamsSchema>;
