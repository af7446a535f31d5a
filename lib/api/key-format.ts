import { createHash, randomBytes } from "node:crypto";

/**
 * What an API key looks like: `seg_live_` and 40 base62 characters (~238 bits of
 * randomness). Only its sha256 and a short display prefix are stored; the key itself is
 * shown once.
 */
export const API_KEY_PREFIX = "seg_live_";
export const API_KEY_RANDOM_LENGTH = 40;
/** A well-formed key; anything else is rejected before the database is asked. */
export const API_KEY_PATTERN = /^seg_live_[0-9A-Za-z]{32,128}$/;
/** How many characters of the key Settings shows to tell keys apart (the prefix and 6 more). */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 6;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Uniform base62 characters: bytes ≥ 248 are dropped so every character is equally likely. */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBase62(API_KEY_RANDOM_LENGTH);
}

export function isWellFormedApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

/** sha256 in hex: keys carry enough randomness that a slow password hash buys nothing. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_DISPLAY_LENGTH);
}
