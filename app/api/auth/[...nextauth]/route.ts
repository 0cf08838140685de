import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Options are built per request so the secret is read after start-up, not at build time.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, { params: await context.params } as never, authOptions());
}

export { handler as GET, handler as POST };
