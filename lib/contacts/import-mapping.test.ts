import { describe, expect, it } from "vitest";
import { autoMapHeaders, importMappingSchema, rowShapeProblem, rowToContactInput } from "./import-mapping";
import { contactInputSchemaFor } from "./schema";

const customFields = [
  { key: "plan", label: "Plan" },
  { key: "trial_end_date", label: "Trial end date" },
];

describe("autoMapHeaders", () => {
  it("maps headers by key, label or alias, ignoring case and punctuation; each field once", () => {
    expect(
      autoMapHeaders(
        [
          "E-mail Address",
          "First Name",
          "surname",
          "Company",
          "Lead score",
          "Tags",
          "PLAN",
          "Trial End Date",
          "customField.plan",
          "Email",
          "Favourite colour",
        ],
        customFields,
      ),
    ).toEqual([
      "email",
      "firstName",
      "lastName",
      "companyName",
      "leadScore",
      "tags",
      "customField.plan",
      "customField.trial_end_date",
      null, // plan is taken by the earlier column
      null, // email too
      null, // unknown: not imported
    ]);
  });

  it("maps what the export writes back to the same fields", () => {
    expect(autoMapHeaders(["email", "firstName", "createdAt", "customField.trial_end_date"], customFields)).toEqual([
      "email",
      "firstName",
      "createdAt",
      "customField.trial_end_date",
    ]);
  });
});

describe("importMappingSchema", () => {
  const schema = importMappingSchema(3, customFields);

  it("accepts one target per column with email among them", () => {
    expect(schema.safeParse(["email", null, "customField.plan"]).success).toBe(true);
  });

  it("names the column that is wrong", () => {
    const twice = schema.safeParse(["email", "firstName", "firstName"]);
    expect(twice.error?.issues).toEqual([
      expect.objectContaining({ path: [2], message: "Column 2 already goes into this field" }),
    ]);
    expect(schema.safeParse(["email", "password", null]).error?.issues[0]?.path).toEqual([1]);
    expect(schema.safeParse([null, "firstName", null]).error?.issues[0]?.message).toBe(
      "Choose the column with the email",
    );
    expect(schema.safeParse(["email"]).success).toBe(false);
  });
});

describe("rowToContactInput", () => {
  const mapping = ["email", "firstName", null, "leadScore", "customField.plan", "tags"];

  it("builds ContactInput from the mapped cells, leaving blank cells out", () => {
    expect(rowToContactInput(["Ann@X.com", "Ann", "ignored", "42", "Pro", "a; b"], mapping)).toEqual({
      email: "Ann@X.com",
      firstName: "Ann",
      leadScore: "42",
      customFields: { plan: "Pro" },
      tags: "a; b",
    });
    expect(rowToContactInput(["b@x.com", " ", "", ""], mapping)).toEqual({ email: "b@x.com" });
  });

  it("gives what the contact schema validates like any other input", () => {
    const schema = contactInputSchemaFor([{ key: "plan", type: "SELECT", options: ["Free", "Pro"] }]);
    const good = schema.safeParse(rowToContactInput(["Ann@X.com", "Ann", "", "42", "pro", "A; b"], mapping));
    expect(good.data).toMatchObject({
      email: "ann@x.com",
      leadScore: 42,
      customFields: { plan: "Pro" },
      tags: ["a", "b"],
    });
    const bad = schema.safeParse(rowToContactInput(["", "Ann", "", "high", "Gold"], mapping));
    expect(bad.error?.issues.map((issue) => issue.path.join("."))).toEqual(["email", "leadScore"]);
    const badOption = schema.safeParse(rowToContactInput(["c@x.com", "", "", "", "Gold"], mapping));
    expect(badOption.error?.issues.map((issue) => issue.path.join("."))).toEqual(["customFields.plan"]);
  });
});

describe("rowShapeProblem", () => {
  it("refuses extra values, but not trailing empty ones or missing ones", () => {
    expect(rowShapeProblem(["a", "b", "c"], 2)).toMatch(/3 values but the header has 2 columns/);
    expect(rowShapeProblem(["a", "b", "", " "], 2)).toBeNull();
    expect(rowShapeProblem(["a"], 2)).toBeNull();
  });
});
