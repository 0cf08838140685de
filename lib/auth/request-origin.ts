// next-auth 4 needs the site's origin. Without NEXTAUTH_URL it falls back to http://localhost:3000
// (so sign-out sends a person browsing to any other address to localhost) and warns at the first
// sign-in. With NEXTAUTH_URL unset, Linewatch has it take each request's own origin instead, as the
// same-origin check does (client-address.ts): safe because the peer stamp (peer-stamp.ts) has
// dropped every X-Forwarded-* header no trusted proxy sent before next-auth reads Host and them.

/**
 * Tells next-auth (its AUTH_TRUST_HOST) to read the origin from each request when no public URL is
 * configured. Called once by the server, after installPeerStamp().
 */
export function nextAuthOriginFromRequests(
  nextAuthUrl: string | undefined,
  processEnv: Record<string, string | undefined> = process.env,
): void {
  if (nextAuthUrl) return;
  processEnv.AUTH_TRUST_HOST = "true";
}
