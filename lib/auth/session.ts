import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import type { Actor } from "@/lib/auth/authz";
import { COMPANY_COOKIE, resolveCompanyScope } from "@/lib/auth/company-scope";
import { auth, PATHNAME_HEADER } from "@/lib/auth/next-auth";
import { getActorBySession } from "@/lib/data/auth/user-sessions";
import { isUuid } from "@/lib/errors";

/** The user and session ids in a session token; a malformed token (or one from before sessions were revocable) counts as signed out. */
function idsFromSession(session: Session | null): { userId: string; sessionId: string } | null {
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  return isUuid(userId) && isUuid(sessionId) ? { userId, sessionId } : null;
}

/**
 * The signed-in user, or null. The token says who they are and which UserSession it is;
 * the session must still exist (sign-out, a password change or the user's removal delete
 * it) and the role, company and name are read fresh, so all of these take effect at once
 * rather than when the token expires. Cached per request: layouts and pages may all ask.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const ids = idsFromSession(await auth());
  return ids ? getActorBySession(ids.userId, ids.sessionId) : null;
});

/** The id of the signed-in session (for a password change, which keeps only this one). */
export async function getSessionId(): Promise<string | null> {
  return idsFromSession(await auth())?.sessionId ?? null;
}

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
