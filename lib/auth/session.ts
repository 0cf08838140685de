// Resolves the caller of a request or page to a Principal, re-checking the database each time:
// a disabled user, a bumped session version or a revoked token stops working on the next request.
import "server-only";
import { getToken } from "next-auth/jwt";
import { getServerSession } from "next-auth";
import type { NextRequest } from "next/server";
import { getUser } from "@/lib/db/users";
import { findActiveToken } from "@/lib/db/tokens";
import { env, sessionSecret } from "@/lib/env";
import { touchSession } from "@/lib/db/sessions";
import { authOptions } from "./options";
import { TOKEN_PREFIX } from "@/lib/secrets/hashes";
import type { Principal } from "./principal";

async function userPrincipal(
  userId: string | undefined,
  sessionVersion: unknown,
  sessionId: unknown,
): Promise<Principal | null> {
  if (!userId || typeof sessionId !== "string" || !sessionId) return null;
  const user = await getUser(userId);
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  // Signed out, or idle past the timeout: the cookie may still verify, the session is over. A
  // directory user's session also ends LINEWATCH_DIRECTORY_RECHECK_MINUTES after sign-in, so a
  // removed group takes their access within that time (the next sign-in reads the groups again).
  const maxAgeMs = user.authSource === "local" ? undefined : env().directoryRecheckMs;
  if (!(await touchSession(sessionId, user.id, env().sessionIdleMs, new Date(), maxAgeMs))) return null;
  return { kind: "user", id: user.id, name: user.name, email: user.email, role: user.role };
}

export type Credential = "token" | "cookie" | "none";

/** For API route handlers: a Bearer token first, else the session cookie. */
export async function principalFromRequest(
  request: NextRequest,
): Promise<{ principal: Principal | null; credential: Credential }> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) return { principal: null, credential: "token" };
    const token = await findActiveToken(match[1]!);
    return {
      principal: token ? { kind: "token", id: token.id, name: token.name, email: null, role: token.role } : null,
      credential: "token",
    };
  }
  const jwt = await getToken({ req: request, secret: sessionSecret() });
  if (!jwt) return { principal: null, credential: "none" };
  return { principal: await userPrincipal(jwt.sub, jwt.sv, jwt.sid), credential: "cookie" };
}

/** For server components and server actions. */
export async function currentUser(): Promise<Principal | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; sv?: number; sid?: string } | undefined;
  return userPrincipal(user?.id, user?.sv, user?.sid);
}
