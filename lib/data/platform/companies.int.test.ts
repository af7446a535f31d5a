import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { getCompany, listCompanies } from "./companies";

let t: TestDatabase;
let zetaId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  zetaId = (await t.db.company.create({ data: { name: "Zeta Corp", slug: "zeta" } })).id;
  await t.db.company.create({ data: { name: "Acme", slug: "acme" } });
  await t.db.company.create({ data: { name: "Mango Ltd", slug: "mango" } });
});

afterAll(async () => {
  await t?.close();
});

describe("companies", () => {
  it("lists every company by name", async () => {
    expect((await listCompanies()).map((c) => c.name)).toEqual(["Acme", "Mango Ltd", "Zeta Corp"]);
  });

  it("gets one company by id, as a plain object", async () => {
    expect(await getCompany(zetaId)).toEqual({ id: zetaId, name: "Zeta Corp", slug: "zeta" });
  });

  it("finds nothing for an unknown or malformed id", async () => {
    expect(await getCompany("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getCompany("zeta")).toBeNull();
    expect(await getCompany("")).toBeNull();
  });
});
