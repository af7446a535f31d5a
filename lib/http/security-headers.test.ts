import { describe, expect, it } from "vitest";
import { isHttps, newNonce, pageContentSecurityPolicy } from "./security-headers";

describe("pageContentSecurityPolicy", () => {
  it("allows scripts by nonce only, forbids framing, plugins and foreign forms", () => {
    const policy = pageContentSecurityPolicy("abc123", false);
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
    ]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toContain("unsafe-eval");
    expect(pageContentSecurityPolicy("abc123", true)).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is fresh base64 each time", () => {
    const nonces = new Set(Array.from({ length: 20 }, () => newNonce()));
    expect(nonces.size).toBe(20);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("isHttps", () => {
  it("reads the URL or the forwarding proxy's word", () => {
    expect(isHttps(new URL("https://app.test/"), new Headers())).toBe(true);
    expect(isHttps(new URL("http://app.test/"), new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps(new URL("http://app.test/"), new Headers())).toBe(false);
  });
});
