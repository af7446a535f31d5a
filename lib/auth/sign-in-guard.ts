import "server-only";
import type { Actor } from "@/lib/auth/authz";
import { KNOWN_DEVICE_COOKIE, knownDeviceSecret, verifyKnownDevice } from "@/lib/auth/known-device";
import { ACCOUNT_POLICY, ADDRESS_POLICY, clientAddress } from "@/lib/auth/sign-in-throttle";
import { chargeSignInAttempt, recordSignInSuccess, type ThrottleKey } from "@/lib/data/auth/sign-in-throttle";
import { authenticate, normalizeEmail } from "@/lib/data/platform/users";
import { env } from "@/lib/env";

/**
 * The password check behind every sign-in (the login form and next-auth's own callback
 * route both reach it through `authorize`), throttled per account, per address and per
 * known device (lib/auth/sign-in-throttle.ts).
 */

/** A refused attempt (lib/auth/next-auth.ts hands it to next-auth as a SignInThrottled). */
export class ThrottledError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly locked: boolean,
  ) {
    super(`Sign-in throttled for ${retryAfterSeconds} s`);
    this.name = "ThrottledError";
  }
}

export type SignInContext = {
  /** The request's X-Forwarded-For as Next passes it on. */
  forwardedFor: string | null;
  /** The known-device cookie's value, if the browser sent one. */
  knownDeviceCookie: string | undefined;
  secret: string;
  trustedProxyHops: number;
};

/**
 * The keys an attempt counts on. A browser that signed in to this account before (a
 * genuine known-device cookie) counts on its own key only: an attacker's failures on the
 * account or from a shared address do not lock it out. Anyone else counts on the account
 * and on their address.
 */
export function throttleKeysFor(email: string, context: SignInContext): ThrottleKey[] {
  const account = normalizeEmail(email);
  const deviceId = verifyKnownDevice(context.secret, context.knownDeviceCookie, account);
  if (deviceId) return [{ key: `device:${deviceId}`, policy: ACCOUNT_POLICY }];
  return [
    { key: `account:${account}`, policy: ACCOUNT_POLICY },
    { key: `ip:${clientAddress(context.forwardedFor, context.trustedProxyHops)}`, policy: ADDRESS_POLICY },
  ];
}

/** The actor for a right email + password, null for a wrong one; throws ThrottledError when the attempt must wait. */
export async function authenticateThrottled(
  email: string,
  password: string,
  context: SignInContext,
  now = new Date(),
): Promise<Actor | null> {
  const keys = throttleKeysFor(email, context);
  const decision = await chargeSignInAttempt(keys, now);
  if (!decision.allowed) throw new ThrottledError(decision.retryAfterSeconds, decision.locked);
  const actor = await authenticate(email, password);
  if (actor) {
    const names = keys.map(({ key }) => key);
    await recordSignInSuccess({
      reset: names.filter((key) => !key.startsWith("ip:")),
      refund: names.filter((key) => key.startsWith("ip:")),
    });
  }
  return actor;
}

/** Reads the context from a request's headers (authorize gets a Request rebuilt from the original's headers). */
export function signInContextFrom(
  headers: Headers,
  secret = knownDeviceSecret(),
  trustedProxyHops = env.TRUSTED_PROXY_HOPS,
): SignInContext {
  const cookie = headers.get("cookie") ?? "";
  const match = cookie.split(";").find((part) => part.trim().startsWith(`${KNOWN_DEVICE_COOKIE}=`));
  return {
    forwardedFor: headers.get("x-forwarded-for"),
    knownDeviceCookie: match ? decodeURIComponent(match.trim().slice(KNOWN_DEVICE_COOKIE.length + 1)) : undefined,
    secret,
    trustedProxyHops,
  };
}
