// One cluster's RisPort request budget. CUCM allows "Allowed Device Queries Per Minute" (default
// 15, at most 18) for every RisPort client of the cluster together, so this product keeps a
// reserve for RTMT and other tools, and every process asks the same shared store.
import { RateLimited } from "@/lib/soap/errors";
import type { BudgetStore } from "./budget-store";

/** The seed: "up to 15 requests per minute"; the default, and the most used unless raised. */
export const DEFAULT_PER_MINUTE = 15;
/** The cluster's own ceiling for Allowed Device Queries Per Minute (cisco-apis.md); only for a raised budget. */
export const MAX_PER_MINUTE = 18;

/**
 * The rate to plan with: what the source says, but never above the documented 15 unless an admin
 * said the cluster's parameter was raised, and never above the cluster's own ceiling.
 */
export function allowedPerMinute(configured: number | null | undefined, raised: boolean): number {
  const ceiling = raised ? MAX_PER_MINUTE : DEFAULT_PER_MINUTE;
  return Math.min(Math.max(configured ?? DEFAULT_PER_MINUTE, 1), ceiling);
}
export const DEFAULT_RESERVE = 3;
const WINDOW_MS = 60_000;
/** A sleeper never waits less, so a store answering "now" cannot spin. */
const MIN_WAIT_MS = 50;

export type Clock = () => number;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export type BudgetAnswer =
  | { granted: true; remaining: number }
  | { granted: false; remaining: 0; nextSlotAt: number; paused: boolean };

export type RateBudgetOptions = {
  clusterId: string;
  store: BudgetStore;
  /** The cluster's "Allowed Device Queries Per Minute". */
  perMinute?: number;
  /** Requests a minute left to other tools. */
  reserve?: number;
  clock?: Clock;
  sleep?: Sleep;
  /** Extra milliseconds added to a RateControl pause so several processes do not resume together. */
  jitter?: () => number;
  windowMs?: number;
};

export interface RateBudget {
  readonly clusterId: string;
  /** Requests this product may send in any window. */
  readonly limit: number;
  readonly windowMs: number;
  readonly clock: Clock;
  /** Answers at once: for lookups a person is waiting on. */
  tryTake(): Promise<BudgetAnswer>;
  /** Waits for a slot: for sweeps. Throws BudgetSpent when the slot would come after `deadline`. */
  take(options?: { signal?: AbortSignal; deadline?: number }): Promise<{ remaining: number }>;
  /** The cluster answered RateControl: pause it for a whole window plus jitter. Returns the pause's end. */
  rateLimited(retryAfterMs?: number): Promise<number>;
  pausedUntil(): Promise<number | null>;
}

/** Our own budget is spent (nothing was sent): says when the next request may go. */
export class BudgetSpent extends RateLimited {
  readonly nextSlotAt: number;
  readonly paused: boolean;

  constructor(nextSlotAt: number, now: number, paused: boolean) {
    super(`RisPort budget spent until ${new Date(nextSlotAt).toISOString()}`, Math.max(0, nextSlotAt - now));
    this.nextSlotAt = nextSlotAt;
    this.paused = paused;
    (this as { userMessage: string }).userMessage = paused
      ? "The cluster asked us to slow down; RisPort lookups resume shortly."
      : "This cluster's RisPort request budget is spent for the minute; the next slot comes shortly.";
  }
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export function createRateBudget(options: RateBudgetOptions): RateBudget {
  const perMinute = options.perMinute ?? DEFAULT_PER_MINUTE;
  const reserve = options.reserve ?? DEFAULT_RESERVE;
  if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > MAX_PER_MINUTE) {
    throw new RangeError(`perMinute must be an integer from 1 to ${MAX_PER_MINUTE}`);
  }
  if (!Number.isInteger(reserve) || reserve < 0 || reserve >= perMinute) {
    throw new RangeError("reserve must be an integer from 0 to perMinute - 1");
  }
  const { clusterId, store } = options;
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const jitter = options.jitter ?? (() => Math.floor(Math.random() * 5_000));
  const windowMs = options.windowMs ?? WINDOW_MS;
  const limit = perMinute - reserve;

  async function tryTake(): Promise<BudgetAnswer> {
    const now = clock();
    const outcome = await store.tryTake(clusterId, { limit, windowMs, now });
    if (outcome.granted) return outcome;
    const pausedUntil = (await store.pausedUntil(clusterId)) ?? 0;
    return { granted: false, remaining: 0, nextSlotAt: outcome.nextSlotAt, paused: pausedUntil > now };
  }

  return {
    clusterId,
    limit,
    windowMs,
    clock,
    tryTake,
    async take({ signal, deadline } = {}) {
      for (;;) {
        signal?.throwIfAborted();
        const answer = await tryTake();
        if (answer.granted) return { remaining: answer.remaining };
        if (deadline !== undefined && answer.nextSlotAt > deadline) {
          throw new BudgetSpent(answer.nextSlotAt, clock(), answer.paused);
        }
        await sleep(Math.max(MIN_WAIT_MS, answer.nextSlotAt - clock()), signal);
      }
    },
    async rateLimited(retryAfterMs) {
      const until = clock() + Math.max(windowMs, retryAfterMs ?? 0) + Math.max(0, jitter());
      await store.pause(clusterId, until);
      return until;
    },
    pausedUntil: () => store.pausedUntil(clusterId),
  };
}
