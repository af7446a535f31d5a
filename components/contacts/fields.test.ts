import { describe, expect, it } from "vitest";
import type { ContactDetail } from "@/lib/data/contacts/contacts";
import { contactFieldGroups, formatCustomValue } from "./fields";

const contact: ContactDetail = {
  id: "7d9f0d5e-1a5b-4c59-9a3e-3d1f1e0b8a11",
  companyId: "0c8a1e52-52f4-4f0e-9a57-1e6f5f0c7b22",
  email: "ada@example.com",
  firstName: "Ada",
  lastName: null,
  phone: null,
  companyName: null,
  jobTitle: null,
  source: null,
  country: "United Kingdom",
  state: null,
  city: null,
  timezone: null,
  lifecycleStage: "MQL",
  subscriptionStatus: "BOUNCED",
  leadScore: 0,
  engagementScore: null,
  engagementTrend: null,
  conversionLikelihood: "VERY_LIKELY",
  lastActivityAt: null,
  lastOpenedAt: null,
  lastClickedAt: null,
  lastEmailSentAt: new Date("2026-02-01T09:15:00Z"),
  lastOpenedDevice: null,
  openedLastEmail: false,
  preferredOpenHour: 7,
  preferredOpenDay: "SUN",
  tags: [],
  customFields: [],
  segments: [],
  events: [],
  createdAt: new Date("2026-01-05T00:00:00Z"),
  updatedAt: new Date("2026-01-05T00:00:00Z"),
};

const shown = () => new Map(contactFieldGroups(contact).flatMap((g) => g.fields.map((f) => [f.label, f.value])));

describe("contact field panel", () => {
  it("shows every contact.* field of the rule language except tags (which have their own card)", () => {
    // The contact.* fields of the rule language's field table, tags aside.
    const specFields = [
      "email",
      "firstName",
      "lastName",
      "phone",
      "companyName",
      "jobTitle",
      "source",
      "country",
      "state",
      "city",
      "timezone",
      "lifecycleStage",
      "subscriptionStatus",
      "leadScore",
      "engagementScore",
      "engagementTrend",
      "conversionLikelihood",
      "createdAt",
      "lastActivityAt",
      "lastOpenedAt",
      "lastClickedAt",
      "lastEmailSentAt",
      "lastOpenedDevice",
      "openedLastEmail",
      "preferredOpenHour",
      "preferredOpenDay",
    ];
    const keys = contactFieldGroups(contact).flatMap((g) => g.fields.map((f) => f.key));
    expect([...keys].sort()).toEqual([...specFields].sort());
  });

  it("uses readable labels and values, and a dash for what is missing", () => {
    const fields = shown();
    expect(fields.get("Lifecycle stage")).toBe("MQL");
    expect(fields.get("Subscription")).toBe("Bounced");
    expect(fields.get("Conversion likelihood")).toBe("Very likely");
    expect(fields.get("Lead score")).toBe("0");
    expect(fields.get("Last name")).toBe("—");
    expect(fields.get("Last opened")).toBe("—");
    expect(fields.get("Last email sent")).toBe("Feb 1, 2026, 09:15 UTC");
    expect(fields.get("Date added")).toBe("Jan 5, 2026");
    expect(fields.get("Opened last email")).toBe("No");
    expect(fields.get("Preferred open hour")).toBe("07:00–07:59");
    expect(fields.get("Preferred open day")).toBe("Sunday");
  });
});

describe("formatCustomValue", () => {
  it("formats by the definition's type", () => {
    expect(formatCustomValue({ type: "DATE", value: "2026-04-30" })).toBe("Apr 30, 2026");
    expect(formatCustomValue({ type: "BOOLEAN", value: false })).toBe("No");
    expect(formatCustomValue({ type: "NUMBER", value: 12500.5 })).toBe("12,500.5");
    expect(formatCustomValue({ type: "MULTI_SELECT", value: ["email", "webinars"] })).toBe("email, webinars");
    expect(formatCustomValue({ type: null, value: { a: 1 } })).toBe('{"a":1}');
  });

  it("shows a dash for no value", () => {
    expect(formatCustomValue({ type: "TEXT", value: undefined })).toBe("—");
    expect(formatCustomValue({ type: "TEXT", value: "" })).toBe("—");
    expect(formatCustomValue({ type: "MULTI_SELECT", value: [] })).toBe("—");
  });
});
