import { describe, expect, it } from "vitest";
import { type Actor, authorize, canAccessCompany, companyScope, hasPermission } from "./authz";

const member: Actor = { userId: "u1", email: "m@a.test", name: "M", role: "MEMBER", companyId: "A" };
const admin: Actor = { userId: "u2", email: "a@a.test", name: "A", role: "ADMIN", companyId: "A" };

describe("authz", () => {
  it("keeps a member inside their company whatever they ask for", () => {
    expect(companyScope(member, "B")).toBe("A");
    expect(canAccessCompany(member, "B")).toBe(false);
    expect(() => authorize(member, "segments:read", "B")).toThrow("not allowed");
    expect(() => authorize(member, "segments:read", "A")).not.toThrow();
  });

  it("lets an admin choose any company", () => {
    expect(companyScope(admin, "B")).toBe("B");
    expect(companyScope(admin, null)).toBe("A");
    expect(canAccessCompany(admin, "B")).toBe(true);
    expect(hasPermission(admin, "companies:list")).toBe(true);
    expect(hasPermission(member, "companies:list")).toBe(false);
  });

  it("fails closed for an unknown role", () => {
    const odd = { ...member, role: "OWNER" } as unknown as Actor;
    expect(hasPermission(odd, "contacts:read")).toBe(false);
  });
});
