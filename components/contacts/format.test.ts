import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatIsoDay, formatNumber, formatText, fullName } from "./format";

describe("contact formatting", () => {
  it("shows dates as UTC calendar days, whatever the machine's zone", () => {
    expect(formatDate(new Date("2026-03-04T23:30:00Z"))).toBe("Mar 4, 2026");
    expect(formatDateTime(new Date("2026-03-04T23:30:00Z"))).toBe("Mar 4, 2026, 23:30 UTC");
    expect(formatIsoDay("2026-12-31")).toBe("Dec 31, 2026");
  });

  it("shows a dash for missing values", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("—");
    expect(formatNumber(null)).toBe("—");
    expect(formatText("  ")).toBe("—");
    expect(formatNumber(1234.5)).toBe("1,234.5");
  });

  it("joins first and last name, or says there is none", () => {
    expect(fullName({ firstName: "Ada", lastName: "Lovelace" })).toBe("Ada Lovelace");
    expect(fullName({ firstName: null, lastName: "Hopper" })).toBe("Hopper");
    expect(fullName({ firstName: null, lastName: null })).toBeNull();
  });
});
