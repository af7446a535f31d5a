import { describe, expect, it } from "vitest";
import { LONE_SURROGATE_MESSAGE, NUL_MESSAGE } from "@/lib/segments/engine/storable-text";
import {
  ContactInputSchema,
  type CustomFieldDefinitionLike,
  contactInputSchemaFor,
  normalizeCustomFieldValue,
  parseInstant,
} from "./schema";

const definitions: CustomFieldDefinitionLike[] = [
  { key: "plan", type: "SELECT", options: ["Pro", "Free Tier"] },
  { key: "interests", type: "MULTI_SELECT", options: ["AI", "Data, Analytics"] },
  { key: "ltv", type: "NUMBER", options: [] },
  { key: "renewal", type: "DATE", options: [] },
  { key: "vip", type: "BOOLEAN", options: [] },
  { key: "nickname", type: "TEXT", options: [] },
];

const issuesOf = (input: unknown, schema = contactInputSchemaFor(definitions)) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe("ContactInputSchema", () => {
  it("normalizes email, text, enums, score, tags and createdAt", () => {
    const parsed = ContactInputSchema.parse({
      email: "  Ada.Lovelace@Example.COM ",
      firstName: "  Ada ",
      lastName: "",
      city: null,
      lifecycleStage: "customer",
      subscriptionStatus: " Unsubscribed ",
      leadScore: "73",
      createdAt: "2024-02-29T10:00:00+01:00",
      tags: [" VIP", "vip ", "", "Early Adopter"],
    });
    expect(parsed).toEqual({
      email: "ada.lovelace@example.com",
      firstName: "Ada",
      lastName: null,
      city: null,
      lifecycleStage: "CUSTOMER",
      subscriptionStatus: "UNSUBSCRIBED",
      leadScore: 73,
      createdAt: new Date("2024-02-29T09:00:00Z"),
      tags: ["vip", "early adopter"],
    });
  });

  it("leaves absent fields absent, and ignores null for fields that cannot be cleared", () => {
    expect(ContactInputSchema.parse({ email: "a@b.co", subscriptionStatus: null, createdAt: "" })).toEqual({
      email: "a@b.co",
    });
  });

  it("accepts tags as one comma- or semicolon-separated string, and null as no tags", () => {
    expect(ContactInputSchema.parse({ email: "a@b.co", tags: "One; two,THREE" }).tags).toEqual(["one", "two", "three"]);
    expect(ContactInputSchema.parse({ email: "a@b.co", tags: null }).tags).toEqual([]);
  });

  it("names each bad field", () => {
    expect(
      issuesOf({
        email: "nope",
        lifecycleStage: "boss",
        leadScore: 100.5,
        createdAt: "2024-13-01",
        tags: [1],
        phone: 5,
        nick: "x",
      }).map((i) => i.path.join(".")),
    ).toEqual(["email", "phone", "lifecycleStage", "leadScore", "createdAt", "tags", ""]);
    expect(issuesOf({})).toEqual([{ path: ["email"], message: "Enter an email address" }]);
    expect(issuesOf({ email: "a@b.co", leadScore: -1 })[0]?.message).toBe("Expected a whole number from 0 to 100");
    expect(issuesOf({ email: "a@b.co", firstName: "x".repeat(256) })[0]?.message).toBe("At most 255 characters");
    expect(issuesOf({ email: "a@b.co", tags: ["x".repeat(101)] })[0]?.path).toEqual(["tags"]);
  });

  it("rejects a createdAt without a time zone or far in the future", () => {
    expect(issuesOf({ email: "a@b.co", createdAt: "2024-05-01T10:00:00" })[0]?.path).toEqual(["createdAt"]);
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect(issuesOf({ email: "a@b.co", createdAt: nextWeek })[0]?.message).toMatch(/future/);
  });
});

describe("text PostgreSQL cannot store", () => {
  it("is a field error on each field that has it, keys of custom fields included", () => {
    expect(
      issuesOf({
        email: "ada@example.com",
        firstName: "A\u0000da",
        phone: "\ud800",
        tags: "vip,b\u0000eta",
        customFields: { nickname: "x\u0000", "plan\u0000": "Pro" },
      }),
    ).toEqual([
      { path: ["firstName"], message: NUL_MESSAGE },
      { path: ["phone"], message: LONE_SURROGATE_MESSAGE },
      { path: ["tags"], message: NUL_MESSAGE },
      { path: ["customFields", "nickname"], message: NUL_MESSAGE },
      { path: ["customFields", "plan\u0000"], message: `the name ${NUL_MESSAGE}` },
    ]);
    expect(issuesOf({ email: "ada\u0000@example.com" })).toEqual([{ path: ["email"], message: NUL_MESSAGE }]);
  });
});

