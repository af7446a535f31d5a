"use client";

import {
  type Header,
  type PaginationState,
  type RowData,
  type SortingState,
  type TableOptions,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import { debounce, useQueryStates } from "nuqs";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { type ReactNode, useMemo, useTransition } from "react";
import { cn } from "@/components/ui/cn";
import type { DataTableSearchParams } from "@/lib/data-table/search-params";
import { DataTablePager } from "./pager";
import { DataTableSearch } from "./search";
import { type DataTableFeatures, dataTableFeatures, type PagedResult } from "./types";

export type DataTableColumns<TRow extends RowData> = TableOptions<DataTableFeatures, TRow>["columns"];

export type DataTableProps<TRow extends RowData, TSort extends string = string> = {
  /** Column definitions (stable: define them at module scope). A sortable column's id is its sort key. */
  columns: DataTableColumns<TRow>;
  /** The page the server rendered for the current URL. */
  result: PagedResult<TRow>;
  getRowId: (row: TRow) => string;
  /** The nuqs parsers of this list's URL state (see dataTableSearchParams). */
  searchParams: DataTableSearchParams<TSort>;
  /** Column ids the server can sort by; other columns get no sort control. */
  sortColumns: readonly TSort[];
  pageSizes: readonly number[];
  /** Accessible name of the table, e.g. "Contacts". */
  label: string;
  searchLabel?: string;
  searchPlaceholder?: string;
  /** Shown instead of the table when the list has no rows at all (not just a page past the end). */
  emptyState?: ReactNode | ((state: { q: string; clearSearch: () => void }) => ReactNode);
  /** Other URL names for the state (e.g. { q: "mq" }), so two tables on one page do not clash. */
  urlKeys?: Partial<Record<keyof DataTableSearchParams<TSort>, string>>;
};

/**
 * One reusable server-driven table: the URL holds page, pageSize, sort, order and q; a
 * change navigates (nuqs, shallow: false) so the server page renders the new rows, and
 * back/forward and reload keep the view. TanStack Table only holds sort/page state and
 * renders; it never sorts or slices rows itself.
 */
export function DataTable<TRow extends RowData, TSort extends string>(props: DataTableProps<TRow, TSort>) {
  // The adapter could live in the root layout; here the table works wherever it is used.
  return (
    <NuqsAdapter>
      <DataTableView {...props} />
    </NuqsAdapter>
  );
}

function DataTableView<TRow extends RowData, TSort extends string>({
  columns,
  result,
  getRowId,
  searchParams,
  sortColumns,
  pageSizes,
  label,
  searchLabel = "Search",
  searchPlaceholder,
  emptyState,
  urlKeys,
}: DataTableProps<TRow, TSort>) {
  const [isPending, startTransition] = useTransition();
  // shallow: false asks the server for the new page; startTransition lets us show that it is loading.
  const [params, setParams] = useQueryStates(searchParams, {
    shallow: false,
    history: "push",
    scroll: false,
    startTransition,
    urlKeys,
  });

  const sortable = useMemo(() => new Set<string>(sortColumns), [sortColumns]);
  const isSortColumn = (id: string): id is TSort => sortable.has(id);
  const sorting = useMemo<SortingState>(
    // sort has a default, so it is never null; nuqs' types lose that inside a generic.
    () => [{ id: params.sort as string, desc: params.order === "desc" }],
    [params.sort, params.order],
  );
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: params.page - 1, pageSize: params.pageSize }),
    [params.page, params.pageSize],
  );

  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
    if (!next || !isSortColumn(next.id)) return;
    // A new order starts again at page 1.
    void setParams({ sort: next.id, order: next.desc ? "desc" : "asc", page: null });
  };

  const onPaginationChange = (updater: Updater<PaginationState>) => {
    const next = typeof updater === "function" ? updater(pagination) : updater;
    if (next.pageSize !== pagination.pageSize) {
      void setParams({ pageSize: next.pageSize, page: null });
    } else {
      void setParams({ page: next.pageIndex + 1 });
    }
  };

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: result.rows,
    getRowId,
    state: { sorting, pagination },
    onSortingChange,
    onPaginationChange,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    autoResetPageIndex: false,
    // The exact page count is unknown on big lists: -1 means "there is a next page".
    pageCount: result.hasNextPage ? -1 : result.page,
  });

  const onSearchChange = (q: string) => {
    // nuqs debounces each key on its own, so a debounced page reset would flush as a
    // second navigation; reset it at once on the client only, and let q's one debounced
    // navigation carry both to the server.
    if (params.page !== 1) void setParams({ page: null }, { shallow: true, history: "replace" });
    void setParams({ q: q || null }, { history: "replace", limitUrlUpdates: debounce(SEARCH_DEBOUNCE_MS) });
  };

  const clearSearch = () => void setParams({ q: null, page: null });
  const rows = table.getRowModel().rows;
  const isEmptyList = rows.length === 0 && result.page === 1;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <DataTableSearch
          value={params.q}
          label={searchLabel}
          placeholder={searchPlaceholder}
          onChange={onSearchChange}
        />
        <p role="status" aria-live="polite" className="text-sm text-slate-500">
          {isPending ? "Loading…" : null}
        </p>
      </div>

      {isEmptyList && emptyState ? (
        typeof emptyState === "function" ? (
          emptyState({ q: params.q, clearSearch })
        ) : (
          emptyState
        )
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table
            aria-label={label}
            aria-busy={isPending || undefined}
            className={cn("min-w-full divide-y divide-slate-200 text-sm", isPending && "opacity-60 transition-opacity")}
          >
            <thead className="bg-slate-50">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <HeaderCell key={header.id} header={header} sortable={sortable.has(header.column.id)}>
                      {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                    </HeaderCell>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={table.getAllLeafColumns().length} className="px-4 py-10 text-center text-slate-500">
                    This page is past the end of the list.{" "}
                    <button
                      type="button"
                      className="font-medium text-brand-700 underline"
                      onClick={() => void setParams({ page: null })}
                    >
                      Go to the first page
                    </button>
                  </td>
                </tr>
              ) : (
                rows.map((row) => (
                  <tr key={row.id} className="hover:bg-slate-50">
                    {row.getAllCells().map((cell) => (
                      <td
                        key={cell.id}
                        className={cn(
                          "px-3 py-2.5 whitespace-nowrap text-slate-700",
                          cell.column.columnDef.meta?.align === "right" && "text-right tabular-nums",
                          cell.column.columnDef.meta?.className,
                        )}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}

      {isEmptyList ? null : (
        <DataTablePager
          page={result.page}
          pageSize={result.pageSize}
          rowCount={rows.length}
          total={result.total}
          pageSizes={pageSizes}
          canPrevious={table.getCanPreviousPage()}
          canNext={table.getCanNextPage()}
          pending={isPending}
          onPrevious={() => table.previousPage()}
          onNext={() => table.nextPage()}
          onPageSize={(size) => table.setPageSize(size)}
        />
      )}
    </div>
  );
}

/** Typing waits this long before the URL (and so the server) hears about it. */
const SEARCH_DEBOUNCE_MS = 300;

/** A column header; sortable ones are a button and announce their order through aria-sort. */
function HeaderCell<TRow extends RowData>({
  header,
  sortable,
  children,
}: {
  header: Header<DataTableFeatures, TRow, unknown>;
  sortable: boolean;
  children: ReactNode;
}) {
  const column = header.column;
  const meta = column.columnDef.meta;
  const canSort = sortable && column.getCanSort();
  const sorted = column.getIsSorted();
  const alignRight = meta?.align === "right";
  return (
    <th
      scope="col"
      colSpan={header.colSpan}
      aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
      className={cn(
        "px-3 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase",
        alignRight ? "text-right" : "text-left",
        meta?.className,
      )}
    >
      {canSort ? (
        <button
          type="button"
          onClick={column.getToggleSortingHandler()}
          className={cn(
            "inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600",
            alignRight && "flex-row-reverse",
            sorted && "text-slate-900",
          )}
        >
          {children}
          <SortIcon direction={sorted} />
        </button>
      ) : (
        children
      )}
    </th>
  );
}

function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  return (
    <svg viewBox="0 0 16 16" className={cn("size-3.5", !direction && "text-slate-300")} aria-hidden="true">
      {direction === "desc" ? (
        <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.75" />
      ) : direction === "asc" ? (
        <path d="M4 10l4-4 4 4" fill="none" stroke="currentColor" strokeWidth="1.75" />
      ) : (
        <path d="M5 6.5l3-3 3 3M5 9.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" />
      )}
    </svg>
  );
}
