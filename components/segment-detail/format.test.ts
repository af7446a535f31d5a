import { describe, expect, it } from "vitest";
import { formatActual, formatPercent, sharePercent, weightedRate } from "./format";

describe("formatActual", () => {
  it("counts events and words segment membership", () => {
    expect(formatActual({ field: "event.email_opened", actual: 1 })).toBe("1 matching event");
    expect(formatActual({ field: "event.email_opened", actual: 3 })).toBe("3 matching events");
    expect(formatActual({ field: "segment", actual: false })).toBe("not in it");
  });

  it("shows missing values and lists plainly", () => {
    expect(formatActual({ field: "contact.country", actual: null })).toBe("not set");
    expect(formatActual({ field: "contact.tags", actual: ["vip", "beta"] })).toBe("vip, beta");
    expect(formatActual({ field: "contact.tags", actual: [] })).toBe("none");
    expect(formatActual({ field: "contact.leadScore", actual: 53 })).toBe("53");
  });
});

describe("formatPercent and sharePercent", () => {
  it("shows fractions as percentages with one decimal, trimming .0", () => {
    expect(formatPercent(0.2534)).toBe("25.3%");
    expect(formatPercent(0.25)).toBe("25%");
    expect(formatPercent(0.0123)).toBe("1.2%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(1.5)).toBe("150%");
    expect(formatPercent(Number.NaN)).toBe("—");
  });

  it("divides a part by its whole, with a dash for an empty whole", () => {
    expect(sharePercent(1, 3)).toBe("33.3%");
    expect(sharePercent(2, 2)).toBe("100%");
    expect(sharePercent(0, 0)).toBe("—");
  });
});

describe("weightedRate", () => {
  it("sums numerators and denominators before dividing", () => {
    const days = [
      { opened: 1, delivered: 10 },
      { opened: 9, delivered: 10 },
      { opened: 0, delivered: 0 },
    ];
    expect(
      weightedRate(
        days,
        (d) => d.opened,
        (d) => d.delivered,
      ),
    ).toBe(0.5);
    expect(
      weightedRate(
        [],
        (d: { a: number }) => d.a,
        (d) => d.a,
      ),
    ).toBe(0);
  });
});
