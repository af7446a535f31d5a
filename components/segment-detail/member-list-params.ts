import { createLoader } from "nuqs/server";
import type { SegmentMemberSort } from "@/lib/data/segments/segment-member-list";
import { dataTableSearchParams } from "@/lib/data-table/search-params";

/** The members table's URL state; shared by the server page (reads) and the client table (writes). */

export const MEMBER_SORT_COLUMNS = [
  "addedAt",
  "name",
  "email",
  "leadScore",
] as const satisfies readonly SegmentMemberSort[];
export const MEMBER_PAGE_SIZES = [10, 25, 50, 100] as const;

export const memberListSearchParams = dataTableSearchParams({
  sortColumns: MEMBER_SORT_COLUMNS,
  defaultSort: "addedAt",
  defaultOrder: "desc",
  pageSizes: MEMBER_PAGE_SIZES,
  defaultPageSize: 25,
});

/** Prefixed names (?mq=&mpage=…) so the members table never clashes with other state on the page. */
export const MEMBER_URL_KEYS = {
  q: "mq",
  page: "mpage",
  pageSize: "msize",
  sort: "msort",
  order: "morder",
} as const;

export const loadMemberListParams = createLoader(memberListSearchParams, { urlKeys: MEMBER_URL_KEYS });
