// Next.js 16 proxy (formerly middleware): security headers for every response and a fresh CSP
// nonce per page request. It only sets headers and refuses undecodable API paths; every guard
// lives in the layouts and the route wrapper (never trust this file to protect anything).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce, strictTransportSecurity, undecodablePath } from "@/lib/auth/security-headers";
import { errorResponse } from "@/lib/api/envelope";

export function proxy(request: NextRequest) {
  const hsts = strictTransportSecurity(env().nextAuthUrl);
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    const bad = undecodablePath(pathname);
    const response = bad ? errorResponse(bad, crypto.randomUUID()) : NextResponse.next();
    if (hsts) response.headers.set("strict-transport-security", hsts);
    return response;
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Static assets carry no inline script; skipping them keeps the proxy off the hot path.
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.svg|icon-192.png|apple-touch-icon.png|manifest.webmanifest).*)" },
  ],
};
