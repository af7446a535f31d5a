import "server-only";
import type { Actor } from "@/lib/auth/authz";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-lifetime";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";

/**
 * Revocable sign-ins. Each sign-in gets a UserSession row whose id rides in the session
 * token; a token counts only while its row exists, belongs to its user and has not
 * expired. Deleting rows therefore ends sessions: sign-out, a password change, and the
 * user's removal (the rows cascade with the User). Not company-scoped: these resolve
 * who is signed in, before any company is known.
 */

export async function createUserSession(userId: string, now = new Date()): Promise<string> {
  const db = await getDb();
  // Housekeeping on the way: the user's expired rows open nothing any more.
  await db.userSession.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  const session = await db.userSession.create({
    data: { userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return session.id;
}

/**
 * The actor of a live session, read fresh (role, company, name may have changed since
 * sign-in); null when the session was revoked or expired, the user is gone, or the ids
 * are malformed: fails closed.
 */
export async function getActorBySession(userId: string, sessionId: string, now = new Date()): Promise<Actor | null> {
  if (!isUuid(userId) || !isUuid(sessionId)) return null;
  const db = await getDb();
  const session = await db.userSession.findFirst({
    where: { id: sessionId, userId, expiresAt: { gt: now } },
    select: { user: { select: { id: true, email: true, name: true, role: true, companyId: true } } },
  });
  if (!session) return null;
  const { user } = session;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, companyId: user.companyId };
}

/** Sign-out: this session only. */
export async function revokeUserSession(sessionId: string): Promise<void> {
  if (!isUuid(sessionId)) return;
  const db = await getDb();
  await db.userSession.deleteMany({ where: { id: sessionId } });
}

/** Every session of the user but `keepSessionId` (the one that changed the password); returns how many ended. */
export async function revokeOtherUserSessions(userId: string, keepSessionId: string | null): Promise<number> {
  const db = await getDb();
  const { count } = await db.userSession.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
  return count;
}
