import { createLoader } from "nuqs/server";
import { z } from "zod";
import { dataTableSearchParams, MAX_PAGE, SORT_ORDERS } from "@/lib/data-table/search-params";
import { stripUnstorableText } from "@/lib/segments/engine/storable-text";

/** The columns the contacts list may be sorted by: a whitelist, never a column name from the user. */
export const CONTACT_SORT_COLUMNS = [
  "name",
  "email",
  "createdAt",
  "leadScore",
  "lastActivityAt",
  "lifecycleStage",
] as const;
export type ContactSort = (typeof CONTACT_SORT_COLUMNS)[number];

export const CONTACT_PAGE_SIZES = [10, 25, 50, 100] as const;

export const CONTACT_LIST_DEFAULTS = {
  sort: "createdAt",
  order: "desc",
  page: 1,
  pageSize: 25,
} as const satisfies { sort: ContactSort; order: "asc" | "desc"; page: number; pageSize: number };

/** Longer search strings are cut: nobody types 200 characters to find a contact. */
export const MAX_SEARCH_LENGTH = 200;

/** The contacts list's URL state (nuqs parsers), shared by the page and the table. */
export const contactListSearchParams = dataTableSearchParams({
  sortColumns: CONTACT_SORT_COLUMNS,
  defaultSort: CONTACT_LIST_DEFAULTS.sort,
  defaultOrder: CONTACT_LIST_DEFAULTS.order,
  pageSizes: CONTACT_PAGE_SIZES,
  defaultPageSize: CONTACT_LIST_DEFAULTS.pageSize,
});

/** Reads the page's `searchParams`; bad values fall back to the defaults instead of failing. */
export const loadContactListParams = createLoader(contactListSearchParams);

/** What the data layer accepts (from the page or, later, the API): invalid input is a field error. */
export const ContactListParamsSchema = z.object({
  q: z
    .string()
    .trim()
    .transform((q) => stripUnstorableText(q).slice(0, MAX_SEARCH_LENGTH))
    .optional(),
  sort: z.enum(CONTACT_SORT_COLUMNS).default(CONTACT_LIST_DEFAULTS.sort),
  order: z.enum(SORT_ORDERS).default(CONTACT_LIST_DEFAULTS.order),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(CONTACT_LIST_DEFAULTS.page),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (CONTACT_PAGE_SIZES as readonly number[]).includes(n), {
      message: `must be one of ${CONTACT_PAGE_SIZES.join(", ")}`,
    })
    .default(CONTACT_LIST_DEFAULTS.pageSize),
});

export type ContactListParams = z.input<typeof ContactListParamsSchema>;
export type ParsedContactListParams = z.output<typeof ContactListParamsSchema>;
