import { describe, expect, it } from "vitest";
import { planEngagement, SIMULATION_SPAN_MS, unitHash } from "./engagement-plan";

const delivered = new Date("2026-11-01T10:00:00Z");
const ids = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

function rates(score: number | null) {
  const plans = ids.map((id) => planEngagement("campaign-1", id, delivered, score));
  const has = (type: string) => plans.filter((events) => events.some((e) => e.type === type)).length / ids.length;
  return { plans, open: has("email_opened"), click: has("email_clicked"), unsubscribe: has("unsubscribed") };
}

describe("planEngagement", () => {
  it("is deterministic per campaign and contact", () => {
    expect(planEngagement("c", ids[7]!, delivered, 50)).toEqual(planEngagement("c", ids[7]!, delivered, 50));
    expect(unitHash("a")).not.toBe(unitHash("b"));
  });

  it("gives realistic rates that rise with the engagement score", () => {
    const low = rates(0);
    const high = rates(100);
    expect(low.open).toBeGreaterThan(0.08);
    expect(low.open).toBeLessThan(0.16);
    expect(high.open).toBeGreaterThan(0.55);
    expect(high.open).toBeLessThan(0.7);
    expect(high.click).toBeGreaterThan(low.click);
    expect(high.unsubscribe).toBeLessThan(0.03);
  });

  it("orders each recipient's events after delivery and within the simulated span", () => {
    for (const events of rates(70).plans) {
      let last = delivered.getTime();
      for (const event of events) {
        expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(last);
        last = event.occurredAt.getTime();
      }
      expect(last - delivered.getTime()).toBeLessThanOrEqual(SIMULATION_SPAN_MS);
      if (events.some((e) => e.type === "unsubscribed"))
        expect(events.map((e) => e.type)).not.toContain("email_clicked");
    }
  });
});
