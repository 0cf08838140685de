// Limits for the expensive routes, in one table the route wrapper enforces: actions that reach
// devices (poll now, refresh, tests, key-phone reads) run at most once per interval per target
// whoever clicks, and full exports (format=csv) a few times a minute per caller. A refusal is
// 429 with Retry-After. In-process: each instance limits what it sends itself.
import { AppError } from "@/lib/errors";
import type { RouteContract } from "./contract";

export type RouteLimit =
  /** Once per interval for the same target (path parameters), whoever asks. */
  | { kind: "per-target"; intervalMs: number }
  /** At most `max` per window for one caller, when `applies` says the request is the heavy kind. */
  | { kind: "per-caller"; max: number; windowMs: number; applies?: (query: unknown) => boolean };

const csvOnly = (query: unknown) => (query as { format?: string } | undefined)?.format === "csv";
const exports: RouteLimit = { kind: "per-caller", max: 6, windowMs: 60_000, applies: csvOnly };
const deviceAction: RouteLimit = { kind: "per-target", intervalMs: 5_000 };

/** "METHOD /path" as in the contracts. lib/api/limits.test.ts checks every heavy route is here. */
export const routeLimits: Record<string, RouteLimit> = {
  "GET /phones": exports,
  "GET /extensions": exports,
  "GET /cti-apps": exports,
  "GET /audit": exports,
  "POST /sources/{id}/poll": deviceAction,
  "POST /phones/{name}/refresh": deviceAction,
  "POST /sources/{id}/test": deviceAction,
  "POST /sources/test": { kind: "per-caller", max: 10, windowMs: 60_000 },
  "POST /alert-channels/{id}/test": deviceAction,
  "GET /sources/{id}/key-phones": { kind: "per-caller", max: 30, windowMs: 60_000 },
  "GET /sources/{id}/cme-users/{userId}": { kind: "per-caller", max: 30, windowMs: 60_000 },
};

export const limitOf = (contract: Pick<RouteContract, "method" | "path">): RouteLimit | undefined =>
  routeLimits[`${contract.method} ${contract.path}`];

export class RouteLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws 429 when the request is over its route's limit; otherwise counts it. */
  admit(contract: Pick<RouteContract, "method" | "path">, callerId: string, params: unknown, query: unknown): void {
    const limit = limitOf(contract);
    if (!limit || (limit.kind === "per-caller" && limit.applies && !limit.applies(query))) return;
    const now = this.now();
    const route = `${contract.method} ${contract.path}`;
    const [key, max, windowMs] =
      limit.kind === "per-target"
        ? [`${route} ${JSON.stringify(params ?? {})}`, 1, limit.intervalMs]
        : [`${route} ${callerId}`, limit.max, limit.windowMs];
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= max) {
      const seconds = Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
      throw new AppError(
        "rate_limited",
        limit.kind === "per-target"
          ? `This was just done: try again in ${seconds} s.`
          : `Too many of these requests: try again in ${seconds} s.`,
        { headers: { "retry-after": String(seconds) } },
      );
    }
    recent.push(now);
    this.hits.set(key, recent);
    // Keep the map small: forget keys whose every hit is out of its window.
    if (this.hits.size > 10_000)
      for (const [k, times] of this.hits) if (times.every((t) => now - t >= 60_000 * 10)) this.hits.delete(k);
  }
}

// On globalThis: Next.js may load this module once per bundle, and all must share one count.
const slot = globalThis as unknown as { linewatchRouteLimiter?: RouteLimiter };

/**
 * The limiter the running server installed (lib/server/start.ts), or none: handlers called
 * directly (integration tests, the bench's API server) are not limited unless a test installs one.
 */
export function routeLimiter(): RouteLimiter | undefined {
  return slot.linewatchRouteLimiter;
}

export function installRouteLimiter(limiter: RouteLimiter | undefined = new RouteLimiter()): void {
  slot.linewatchRouteLimiter = limiter;
}
