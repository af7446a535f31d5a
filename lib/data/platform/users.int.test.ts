import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { authenticate, findUserByEmail, getActorByUserId } from "./users";

let t: TestDatabase;
let companyId: string;
let userId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const company = await t.db.company.create({ data: { name: "Acme", slug: "acme" } });
  companyId = company.id;
  const user = await t.db.user.create({
    data: {
      companyId,
      email: "ada@acme.test",
      name: "Ada Lovelace",
      role: "MEMBER",
      passwordHash: await hashPassword("correct horse battery"),
    },
  });
  userId = user.id;
});

afterAll(async () => {
  await t?.close();
});

describe("authenticate", () => {
  it("returns the actor for the right email and password", async () => {
    expect(await authenticate("ada@acme.test", "correct horse battery")).toEqual({
      userId,
      email: "ada@acme.test",
      name: "Ada Lovelace",
      role: "MEMBER",
      companyId,
    });
  });

  it("accepts the email in any case and with stray spaces", async () => {
    const actor = await authenticate("  ADA@Acme.TEST ", "correct horse battery");
    expect(actor?.userId).toBe(userId);
  });

  it("rejects a wrong password, including a different case of the right one", async () => {
    expect(await authenticate("ada@acme.test", "wrong password")).toBeNull();
    expect(await authenticate("ada@acme.test", "Correct horse battery")).toBeNull();
    expect(await authenticate("ada@acme.test", "")).toBeNull();
  });

  it("rejects an unknown email", async () => {
    expect(await authenticate("nobody@acme.test", "correct horse battery")).toBeNull();
    expect(await authenticate("", "correct horse battery")).toBeNull();
    // Sent straight to the sign-in endpoint: text PostgreSQL cannot store finds nobody, never a 500.
    expect(await authenticate("ada@acme.test\u0000", "correct horse battery")).toBeNull();
    expect(await authenticate("ada\ud800@acme.test", "correct horse battery")).toBeNull();
    expect(await findUserByEmail("ada@acme.test\u0000")).toBeNull();
  });
});

describe("findUserByEmail", () => {
  it("finds a user whatever the case of the email, without the password hash", async () => {
    const user = await findUserByEmail("Ada@ACME.test");
    expect(user).toMatchObject({ id: userId, companyId, email: "ada@acme.test", role: "MEMBER" });
    expect(user).not.toHaveProperty("passwordHash");
    expect(await findUserByEmail("someone@else.test")).toBeNull();
  });
});

describe("getActorByUserId", () => {
  it("reads the user's current role, so a changed role applies to an existing session", async () => {
    expect((await getActorByUserId(userId))?.role).toBe("MEMBER");
    await t.db.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
    expect((await getActorByUserId(userId))?.role).toBe("ADMIN");
    await t.db.user.update({ where: { id: userId }, data: { role: "MEMBER" } });
  });

  it("finds nothing for an unknown or malformed id", async () => {
    expect(await getActorByUserId("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getActorByUserId("not-a-uuid")).toBeNull();
  });
});
