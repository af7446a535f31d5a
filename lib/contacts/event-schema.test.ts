import { describe, expect, it } from "vitest";
import { EVENT_TYPES, REVENUE_EVENT_TYPES } from "@/lib/segments/engine/fields";
import { EventInputSchema } from "./event-schema";

const issues = (input: unknown) => {
  const parsed = EventInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("EventInputSchema", () => {
  it("accepts every type of the event catalog, revenue on the revenue types only", () => {
    for (const type of EVENT_TYPES) {
      const event = { contactId: "c", type, occurredAt: "2024-05-01T00:00:00Z", revenue: 1 };
      const expected = REVENUE_EVENT_TYPES.includes(type) ? [] : [expect.stringMatching(/^revenue: /)];
      expect(issues(event), type).toEqual(expected);
      expect(issues({ ...event, revenue: undefined }), type).toEqual([]);
    }
    expect(issues({ contactId: "c", type: "email_forwarded", occurredAt: "2024-05-01T00:00:00Z" })).toEqual([
      expect.stringMatching(/^type: Expected one of email_sent, /),
    ]);
  });

  it("normalizes an event", () => {
    expect(
      EventInputSchema.parse({
        email: " Ada@Example.com ",
        type: "Email_Opened",
        occurredAt: "2024-05-01T09:30:00+02:00",
        device: "MOBILE",
        campaignId: " esp-1 ",
        url: null,
      }),
    ).toEqual({
      email: "ada@example.com",
      type: "email_opened",
      occurredAt: new Date("2024-05-01T07:30:00Z"),
      device: "mobile",
      campaignId: "esp-1",
    });
  });

  it("rounds revenue to cents and allows it on purchases and conversions only", () => {
    const purchase = { contactId: "c", type: "purchase", occurredAt: "2024-05-01T00:00:00Z" };
    expect(EventInputSchema.parse({ ...purchase, revenue: 19.999 }).revenue).toBe(20);
    expect(issues({ ...purchase, revenue: -1 })).toEqual(["revenue: Must not be negative"]);
    expect(issues({ ...purchase, type: "email_clicked", revenue: 1 })).toEqual([
      "revenue: Only purchase and conversion events carry revenue",
    ]);
  });

  it("needs exactly one of email and contactId", () => {
    const base = { type: "email_sent", occurredAt: "2024-05-01T00:00:00Z" };
    expect(issues(base)).toEqual(["email: Name the contact: give email or contactId"]);
    expect(issues({ ...base, email: "a@b.co", contactId: "x" })).toEqual([
      "contactId: Give email or contactId, not both",
    ]);
  });

  it("rejects unknown types, devices, fields and times too far ahead", () => {
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const inOneHour = new Date(Date.now() + 3_600_000).toISOString();
    expect(issues({ email: "a@b.co", type: "opened", occurredAt: inThreeDays, device: "watch", foo: 1 })).toEqual([
      expect.stringMatching(/^type: Expected one of email_sent/),
      "occurredAt: Must not be more than a day in the future",
      "device: Expected one of mobile, desktop, tablet",
      ': Unknown field "foo"',
    ]);
    expect(issues({ email: "a@b.co", type: "email_sent", occurredAt: inOneHour })).toEqual([]);
    expect(issues({ email: "a@b.co", type: "email_sent" })).toEqual([
      expect.stringMatching(/^occurredAt: Expected an ISO/),
    ]);
  });
});
