import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { changePassword } from "../platform/users";
import { createUserSession, getActorBySession, revokeOtherUserSessions, revokeUserSession } from "./user-sessions";

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

let userCount = 0;
async function createUser(password = "correct horse battery") {
  userCount += 1;
  return t.db.user.create({
    data: {
      companyId,
      email: `user${userCount}@acme.test`,
      name: `User ${userCount}`,
      passwordHash: await hashPassword(password),
    },
  });
}

describe("getActorBySession", () => {
  it("resolves a live session to its user as they are now", async () => {
    const user = await createUser();
    const sessionId = await createUserSession(user.id);
    expect((await getActorBySession(user.id, sessionId))?.role).toBe("MEMBER");
    await t.db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    expect(await getActorBySession(user.id, sessionId)).toMatchObject({ userId: user.id, role: "ADMIN", companyId });
  });

  it("refuses a revoked session (sign-out) but keeps the user's other sessions", async () => {
    const user = await createUser();
    const signedOut = await createUserSession(user.id);
    const other = await createUserSession(user.id);
    await revokeUserSession(signedOut);
    expect(await getActorBySession(user.id, signedOut)).toBeNull();
    expect(await getActorBySession(user.id, other)).not.toBeNull();
  });

  it("refuses a session presented with another user's id, an expired one, and malformed ids", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const sessionId = await createUserSession(owner.id);
    expect(await getActorBySession(intruder.id, sessionId)).toBeNull();
    const old = await createUserSession(owner.id, new Date(Date.now() - 31 * 24 * 60 * 60 * 1000));
    expect(await getActorBySession(owner.id, old)).toBeNull();
    expect(await getActorBySession("not-a-uuid", sessionId)).toBeNull();
    expect(await getActorBySession(owner.id, "not-a-uuid")).toBeNull();
  });

  it("ends every session of a removed user (the rows cascade)", async () => {
    const user = await createUser();
    const sessionId = await createUserSession(user.id);
    await t.db.user.delete({ where: { id: user.id } });
    expect(await getActorBySession(user.id, sessionId)).toBeNull();
    expect(await t.db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it("drops the user's expired rows when they sign in again", async () => {
    const user = await createUser();
    await createUserSession(user.id, new Date(Date.now() - 31 * 24 * 60 * 60 * 1000));
    await createUserSession(user.id);
    expect(await t.db.userSession.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("revokeOtherUserSessions", () => {
  it("ends all of the user's sessions but the kept one, and no one else's", async () => {
    const user = await createUser();
    const bystander = await createUser();
    const kept = await createUserSession(user.id);
    const stolen = await createUserSession(user.id);
    const theirs = await createUserSession(bystander.id);
    expect(await revokeOtherUserSessions(user.id, kept)).toBe(1);
    expect(await getActorBySession(user.id, kept)).not.toBeNull();
    expect(await getActorBySession(user.id, stolen)).toBeNull();
    expect(await getActorBySession(bystander.id, theirs)).not.toBeNull();
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password and a weak new one, changing nothing", async () => {
    const user = await createUser();
    const other = await createUserSession(user.id);
    expect(
      await changePassword(user.id, { currentPassword: "wrong password", newPassword: "a brand new secret" }, null),
    ).toEqual({ ok: false, field: "currentPassword", message: "The current password is not right" });
    expect(
      await changePassword(user.id, { currentPassword: "correct horse battery", newPassword: "short" }, null),
    ).toMatchObject({ ok: false, field: "newPassword" });
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("correct horse battery", stored.passwordHash)).toBe(true);
    expect(await getActorBySession(user.id, other)).not.toBeNull();
  });

  it("sets the new password and signs out every other session", async () => {
    const user = await createUser();
    const current = await createUserSession(user.id);
    const elsewhere = await createUserSession(user.id);
    const result = await changePassword(
      user.id,
      { currentPassword: "correct horse battery", newPassword: "a brand new secret" },
      current,
    );
    expect(result).toEqual({ ok: true, endedSessions: 1 });
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("a brand new secret", stored.passwordHash)).toBe(true);
    expect(await getActorBySession(user.id, current)).not.toBeNull();
    expect(await getActorBySession(user.id, elsewhere)).toBeNull();
  });
});
