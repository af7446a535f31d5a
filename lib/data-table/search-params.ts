import { createParser, parseAsNumberLiteral, parseAsString, parseAsStringLiteral } from "nuqs/server";

// Shared by the server page (which reads the URL with createLoader) and the client table
// (which writes it with useQueryStates): both must agree on names and defaults, because
// nuqs drops a value from the URL when it equals its default.

export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Deep pages are legal but bounded: an OFFSET past this is never a real request. */
export const MAX_PAGE = 100_000;

/** 1-based page numbers; anything else (0, -3, "abc", 1e9) falls back to the default. */
export const parseAsPage = createParser<number>({
  parse(value) {
    if (!/^\d{1,7}$/.test(value)) return null;
    const page = Number(value);
    return page >= 1 && page <= MAX_PAGE ? page : null;
  },
  serialize: (page) => String(page),
});

export type DataTableParamsConfig<TSort extends string> = {
  /** The sort keys the server accepts: also the ids of the sortable columns. */
  sortColumns: readonly TSort[];
  defaultSort: TSort;
  defaultOrder: SortOrder;
  pageSizes: readonly number[];
  defaultPageSize: number;
};

/** The URL state of one server-driven table: ?q=&page=&pageSize=&sort=&order= */
export function dataTableSearchParams<TSort extends string>(config: DataTableParamsConfig<TSort>) {
  return {
    q: parseAsString.withDefault(""),
    page: parseAsPage.withDefault(1),
    pageSize: parseAsNumberLiteral(config.pageSizes).withDefault(config.defaultPageSize),
    sort: parseAsStringLiteral(config.sortColumns).withDefault(config.defaultSort),
    order: parseAsStringLiteral(SORT_ORDERS).withDefault(config.defaultOrder),
  };
}

export type DataTableSearchParams<TSort extends string = string> = ReturnType<typeof dataTableSearchParams<TSort>>;
