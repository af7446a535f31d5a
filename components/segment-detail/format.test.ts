import { describe, expect, it } from "vitest";
import { formatActual } from "./format";

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
