import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The "known device" cookie, set on a successful sign-in: a random device id and an HMAC
 * tying it to the account's email. A browser that presents it for the email being signed
 * in is counted on its own (per-device) throttle instead of the account-wide one, so an
 * attacker hammering the account cannot lock its owner out of their usual devices.
 */
export const KNOWN_DEVICE_COOKIE = "segments-device";
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** Signed with the session secret (required wherever sign-in works at all). */
export function knownDeviceSecret(): string {
  if (!env.AUTH_SECRET) throw new Error("AUTH_SECRET is not set");
  return env.AUTH_SECRET;
}

function mac(secret: string, deviceId: string, email: string): Buffer {
  return createHmac("sha256", secret).update(`known-device:${deviceId}:${email}`).digest();
}

export function newDeviceId(): string {
  return randomBytes(16).toString("base64url");
}

export function signKnownDevice(secret: string, deviceId: string, email: string): string {
  return `${deviceId}.${mac(secret, deviceId, email).toString("base64url")}`;
}

/** The device id when the cookie is genuine and was issued for this email, else null. */
export function verifyKnownDevice(secret: string, cookie: string | undefined, email: string): string | null {
  const [deviceId, signature, ...rest] = (cookie ?? "").split(".");
  if (!deviceId || !signature || rest.length || !/^[\w-]{16,64}$/.test(deviceId)) return null;
  const expected = mac(secret, deviceId, email);
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}
