// Limits for the expensive routes, in one table the route wrapper enforces: actions that reach
// devices (poll now, refresh, tests, key-phone reads) run at most once per interval per target
// whoever clicks, full exports (format=csv) a few times a minute per caller, and exports and heavy
// lists only a few at a time per caller. A refusal is 429 with Retry-After. In-process: each
// instance limits what it serves itself.
import { AppError } from "@/lib/errors";
import type { RouteContract } from "./contract";

export type RouteLimit =
  /** Once per interval for the same target (path parameters), whoever asks. */
  | { kind: "per-target"; intervalMs: number }
  /** At most `max` per window for one caller, when `applies` says the request is the heavy kind. */
  | { kind: "per-caller"; max: number; windowMs: number; applies?: (query: unknown) => boolean };

type Query = Record<string, unknown> | undefined;
const csvOnly = (query: unknown) => (query as Query)?.format === "csv";
const exports: RouteLimit = { kind: "per-caller", max: 6, windowMs: 60_000, applies: csvOnly };
const deviceAction: RouteLimit = { kind: "per-target", intervalMs: 5_000 };

/** "METHOD /path" as in the contracts. lib/api/limits.int.test.ts checks every heavy route is here. */
export const routeLimits: Record<string, RouteLimit> = {
  "GET /phones": exports,
  "GET /extensions": exports,
  "GET /cti-apps": exports,
  "GET /audit": exports,
  "GET /availability": exports,
  // A pasted list is up to 500 lookups: a person pastes a few lists a minute, not hundreds.
  "POST /phone-lookup": { kind: "per-caller", max: 20, windowMs: 60_000 },
  "POST /sources/{id}/poll": deviceAction,
  // A poll of the cluster, its configured inventory included.
  "POST /sources/{id}/configured/read": deviceAction,
  "POST /phones/{name}/refresh": deviceAction,
  // Besides the per-router cap per minute (LINEWATCH_RESTARTS_PER_MINUTE) the service keeps.
  "POST /sources/{id}/phones/{name}/restart": deviceAction,
  "POST /sources/{id}/test": deviceAction,
  "POST /sources/test": { kind: "per-caller", max: 10, windowMs: 60_000 },
  "POST /alert-channels/{id}/test": deviceAction,
  "GET /sources/{id}/key-phones": { kind: "per-caller", max: 30, windowMs: 60_000 },
  "GET /sources/{id}/cme-users/{userId}": { kind: "per-caller", max: 30, windowMs: 60_000 },
};

export const limitOf = (contract: Pick<RouteContract, "method" | "path">): RouteLimit | undefined =>
  routeLimits[`${contract.method} ${contract.path}`];

/** Requests one caller may have in flight at once, per kind: each holds a slot until its response is complete. */
export interface InFlightLimit {
  max: number;
  /** What a refused caller is told to wait for, in seconds (no timer knows when a slot frees). */
  retryAfterS: number;
  /** "You already have 2 <what> running". */
  what: string;
}

export type InFlightKind = "export" | "heavyList";

export const inFlightLimits: Record<InFlightKind, InFlightLimit> = {
  // A full export reads the whole filtered table in 2,000-row windows: two at once is plenty.
  export: { max: 2, retryAfterS: 10, what: "exports" },
  heavyList: { max: 4, retryAfterS: 2, what: "large list requests" },
};

/** Rows a list may skip before a page counts as deep (OFFSET rereads every skipped row). */
const DEEP_OFFSET = 10_000;
/** Pages above this many rows count as large. */
const LARGE_PAGE = 100;

/**
 * Heavy lists, narrowly: the phones and extensions lists with a free-text search (a substring
 * match reads every row; no index answers it), a page over 100 rows or a page 10,000 rows deep;
 * and the overview, which counts the whole fleet several ways on every request. Plain pages,
 * details and the small lists are cheap index reads and are not counted.
 */
function isHeavyList(query: Query): boolean {
  const q = query?.q;
  const pageSize = Number(query?.pageSize ?? 0);
  const page = Number(query?.page ?? 1);
  return (typeof q === "string" && q.trim() !== "") || pageSize > LARGE_PAGE || (page - 1) * pageSize >= DEEP_OFFSET;
}

const searchableList = (query: unknown): InFlightKind | undefined =>
  csvOnly(query) ? "export" : isHeavyList(query as Query) ? "heavyList" : undefined;
const exportOnly = (query: unknown): InFlightKind | undefined => (csvOnly(query) ? "export" : undefined);

/** Which in-flight slot a request needs, by route: "METHOD /path" as in the contracts. */
export const inFlightRoutes: Record<string, (query: unknown) => InFlightKind | undefined> = {
  "GET /phones": searchableList,
  "GET /extensions": searchableList,
  "GET /cti-apps": exportOnly,
  "GET /audit": exportOnly,
  "GET /overview": () => "heavyList",
  // A month's report sums every scope's hours; the pasted-list lookup is many small reads.
  "GET /availability": () => "heavyList",
  "POST /phone-lookup": () => "heavyList",
};

export const inFlightKindOf = (contract: Pick<RouteContract, "method" | "path">, query: unknown) =>
  inFlightRoutes[`${contract.method} ${contract.path}`]?.(query);

/** Gives a slot back; calling it again does nothing, so every path may call it. */
export type Release = () => void;

export class RouteLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();

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

  /**
   * Takes one of the caller's in-flight slots for the request's kind, or throws 429 when they are
   * all held. Check and count happen in one synchronous step, so concurrent requests cannot both
   * take the last slot. Returns the release, or undefined when the request needs no slot.
   */
  enter(contract: Pick<RouteContract, "method" | "path">, callerId: string, query: unknown): Release | undefined {
    const kind = inFlightKindOf(contract, query);
    if (!kind) return undefined;
    const limit = inFlightLimits[kind];
    const key = `${kind} ${callerId}`;
    const held = this.inFlight.get(key) ?? 0;
    if (held >= limit.max) {
      throw new AppError(
        "rate_limited",
        `You already have ${limit.max} ${limit.what} running: wait for one to finish.`,
        { headers: { "retry-after": String(limit.retryAfterS) } },
      );
    }
    this.inFlight.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }

  /** Slots the caller holds now, per kind (for tests and diagnostics). */
  held(callerId: string, kind: InFlightKind): number {
    return this.inFlight.get(`${kind} ${callerId}`) ?? 0;
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
