// next-auth 4: email + password (credentials provider, with LDAP behind it when configured) and
// OpenID Connect, with JWT sessions. The JWT carries only the user id, session version and
// server-side session id (lib/db/sessions.ts); role, enabled state and whether the session was
// signed out, went idle or (directory users) is due a re-check are re-read on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, sessionSecret } from "@/lib/env";
import { checkSignIn, SignInRefused, type SignedIn } from "./sign-in";
import { clientAddress } from "./client-address";
import { endSession } from "@/lib/db/sessions";
import { OIDC_PROVIDER_ID, oidcProvider, type OidcPerson } from "./oidc";
import { signInDirectoryPerson } from "./directory-sign-in";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** The session fields the JWT callback copies; set on next-auth's user object at sign-in. */
const sessionFields = (user: SignedIn) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  sessionVersion: user.sessionVersion,
  sessionId: user.sessionId,
});

/** `request`: the sign-in request, for the client address an OIDC sign-in is audited with. */
export function authOptions(request?: { headers: Headers }): NextAuthOptions {
  const oidc = env().oidc;
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
          try {
            const user = await checkSignIn(
              email,
              password,
              clientAddress((req?.headers ?? {}) as Record<string, string>),
            );
            return user ? sessionFields(user) : null;
          } catch (error) {
            // next-auth hands a thrown message to the form as its error code; only ours get through.
            if (error instanceof SignInRefused) throw new Error(error.code);
            throw error;
          }
        },
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      // OIDC: the provider has checked who this is; the role rules decide whether they get in.
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const person = user as unknown as OidcPerson;
        const result = await signInDirectoryPerson(
          { source: "oidc", externalId: person.id, email: person.email, name: person.name, groups: person.groups },
          request ? clientAddress(request.headers) : null,
        );
        if ("refused" in result) return `/signin?error=${result.refused}`;
        // next-auth passes this same object to the jwt callback below.
        Object.assign(user, sessionFields(result.user));
        return true;
      },
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
