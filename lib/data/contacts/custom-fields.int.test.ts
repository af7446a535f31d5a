import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { listCustomFields } from "./custom-fields";

let t: TestDatabase;
let acmeId: string;
let globexId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acmeId = (await t.db.company.create({ data: { name: "Acme", slug: "acme" } })).id;
  globexId = (await t.db.company.create({ data: { name: "Globex", slug: "globex" } })).id;
  await t.db.customFieldDefinition.createMany({
    data: [
      { companyId: acmeId, key: "industry", label: "Industry", type: "SELECT", options: ["SaaS", "Retail"] },
      { companyId: acmeId, key: "total_revenue", label: "Total revenue", type: "NUMBER" },
      { companyId: acmeId, key: "interests", label: "Interests", type: "MULTI_SELECT", options: ["AI", "Data"] },
      { companyId: globexId, key: "industry", label: "Globex industry", type: "TEXT" },
    ],
  });
});

afterAll(async () => {
  await t?.close();
});

describe("listCustomFields", () => {
  it("returns only that company's fields, by label, with their options", async () => {
    const fields = await listCustomFields(acmeId);
    expect(fields.map(({ id: _id, ...field }) => field)).toEqual([
      { key: "industry", label: "Industry", type: "SELECT", options: ["SaaS", "Retail"] },
      { key: "interests", label: "Interests", type: "MULTI_SELECT", options: ["AI", "Data"] },
      { key: "total_revenue", label: "Total revenue", type: "NUMBER", options: [] },
    ]);
    expect((await listCustomFields(globexId)).map((f) => f.label)).toEqual(["Globex industry"]);
  });

  it("returns nothing for a company without fields, an unknown company or a malformed id", async () => {
    const emptyId = (await t.db.company.create({ data: { name: "Empty", slug: "empty" } })).id;
    expect(await listCustomFields(emptyId)).toEqual([]);
    expect(await listCustomFields("00000000-0000-4000-8000-000000000000")).toEqual([]);
    expect(await listCustomFields("acme")).toEqual([]);
  });
});
