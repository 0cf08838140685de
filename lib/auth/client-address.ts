// The caller's address (throttling, audit) and the public origin (same-origin checks). Next.js only
// adds X-Forwarded-* when a request lacks them, so any client could write them: the HTTP server
// stamps the socket's address into PEER_HEADER (lib/server/peer-stamp.ts) and forwarded headers
// count only with LINEWATCH_TRUST_PROXY=true and only as far as the hops are trusted proxies.
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

/** Set from the socket by the server on every request, overwriting whatever a client sent. */
export const PEER_HEADER = "x-linewatch-peer";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function reader(headers: HeaderSource) {
  return (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : (v ?? null);
  };
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one caller; a bracketed or ported form is not an address. */
export function normaliseAddress(raw: string): string {
  const trimmed = raw.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed.toLowerCase();
}

let cachedList: { source: string[]; list: BlockList } | undefined;

export function isTrustedProxy(address: string, proxies: string[] = env().trustedProxies): boolean {
  if (cachedList?.source !== proxies) {
    const list = new BlockList();
    for (const entry of proxies) {
      const [ip, bits] = entry.split("/") as [string, string | undefined];
      const type = isIP(ip) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(normaliseAddress(ip), type);
      else list.addSubnet(normaliseAddress(ip), Number(bits), type);
    }
    cachedList = { source: proxies, list };
  }
  const normal = normaliseAddress(address);
  const family = isIP(normal);
  return family !== 0 && cachedList.list.check(normal, family === 6 ? "ipv6" : "ipv4");
}

/** True when the request's X-Forwarded-* headers were written by a proxy we trust. */
export function forwardedTrusted(
  peer: string | null,
  config: { trustProxy: boolean; trustedProxies: string[] } = env(),
): boolean {
  return config.trustProxy && peer !== null && isTrustedProxy(peer, config.trustedProxies);
}

export function clientAddress(
  headers: HeaderSource,
  config: { trustProxy: boolean; trustedProxies: string[] } = env(),
): string {
  const get = reader(headers);
  const forwarded = (get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(normaliseAddress);
  // Without the server's stamp (route tests, a bare handler) Next's own appended entry is the peer.
  const peer = get(PEER_HEADER) ?? forwarded.at(-1) ?? null;
  if (!peer) return "unknown";
  if (!forwardedTrusted(peer, config)) return normaliseAddress(peer);
  // Walk back from the proxy nearest us: the first hop that is not one of ours is the client.
  const chain = [...forwarded, normaliseAddress(peer)];
  for (let i = chain.length - 1; i >= 0; i--) if (!isTrustedProxy(chain[i]!, config.trustedProxies)) return chain[i]!;
  return chain[0]!;
}

/** The origin browsers must send for a same-origin write: the public URL's, else this request's own. */
export function expectedOrigin(
  headers: HeaderSource,
  requestUrl: URL,
  config: { trustProxy: boolean; trustedProxies: string[]; nextAuthUrl?: string } = env(),
): string {
  if (config.nextAuthUrl) return new URL(config.nextAuthUrl).origin;
  const get = reader(headers);
  const trusted = forwardedTrusted(get(PEER_HEADER), config);
  const host = (trusted ? get("x-forwarded-host")?.split(",")[0]?.trim() : null) || get("host") || requestUrl.host;
  const proto =
    (trusted ? get("x-forwarded-proto")?.split(",")[0]?.trim() : null) || requestUrl.protocol.replace(":", "");
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return "null";
  }
}
