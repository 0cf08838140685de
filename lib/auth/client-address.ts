// The caller's address for throttling and audit. Behind a proxy (LINEWATCH_TRUST_PROXY=true) the
// first X-Forwarded-For entry; otherwise the last one, which Next's own server appends.
import { env } from "@/lib/env";

export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name);
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : (v ?? null);
  };
  const forwarded = (get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chosen = env().trustProxy ? forwarded[0] : forwarded[forwarded.length - 1];
  return chosen || get("x-real-ip") || "unknown";
}
