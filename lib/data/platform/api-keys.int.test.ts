import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { NUL_MESSAGE } from "@/lib/segments/engine/storable-text";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { authenticateApiKey, createApiKey } from "./api-keys";

let t: TestDatabase;
let companyId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  companyId = (await t.db.company.create({ data: { name: "Acme", slug: "acme" } })).id;
});

afterAll(async () => {
  await t?.close();
});

describe("API key names and keys with text PostgreSQL cannot store", () => {
  it("refuses a name with a NUL character as a field error, creating nothing", async () => {
    const attempt = createApiKey(companyId, { name: "CRM\u0000 sync" });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path: ["name"], message: NUL_MESSAGE }] });
    expect(await t.db.apiKey.count()).toBe(0);
  });

  it("a presented key with a NUL character is no key", async () => {
    const { key } = await createApiKey(companyId, { name: "CRM sync" });
    expect(await authenticateApiKey(key)).toMatchObject({ companyId });
    expect(await authenticateApiKey(`${key}\u0000`)).toBeNull();
  });
});
