// The per-response security headers the proxy sets (proxy.ts): a CSP whose scripts need this
// request's nonce (no 'unsafe-inline' for scripts), and HSTS when Linewatch is served over https.
import { AppError } from "@/lib/errors";

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * 'strict-dynamic' lets the nonced bootstrap load Next's chunks. Styles keep 'unsafe-inline':
 * React sets style attributes, and styles cannot run code. Dev needs eval for fast refresh.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Only over https: a browser that saw it refuses plain http to this host for a year. */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith("https://") ? "max-age=31536000" : null;
}

/** A path Next.js could not decode (`%ff%fe`) answers 400 with the envelope, not a plain-text 500. */
export function undecodablePath(pathname: string): AppError | null {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return null;
  } catch {
    return new AppError("invalid_request", "The request path is not valid UTF-8 percent-encoding.");
  }
}
