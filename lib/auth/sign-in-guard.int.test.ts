import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDeviceId, signKnownDevice } from "@/lib/auth/known-device";
import { hashPassword } from "@/lib/auth/password";
import { ACCOUNT_POLICY } from "@/lib/auth/sign-in-throttle";
import { chargeSignInAttempt } from "@/lib/data/auth/sign-in-throttle";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { authenticateThrottled, type SignInContext, ThrottledError } from "./sign-in-guard";

const secret = "test-secret-test-secret-0123";
const PASSWORD = "correct horse battery";
let t: TestDatabase;
let userCount = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
});

afterAll(async () => {
  await t?.close();
});

async function createUser(): Promise<string> {
  userCount += 1;
  const n = userCount;
  const company = await t.db.company.create({ data: { name: `Co ${n}`, slug: `co-${n}` } });
  const email = `user${n}@acme.test`;
  await t.db.user.create({
    data: { companyId: company.id, email, name: "U", passwordHash: await hashPassword(PASSWORD) },
  });
  return email;
}

function from(address: string, knownDeviceCookie?: string): SignInContext {
  return { forwardedFor: address, knownDeviceCookie, secret, trustedProxyHops: 0 };
}

/** The outcome of one attempt: signed in, wrong password, or the throttle's refusal. */
async function attempt(email: string, password: string, context: SignInContext, now?: Date) {
  try {
    return (await authenticateThrottled(email, password, context, now)) ? "ok" : "wrong";
  } catch (error) {
    if (error instanceof ThrottledError) return { retryAfterSeconds: error.retryAfterSeconds, locked: error.locked };
    throw error;
  }
}

/** Moves the key's last failure into the past, as if the time had passed. */
async function age(key: string, seconds: number) {
  await t.sql.query(
    `UPDATE "SignInThrottle" SET "lastFailureAt" = "lastFailureAt" - make_interval(secs => $2) WHERE key = $1`,
    [key, seconds],
  );
}

describe("authenticateThrottled", () => {
  it("refuses the right password after 5 quick failures, without checking it", async () => {
    const email = await createUser();
    for (let i = 0; i < 5; i++) expect(await attempt(email, "wrong", from("198.51.100.1"))).toBe("wrong");
    expect(await attempt(email, PASSWORD, from("198.51.100.1"))).toEqual({ retryAfterSeconds: 1, locked: false });
  });

  it("counts per account across addresses, and fifty parallel attempts get no more than five", async () => {
    const email = await createUser();
    // All at the same instant: however long the run takes, no delay has passed in between.
    const instant = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempt(email, "wrong", from(`198.51.100.${i + 10}`), instant)),
    );
    expect(outcomes.filter((outcome) => outcome === "wrong")).toHaveLength(5);
    expect(await attempt(email, PASSWORD, from("198.51.100.99"), instant)).toMatchObject({ locked: false });
  });

  it("locks the account for 15 minutes after 20 failures, and the lock ends", async () => {
    const email = await createUser();
    const key = `account:${email}`;
    for (let i = 0; i < 20; i++) {
      expect(await attempt(email, "wrong", from(`203.0.113.${i}`))).toBe("wrong");
      await age(key, 120); // waits out each delay
    }
    await age(key, -120);
    expect(await attempt(email, PASSWORD, from("203.0.113.200"))).toEqual({ retryAfterSeconds: 900, locked: true });
    await age(key, 900);
    expect(await attempt(email, PASSWORD, from("203.0.113.200"))).toBe("ok");
  });

  it("lets a known device in while the account is locked, with its own count", async () => {
    const email = await createUser();
    const device = signKnownDevice(secret, newDeviceId(), email);
    await t.db.signInThrottle.create({ data: { key: `account:${email}`, failures: 20, lastFailureAt: new Date() } });
    expect(await attempt(email, PASSWORD, from("198.51.100.1"))).toMatchObject({ locked: true });
    expect(await attempt(email, PASSWORD, from("198.51.100.1", device))).toBe("ok");
    // Its own failures still count: a stolen device cookie is throttled too.
    for (let i = 0; i < 5; i++) expect(await attempt(email, "wrong", from("198.51.100.1", device))).toBe("wrong");
    expect(await attempt(email, PASSWORD, from("198.51.100.1", device))).toMatchObject({ locked: false });
    // A device cookie of another account does not help.
    const other = signKnownDevice(secret, newDeviceId(), "someone@else.test");
    expect(await attempt(email, PASSWORD, from("198.51.100.1", other))).toMatchObject({ locked: true });
  });

  it("counts per address across accounts", async () => {
    // One failure on each of 20 accounts (none of them throttled on its own) from one address.
    const emails = await Promise.all(Array.from({ length: 20 }, () => createUser()));
    for (const email of emails) expect(await attempt(email, "wrong", from("192.0.2.7"))).toBe("wrong");
    const first = emails[0] as string;
    expect(await attempt(first, PASSWORD, from("192.0.2.7"))).toMatchObject({ locked: false });
    expect(await attempt(first, PASSWORD, from("192.0.2.8"))).toBe("ok");
  });

  it("starts the account's count over on success, and gives the address its attempt back", async () => {
    const email = await createUser();
    for (let i = 0; i < 4; i++) await attempt(email, "wrong", from("192.0.2.50"));
    expect(await attempt(email, PASSWORD, from("192.0.2.50"))).toBe("ok");
    expect(await t.db.signInThrottle.findUnique({ where: { key: `account:${email}` } })).toBeNull();
    expect((await t.db.signInThrottle.findUniqueOrThrow({ where: { key: "ip:192.0.2.50" } })).failures).toBe(4);
  });
});

describe("chargeSignInAttempt", () => {
  it("charges nothing when a key refuses", async () => {
    const now = new Date();
    await t.db.signInThrottle.create({ data: { key: "account:busy@acme.test", failures: 7, lastFailureAt: now } });
    const decision = await chargeSignInAttempt(
      [
        { key: "account:busy@acme.test", policy: ACCOUNT_POLICY },
        { key: "ip:192.0.2.99", policy: ACCOUNT_POLICY },
      ],
      now,
    );
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 4, locked: false });
    expect((await t.db.signInThrottle.findUniqueOrThrow({ where: { key: "account:busy@acme.test" } })).failures).toBe(
      7,
    );
    expect((await t.db.signInThrottle.findUniqueOrThrow({ where: { key: "ip:192.0.2.99" } })).failures).toBe(0);
  });
});
