import NextAuth, { CredentialsSignin } from "next-auth";
import "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import type { Role } from "@/lib/auth/authz";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-lifetime";

/**
 * next-auth: email + password sign-in, a JWT session carrying who the user is, their role,
 * home company and the id of their UserSession row (lib/data/auth/user-sessions.ts): the row is
 * what makes the token revocable, and every request checks it (lib/auth/session.ts).
 * AUTH_SECRET comes from the environment.
 */
declare module "next-auth" {
  interface User {
    role?: Role;
    companyId?: string;
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    role?: Role;
    companyId?: string;
    sessionId?: string;
  }
}

/** Set by the proxy on app requests: the path asked for, so requireActor's /login redirect can come back to it. */
export const PATHNAME_HEADER = "x-segments-pathname";

const CredentialsInput = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

/** A sign-in refused by the throttle: next-auth passes it through to the login action, which shows the wait. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(
    readonly retryAfterSeconds: number,
    readonly locked: boolean,
  ) {
    super(`Sign-in throttled for ${retryAfterSeconds} s`);
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth's own pages are replaced by /login (it shows a message for ?error=).
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const input = CredentialsInput.safeParse(credentials);
        if (!input.success) return null;
        // Loaded on use: the proxy imports this file only to read the session cookie.
        const { authenticateThrottled, signInContextFrom, ThrottledError } = await import("@/lib/auth/sign-in-guard");
        const context = signInContextFrom(request.headers);
        const actor = await authenticateThrottled(input.data.email, input.data.password, context).catch((error) => {
          if (error instanceof ThrottledError) throw new SignInThrottled(error.retryAfterSeconds, error.locked);
          throw error;
        });
        if (!actor) return null;
        const { createUserSession } = await import("@/lib/data/auth/user-sessions");
        const sessionId = await createUserSession(actor.userId);
        return {
          id: actor.userId,
          email: actor.email,
          name: actor.name,
          role: actor.role,
          companyId: actor.companyId,
          sessionId,
        };
      },
    }),
  ],
  logger: {
    // A wrong password is an expected outcome shown on the form, not a server error to log.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  events: {
    // Signing out ends the session on the server too: the old token stops working at once.
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sessionId : undefined;
      if (!sessionId) return;
      const { revokeUserSession } = await import("@/lib/data/auth/user-sessions");
      await revokeUserSession(sessionId);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      // `user` is present only at sign-in: copy the facts the app needs into the token.
      if (user) {
        token.userId = user.id;
        token.email = user.email;
        token.name = user.name;
        token.role = user.role;
        token.companyId = user.companyId;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.userId && token.role && token.companyId) {
        session.user = {
          ...session.user,
          id: token.userId,
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role,
          companyId: token.companyId,
        };
        session.sessionId = token.sessionId;
      }
      return session;
    },
  },
});
