import { describe, expect, it } from "vitest";
import { isSendingStalled, SEND_STALL_MS } from "./sending-state";

describe("isSendingStalled", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("is stalled after 10 minutes without progress while sending", () => {
    expect(isSendingStalled({ status: "SENDING", updatedAt: ago(SEND_STALL_MS) }, now)).toBe(true);
    expect(isSendingStalled({ status: "SENDING", updatedAt: ago(SEND_STALL_MS - 1000) }, now)).toBe(false);
  });

  it("is never stalled when not sending", () => {
    for (const status of ["DRAFT", "SCHEDULED", "SENT", "CANCELLED"] as const) {
      expect(isSendingStalled({ status, updatedAt: ago(SEND_STALL_MS * 10) }, now)).toBe(false);
    }
  });
});
