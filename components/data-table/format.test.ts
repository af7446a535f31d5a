import { describe, expect, it } from "vitest";
import { describePage, formatTotal } from "./format";

describe("formatTotal", () => {
  it("marks a capped total as a lower bound", () => {
    expect(formatTotal({ value: 10_000, exact: false })).toBe("10,000+");
    expect(formatTotal({ value: 1234, exact: true })).toBe("1,234");
    expect(formatTotal({ value: 0, exact: true })).toBe("0");
  });
});

describe("describePage", () => {
  it("gives the page, the row range and the total", () => {
    expect(describePage({ page: 2, pageSize: 25, rowCount: 25, total: { value: 10_000, exact: false } })).toBe(
      "Page 2 · 26–50 of 10,000+",
    );
    expect(describePage({ page: 1, pageSize: 25, rowCount: 7, total: { value: 7, exact: true } })).toBe(
      "Page 1 · 1–7 of 7",
    );
    expect(describePage({ page: 401, pageSize: 25, rowCount: 25, total: { value: 10_025, exact: false } })).toBe(
      "Page 401 · 10,001–10,025 of 10,025+",
    );
  });

  it("says when there is nothing to show", () => {
    expect(describePage({ page: 1, pageSize: 25, rowCount: 0, total: { value: 0, exact: true } })).toBe("No rows");
    expect(describePage({ page: 9, pageSize: 25, rowCount: 0, total: { value: 30, exact: true } })).toBe(
      "Page 9 · no rows",
    );
  });
});
