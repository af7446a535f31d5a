import type { PagedResult } from "./types";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** "10,000+" for a lower bound, "1,234" for an exact total. */
export function formatTotal(total: PagedResult<unknown>["total"]): string {
  return total.exact ? formatCount(total.value) : `${formatCount(total.value)}+`;
}

/** The pager's line: "Page 2 · 26–50 of 10,000+"; a page past the end says so. */
export function describePage(result: Pick<PagedResult<unknown>, "page" | "pageSize" | "total"> & { rowCount: number }) {
  const { page, pageSize, rowCount, total } = result;
  if (rowCount === 0) return page > 1 ? `Page ${formatCount(page)} · no rows` : "No rows";
  const first = (page - 1) * pageSize + 1;
  const last = first + rowCount - 1;
  return `Page ${formatCount(page)} · ${formatCount(first)}–${formatCount(last)} of ${formatTotal(total)}`;
}
