"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { describePage } from "./format";
import type { PagedResult } from "./types";

/** "Page 2 · 26–50 of 10,000+", previous / next, and the page size. */
export function DataTablePager({
  page,
  pageSize,
  rowCount,
  total,
  pageSizes,
  canPrevious,
  canNext,
  pending,
  onPrevious,
  onNext,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  rowCount: number;
  total: PagedResult<unknown>["total"];
  pageSizes: readonly number[];
  canPrevious: boolean;
  canNext: boolean;
  pending: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onPageSize: (size: number) => void;
}) {
  const sizeId = useId();
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p className="tabular-nums">{describePage({ page, pageSize, rowCount, total })}</p>
      <div className="flex items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="whitespace-nowrap">
            Rows per page
          </label>
          <Select
            id={sizeId}
            value={pageSize}
            className="h-8 w-20"
            onChange={(event) => onPageSize(Number(event.target.value))}
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={!canPrevious || pending}
            onClick={onPrevious}
            aria-label="Previous page"
          >
            Previous
          </Button>
          <Button variant="secondary" size="sm" disabled={!canNext || pending} onClick={onNext} aria-label="Next page">
            Next
          </Button>
        </div>
      </div>
    </nav>
  );
}
