import { metaHelper, rowPaginationFeature, rowSortingFeature, tableFeatures } from "@tanstack/react-table";

/**
 * One page of a server-driven list, as the data layer returns it. The total may be a
 * lower bound (`exact: false`): big lists count only up to a cap.
 */
export type PagedResult<TRow> = {
  rows: TRow[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
  total: { value: number; exact: boolean };
};

/** Per-column presentation hints for the data table. */
export type DataTableColumnMeta = {
  /** Right-align numbers so their digits line up. */
  align?: "left" | "right";
  /** Extra classes for the column's header and cells (widths, wrapping). */
  className?: string;
};

/**
 * The features every data table registers (TanStack Table v9 registers features
 * explicitly). No row models: sorting and paging happen on the server, the table only
 * holds their state and renders headers and rows.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;