describe("contactInputSchemaFor (custom fields)", () => {
  it("stores values in canonical form", () => {
    const parsed = contactInputSchemaFor(definitions).parse({
      email: "a@b.co",
      customFields: {
        plan: "free tier",
        interests: ["data, analytics", "ai", "AI"],
        ltv: "1e3",
        renewal: "2025-03-01T23:30:00-05:00",
        vip: "Yes",
        nickname: 42,
      },
    });
    expect(parsed.customFields).toEqual({
      plan: "Free Tier",
      interests: ["Data, Analytics", "AI"],
      ltv: 1000,
      renewal: "2025-03-01",
      vip: true,
      nickname: "42",
    });
  });

  it("turns null, blank text and empty lists into removals", () => {
    const parsed = contactInputSchemaFor(definitions).parse({
      email: "a@b.co",
      customFields: { plan: null, nickname: "  ", interests: [] },
    });
    expect(parsed.customFields).toEqual({ plan: null, nickname: null, interests: null });
  });

  it("finds a key in another letter case and stores it under the defined key", () => {
    expect(
      contactInputSchemaFor(definitions).parse({ email: "a@b.co", customFields: { LTV: 5 } }).customFields,
    ).toEqual({ ltv: 5 });
  });

  it("reports unknown keys and wrong values under customFields.<key>", () => {
    expect(
      issuesOf({
        email: "a@b.co",
        customFields: {
          shoe_size: 42,
          plan: "Gold",
          interests: ["AI", "Cooking"],
          ltv: true,
          renewal: "2023-02-29",
          vip: "perhaps",
        },
      }),
    ).toEqual([
      { path: ["customFields", "shoe_size"], message: expect.stringMatching(/^Unknown custom field "shoe_size"/) },
      { path: ["customFields", "plan"], message: '"Gold" is not an option; expected one of: Pro, Free Tier' },
      { path: ["customFields", "interests"], message: expect.stringMatching(/^"Cooking" is not an option/) },
      { path: ["customFields", "ltv"], message: "Expected a number" },
      { path: ["customFields", "renewal"], message: "Expected a real date as YYYY-MM-DD" },
      { path: ["customFields", "vip"], message: "Expected true or false" },
    ]);
  });

  it("rejects values that are not JSON scalars or lists of text", () => {
    expect(issuesOf({ email: "a@b.co", customFields: { plan: { nested: true } } })[0]?.path).toEqual([
      "customFields",
      "plan",
    ]);
    expect(issuesOf({ email: "a@b.co", customFields: ["plan"] })[0]?.path).toEqual(["customFields"]);
  });
});

describe("normalizeCustomFieldValue", () => {
  const date = { key: "d", type: "DATE", options: [] } as const;
  it("keeps only real dates", () => {
    expect(normalizeCustomFieldValue(date, "2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    expect(normalizeCustomFieldValue(date, "2024-02-30").ok).toBe(false);
    expect(normalizeCustomFieldValue(date, "2024-2-3").ok).toBe(false);
    expect(normalizeCustomFieldValue(date, 20240229).ok).toBe(false);
  });

  it("reads numbers and booleans written as text", () => {
    const n = { key: "n", type: "NUMBER", options: [] } as const;
    expect(normalizeCustomFieldValue(n, " -12.5 ")).toEqual({ ok: true, value: -12.5 });
    expect(normalizeCustomFieldValue(n, "12abc").ok).toBe(false);
    expect(normalizeCustomFieldValue(n, Number.NaN).ok).toBe(false);
    const b = { key: "b", type: "BOOLEAN", options: [] } as const;
    expect(normalizeCustomFieldValue(b, "FALSE")).toEqual({ ok: true, value: false });
    expect(normalizeCustomFieldValue(b, 1)).toEqual({ ok: true, value: true });
  });
});

describe("parseInstant", () => {
  it("takes ISO date-times with a zone and plain dates", () => {
    expect(parseInstant("2024-05-01T09:30:00.123Z")).toEqual({ date: new Date("2024-05-01T09:30:00.123Z") });
    expect(parseInstant("2024-05-01")).toEqual({ date: new Date("2024-05-01T00:00:00Z") });
    expect(parseInstant("May 1st")).toHaveProperty("message");
    expect(parseInstant("2024-02-30")).toHaveProperty("message");
  });
});
