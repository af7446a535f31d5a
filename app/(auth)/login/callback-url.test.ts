import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_LOGIN, safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackUrl("/segments/abc?tab=members")).toBe("/segments/abc?tab=members");
  });

  it("falls back to the default when nothing usable was given", () => {
    expect(safeCallbackUrl(undefined)).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackUrl("")).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackUrl(["/segments"])).toBe(DEFAULT_AFTER_LOGIN);
  });

  it("never leaves the site", () => {
    for (const evil of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "/%2F%2Fevil.example",
    ]) {
      const target = safeCallbackUrl(evil);
      expect(new URL(target, "http://segments.test").origin, evil).toBe("http://segments.test");
    }
    expect(safeCallbackUrl("https://evil.example/")).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackUrl("//evil.example/x")).toBe(DEFAULT_AFTER_LOGIN);
  });

  it("does not send a user back to the sign-in page or to an API route", () => {
    expect(safeCallbackUrl("/login?callbackUrl=/login")).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackUrl("/api/auth/signout")).toBe(DEFAULT_AFTER_LOGIN);
    expect(safeCallbackUrl("/")).toBe(DEFAULT_AFTER_LOGIN);
  });
});
