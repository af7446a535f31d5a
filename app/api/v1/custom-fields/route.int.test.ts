import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams } from "@/lib/api/test-helpers";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { POST as postContacts } from "../contacts/route";
import { GET, POST } from "./route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
});

afterAll(async () => {
  await t?.close();
});

async function create(body: unknown, key = acme.key) {
  const response = await POST(apiRequest("POST", "/api/v1/custom-fields", { key, body }), noParams);
  return { status: response.status, body: await response.json() };
}

async function list(key = acme.key) {
  const response = await GET(apiRequest("GET", "/api/v1/custom-fields", { key }), noParams);
  return { status: response.status, body: await response.json() };
}

describe("/api/v1/custom-fields", () => {
  it("creates fields (201) and lists the company's own", async () => {
    const select = await create({ key: "plan", label: " Plan ", type: "select", options: [" Pro ", "Free"] });
    expect(select).toEqual({
      status: 201,
      body: { id: expect.any(String), key: "plan", label: "Plan", type: "SELECT", options: ["Pro", "Free"] },
    });
    expect((await create({ key: "renewal_date", label: "Renewal", type: "DATE" })).status).toBe(201);
    expect((await create({ key: "plan", label: "Globex plan", type: "TEXT" }, globex.key)).status).toBe(201);

    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.customFields.map((f: { key: string; type: string }) => [f.key, f.type])).toEqual([
      ["plan", "SELECT"],
      ["renewal_date", "DATE"],
    ]);
    expect((await list(globex.key)).body.customFields).toHaveLength(1);
  });

  it("answers 409 for a key the company already has", async () => {
    const result = await create({ key: "plan", label: "Plan again", type: "TEXT" });
    expect(result).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: 'A custom field with the key "plan" already exists' } },
    });
  });

  it("answers 400 with the fields named for a bad definition", async () => {
    const result = await create({ key: "Bad Key", label: "", type: "COLOR", extra: 1 });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
    const paths = result.body.error.issues.map((issue: { path: unknown[] }) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["key", "label", "type", ""]));

    const noOptions = await create({ key: "tier", label: "Tier", type: "MULTI_SELECT" });
    expect(noOptions.body.error.issues).toEqual([
      { path: ["options"], message: "A MULTI_SELECT field needs at least one option" },
    ]);
    const twice = await create({ key: "tier", label: "Tier", type: "SELECT", options: ["Gold", "gold"] });
    expect(twice.body.error.issues).toEqual([{ path: ["options", 1], message: '"gold" is listed twice' }]);
    const stray = await create({ key: "age", label: "Age", type: "NUMBER", options: ["1"] });
    expect(stray.body.error.issues).toEqual([
      { path: ["options"], message: "Only SELECT and MULTI_SELECT fields have options" },
    ]);
  });

  it("makes the new field usable in contacts at once, validated by its type", async () => {
    const response = await postContacts(
      apiRequest("POST", "/api/v1/contacts", {
        key: acme.key,
        body: {
          contacts: [
            { email: "a@example.com", customFields: { plan: "FREE", renewal_date: "2025-01-31" } },
            { email: "b@example.com", customFields: { renewal_date: "31/01/2025" } },
          ],
        },
      }),
      noParams,
    );
    expect(await response.json()).toEqual({
      created: 1,
      updated: 0,
      errors: [{ index: 1, message: "customFields.renewal_date: Expected a real date as YYYY-MM-DD" }],
    });
    const contact = await t.db.contact.findFirstOrThrow({
      where: { companyId: acme.companyId, email: "a@example.com" },
    });
    expect(contact.customFields).toEqual({ plan: "Free", renewal_date: "2025-01-31" });
  });
});
