// next-auth 4 answers a callbackUrl it cannot parse with a 500 (INVALID_CALLBACK_URL_ERROR), and
// one for another origin is only caught later. Linewatch never sends people elsewhere: anything
// but a path on this site is dropped before next-auth sees it, so the sign-in page answers.
import { NextRequest } from "next/server";

/** The callbackUrl as a same-site path, or null when it is absent, foreign or malformed. */
export function safeCallbackUrl(raw: string | null, base: string): string | null {
  if (raw === null || raw === "") return null;
  try {
    const origin = new URL(base).origin;
    const url = new URL(raw, origin);
    if (url.origin !== origin) return null;
    return url.pathname.startsWith("//") ? null : `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** The request with its callbackUrl (query and form body) made safe; unchanged when it was. */
export async function withSafeCallbackUrl(request: Request, base: string): Promise<Request> {
  const url = new URL(request.url);
  let changed = false;
  const fix = (params: URLSearchParams) => {
    if (!params.has("callbackUrl")) return;
    const safe = safeCallbackUrl(params.get("callbackUrl"), base);
    if (safe === params.get("callbackUrl")) return;
    changed = true;
    if (safe === null) params.delete("callbackUrl");
    else params.set("callbackUrl", safe);
  };
  fix(url.searchParams);
  let body: string | undefined;
  if (
    request.method === "POST" &&
    /application\/x-www-form-urlencoded/i.test(request.headers.get("content-type") ?? "")
  ) {
    const form = new URLSearchParams(await request.text());
    fix(form);
    body = form.toString();
  }
  if (!changed && body === undefined) return request;
  // next-auth's app-router handler reads nextUrl, so the copy is a NextRequest; the body changed length.
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new NextRequest(url, { method: request.method, headers, body });
}
