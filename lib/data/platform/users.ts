import "server-only";
import type { Actor } from "@/lib/auth/authz";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { newPasswordProblem } from "@/lib/auth/password-policy";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { unstorableTextMessage } from "@/lib/segments/engine/storable-text";
import { revokeOtherUserSessions } from "../auth/user-sessions";

/** A user as the app sees it: never the password hash. */
export type UserDto = {
  id: string;
  companyId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
};

/** Emails are stored lower-case, so every lookup lower-cases its input the same way. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const userSelect = { id: true, companyId: true, email: true, name: true, role: true, createdAt: true } as const;

/**
 * Sign-in lookup by email. Not company-scoped on purpose: emails are unique across the
 * platform and the company is what we are trying to learn. Use only for authentication.
 */
export async function findUserByEmail(email: string): Promise<UserDto | null> {
  const normalized = normalizeEmail(email);
  if (!normalized || unstorableTextMessage(normalized)) return null;
  const db = await getDb();
  return db.user.findUnique({ where: { email: normalized }, select: userSelect });
}

// An unknown email still costs one scrypt, so response time does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;
function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
}

/**
 * The signed-in user as they are now (a session token may outlive a deleted user or a
 * changed role). Not company-scoped: for resolving the session only.
 */
export async function getActorByUserId(userId: string): Promise<Actor | null> {
  if (!isUuid(userId)) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: userSelect });
  return user ? toActor(user) : null;
}

function toActor(user: UserDto): Actor {
  return { userId: user.id, email: user.email, name: user.name, role: user.role, companyId: user.companyId };
}

/** The credential check behind sign-in: the actor for a right email + password, else null. */
export async function authenticate(email: string, password: string): Promise<Actor | null> {
  const normalized = normalizeEmail(email);
  if (!normalized || !password) return null;
  const db = await getDb();
  // No user has an email PostgreSQL cannot store (a NUL sent to the sign-in endpoint): nobody, not a 500.
  const user = unstorableTextMessage(normalized)
    ? null
    : await db.user.findUnique({ where: { email: normalized }, select: { ...userSelect, passwordHash: true } });
  if (!user) {
    await verifyPassword(password, await timingDummyHash());
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return toActor(user);
}

export type ChangePasswordResult =
  | { ok: true; endedSessions: number }
  | { ok: false; field: "currentPassword" | "newPassword"; message: string };

/**
 * A user changes their own password: the current one must be right, the new one must pass
 * the policy. Every other session of the user ends (a stolen token dies with the old
 * password); `keepSessionId`, the session making the change, stays signed in.
 */
export async function changePassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
): Promise<ChangePasswordResult> {
  if (!isUuid(userId)) return { ok: false, field: "currentPassword", message: "Sign in again" };
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    return { ok: false, field: "currentPassword", message: "The current password is not right" };
  }
  const problem = newPasswordProblem(input.newPassword, { email: user.email, currentPassword: input.currentPassword });
  if (problem) return { ok: false, field: "newPassword", message: problem };
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  return { ok: true, endedSessions: await revokeOtherUserSessions(userId, keepSessionId) };
}
