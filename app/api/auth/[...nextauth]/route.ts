import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { withSafeCallbackUrl } from "@/lib/auth/callback-url";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Options are built per request so the secret is read after start-up, not at build time.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const safe = await withSafeCallbackUrl(request, env().nextAuthUrl ?? request.url);
  try {
    return await NextAuth(safe as never, { params: await context.params } as never, authOptions(safe));
  } catch (error) {
    // Whatever next-auth could not handle, the person gets the sign-in page, not a bare 500.
    log.warn("sign-in request refused", { error: error instanceof Error ? error.message : String(error) });
    return NextResponse.redirect(new URL("/signin", env().nextAuthUrl ?? request.url), 303);
  }
}

export { handler as GET, handler as POST };
