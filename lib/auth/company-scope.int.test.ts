import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { resolveCompanyScope } from "./company-scope";

let t: TestDatabase;
let home: string;
let other: string;
let admin: Actor;
let member: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  home = (await t.db.company.create({ data: { name: "Home", slug: "home" } })).id;
  other = (await t.db.company.create({ data: { name: "Other", slug: "other" } })).id;
  admin = {
    userId: "00000000-0000-4000-8000-00000000000a",
    email: "a@x.test",
    name: "A",
    role: "ADMIN",
    companyId: home,
  };
  member = { ...admin, userId: "00000000-0000-4000-8000-00000000000b", role: "MEMBER" };
});

afterAll(async () => {
  await t?.close();
});

describe("resolveCompanyScope", () => {
  it("puts an admin in the company they chose", async () => {
    expect(await resolveCompanyScope(admin, other)).toBe(other);
  });

  it("keeps an admin at home when nothing, an unknown company or garbage was chosen", async () => {
    expect(await resolveCompanyScope(admin, undefined)).toBe(home);
    expect(await resolveCompanyScope(admin, "00000000-0000-4000-8000-000000000000")).toBe(home);
    expect(await resolveCompanyScope(admin, '\'; drop table "Company"; --')).toBe(home);
  });

  it("keeps a member in their own company whatever the cookie says", async () => {
    expect(await resolveCompanyScope(member, other)).toBe(home);
  });
});
