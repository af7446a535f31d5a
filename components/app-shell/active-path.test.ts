import { describe, expect, it } from "vitest";
import { isActivePath } from "./active-path";

describe("isActivePath", () => {
  it("highlights a section on its list and on the pages below it", () => {
    expect(isActivePath("/segments", "/segments")).toBe(true);
    expect(isActivePath("/segments/4f1c/edit", "/segments")).toBe(true);
  });

  it("does not highlight a section for a path that only starts with the same letters", () => {
    expect(isActivePath("/segments-archive", "/segments")).toBe(false);
    expect(isActivePath("/contacts", "/segments")).toBe(false);
    expect(isActivePath("/", "/contacts")).toBe(false);
  });
});
