// next-auth 4: email + password (credentials provider) with JWT sessions. The JWT carries only
// the user id, session version and server-side session id (lib/db/sessions.ts); role, enabled
// state and whether the session was signed out or went idle are re-read on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, sessionSecret } from "@/lib/env";
import { checkSignIn } from "./sign-in";
import { clientAddress } from "./client-address";
import { endSession } from "@/lib/db/sessions";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin", error: "/signin" },
    // Secure cookies whenever Linewatch is served over HTTPS.
    useSecureCookies: env().nextAuthUrl?.startsWith("https://") ?? false,
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          const user = await checkSignIn(
            email,
            password,
            clientAddress((req?.headers ?? {}) as Record<string, string>),
          );
          if (!user) return null;
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            sessionVersion: user.sessionVersion,
            sessionId: user.sessionId,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.sid = (user as { sessionId?: string }).sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          ...session.user,
          id: token.sub ?? "",
          sv: typeof token.sv === "number" ? token.sv : -1,
          sid: typeof token.sid === "string" ? token.sid : "",
        } as typeof session.user;
        return session;
      },
    },
    events: {
      // Sign-out ends the session on the server: a copy of the cookie kept elsewhere dies with it.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}
