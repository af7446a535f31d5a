import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import { auth, PATHNAME_HEADER } from "@/lib/auth";
import type { Actor } from "@/lib/authz";
import { COMPANY_COOKIE, resolveCompanyScope } from "@/lib/company-scope";
import { getActorByUserId } from "@/lib/data/users";
import { isUuid } from "@/lib/errors";

/** The user id in a session token; a malformed token counts as signed out. */
function userIdFromSession(session: Session | null): string | null {
  const id = session?.user?.id;
  return isUuid(id) ? id : null;
}

/**
 * The signed-in user, or null. The token says who they are; their role, company and name
 * are read fresh from the database, so a deleted user or a changed role takes effect at
 * once rather than when the token expires. Cached per request: layouts and pages may all ask.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const userId = userIdFromSession(await auth());
  return userId ? getActorByUserId(userId) : null;
});

/** The actor, or a redirect to /login that brings them back here afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const here = (await headers()).get(PATHNAME_HEADER);
  redirect(here && here !== "/" ? `/login?callbackUrl=${encodeURIComponent(here)}` : "/login");
}

/**
 * The company this request works in: a member's own company; an admin's chosen company
 * (cookie set by the switcher, validated) or their home company.
 */
export const requireCompanyScope = cache(async (): Promise<{ actor: Actor; companyId: string }> => {
  return scopeOf(await requireActor());
});

/** The same for route handlers, which answer 401 rather than redirect: null when signed out. */
export async function getCompanyScope(): Promise<{ actor: Actor; companyId: string } | null> {
  const actor = await getActor();
  return actor ? scopeOf(actor) : null;
}

async function scopeOf(actor: Actor): Promise<{ actor: Actor; companyId: string }> {
  const requested = actor.role === "ADMIN" ? (await cookies()).get(COMPANY_COOKIE)?.value : undefined;
  return { actor, companyId: await resolveCompanyScope(actor, requested) };
}
