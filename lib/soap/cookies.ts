// A small cookie jar for session reuse (CUCM's JSESSIONID / JSESSIONIDSSO): cookies are kept per
// origin (scheme, host, port), only under the names the server set, and only ever sent back to
// that same origin. Paths, domains and attributes other than expiry are ignored: each origin is
// one SOAP endpoint here, and a cookie is never widened to another host.

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;
/** RFC 6265 cookie-octets: no control characters, whitespace, quotes, commas, semicolons or backslashes. */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]{0,4096}$/;
const MAX_COOKIES_PER_ORIGIN = 16;
/** An origin that refuses its own fresh session this many times in a row gets credentials only. */
const REFUSALS_BEFORE_GIVING_UP = 2;

export interface CookieJar {
  /** The Cookie header for `url`'s origin, or undefined when nothing is kept for it. */
  header(url: string | URL): string | undefined;
  /** Takes the Set-Cookie headers of a reply from `url`. */
  store(url: string | URL, setCookies: readonly string[]): void;
  /** Forgets what is kept for `url`'s origin (after a 401). */
  clear(url: string | URL): void;
  /** The origin answered a request sent with its cookies: 401 (`false`) or not. A server that never takes them back is not sent them again. */
  outcome(url: string | URL, accepted: boolean): void;
  /** Cookie names kept for the origin (tests). */
  names(url: string | URL): string[];
}

const originOf = (url: string | URL): string => (typeof url === "string" ? new URL(url) : url).origin.toLowerCase();

/** name and value of one Set-Cookie header, and whether it deletes the cookie; undefined when malformed. */
export function parseSetCookie(
  header: string,
  now: number,
): { name: string; value: string; expired: boolean } | undefined {
  const [pair = "", ...attributes] = header.split(";");
  const equals = pair.indexOf("=");
  if (equals <= 0) return undefined;
  const name = pair.slice(0, equals).trim();
  let value = pair.slice(equals + 1).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  if (!COOKIE_NAME.test(name) || !COOKIE_VALUE.test(value)) return undefined;
  let expired = false;
  for (const attribute of attributes) {
    const [key = "", ...rest] = attribute.split("=");
    const text = rest.join("=").trim();
    if (/^\s*max-age\s*$/i.test(key)) expired ||= Number(text) <= 0;
    else if (/^\s*expires\s*$/i.test(key)) {
      const at = Date.parse(text);
      expired ||= Number.isFinite(at) && at <= now;
    }
  }
  return { name, value, expired };
}

export function createCookieJar(options: { clock?: () => number } = {}): CookieJar {
  const clock = options.clock ?? Date.now;
  const byOrigin = new Map<string, Map<string, string>>();
  const refusals = new Map<string, number>();
  return {
    header(url) {
      if ((refusals.get(originOf(url)) ?? 0) >= REFUSALS_BEFORE_GIVING_UP) return undefined;
      const cookies = byOrigin.get(originOf(url));
      if (!cookies || cookies.size === 0) return undefined;
      return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    },
    store(url, setCookies) {
      const origin = originOf(url);
      for (const header of setCookies) {
        const cookie = parseSetCookie(header, clock());
        if (!cookie) continue;
        const cookies = byOrigin.get(origin) ?? new Map<string, string>();
        if (cookie.expired) cookies.delete(cookie.name);
        else if (cookies.has(cookie.name) || cookies.size < MAX_COOKIES_PER_ORIGIN)
          cookies.set(cookie.name, cookie.value);
        byOrigin.set(origin, cookies);
      }
    },
    clear(url) {
      byOrigin.delete(originOf(url));
    },
    outcome(url, accepted) {
      const origin = originOf(url);
      refusals.set(origin, accepted ? 0 : (refusals.get(origin) ?? 0) + 1);
    },
    names(url) {
      return [...(byOrigin.get(originOf(url))?.keys() ?? [])];
    },
  };
}
