import { ForbiddenError } from "../errors";

/**
 * Who may do what. Pure: the signed-in user's facts in, a decision out; fails closed.
 * A MEMBER works inside their own company only; a platform ADMIN works in every company.
 */
export type Role = "ADMIN" | "MEMBER";

export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** The user's home company. */
  companyId: string;
};

export type Permission =
  | "contacts:read"
  | "contacts:write"
  | "segments:read"
  | "segments:write"
  | "campaigns:read"
  | "campaigns:write"
  | "settings:read"
  | "settings:write"
  | "apiKeys:manage"
  | "companies:list";

const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  ADMIN: new Set<Permission>([
    "contacts:read",
    "contacts:write",
    "segments:read",
    "segments:write",
    "campaigns:read",
    "campaigns:write",
    "settings:read",
    "settings:write",
    "apiKeys:manage",
    "companies:list",
  ]),
  MEMBER: new Set<Permission>([
    "contacts:read",
    "contacts:write",
    "segments:read",
    "segments:write",
    "campaigns:read",
    "campaigns:write",
    "settings:read",
    "settings:write",
    "apiKeys:manage",
  ]),
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return PERMISSIONS[actor.role]?.has(permission) ?? false;
}

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** May this actor act inside this company at all? */
export function canAccessCompany(actor: Actor, companyId: string): boolean {
  return actor.role === "ADMIN" || actor.companyId === companyId;
}

/**
 * The company an action works in. A member always gets their own company, whatever they
 * asked for; an admin gets the company they chose (or their home company).
 */
export function companyScope(actor: Actor, requestedCompanyId?: string | null): string {
  if (actor.role === "ADMIN" && requestedCompanyId) return requestedCompanyId;
  return actor.companyId;
}

/** Throws unless the actor holds the permission in that company. */
export function authorize(actor: Actor, permission: Permission, companyId: string): void {
  if (!hasPermission(actor, permission) || !canAccessCompany(actor, companyId)) {
    throw new ForbiddenError();
  }
}
