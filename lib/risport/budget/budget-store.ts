// Where a cluster's RisPort budget lives. The interface is kept tiny so a database can implement
// it atomically (one row per granted request, counted inside a transaction), which is what lets
// every process of a deployment share one budget. The in-memory store serves tests and a single
// process.

export type TakeRequest = {
  /** Requests allowed in any window of `windowMs`. */
  limit: number;
  windowMs: number;
  /** Epoch milliseconds, from the caller's clock so tests and every process agree. */
  now: number;
};

export type TakeOutcome =
  | { granted: true /** Requests still allowed in the current window after this one. */; remaining: number }
  | { granted: false /** Epoch ms when a request can next be granted. */; nextSlotAt: number; remaining: 0 };

export interface BudgetStore {
  /**
   * Atomically: refuse while the cluster is paused (nextSlotAt at least the pause's end); else count
   * the grants with `at > now - windowMs`; below `limit`, record a grant at `now` and answer granted.
   * A refusal records nothing. When full, nextSlotAt is the moment the oldest grant that keeps the
   * window full leaves it: grants[count - limit].at + windowMs.
   */
  tryTake(clusterId: string, request: TakeRequest): Promise<TakeOutcome>;
  /** Refuse every request of the cluster until `until` (epoch ms). Never shortens a longer pause. */
  pause(clusterId: string, until: number): Promise<void>;
  /** The end of the cluster's latest pause (epoch ms), or null if it was never paused. */
  pausedUntil(clusterId: string): Promise<number | null>;
}

/**
 * When a full window frees a slot. `grants` are the grant times inside the window, oldest first;
 * shared so every store implementation answers the same.
 */
export function nextSlotAfter(grants: readonly number[], limit: number, windowMs: number): number {
  const blocking = grants[Math.max(0, grants.length - limit)] ?? 0;
  return blocking + windowMs;
}

export function createMemoryBudgetStore(): BudgetStore {
  const grantsByCluster = new Map<string, number[]>();
  const pauses = new Map<string, number>();

  return {
    async tryTake(clusterId, { limit, windowMs, now }) {
      // Everything below is synchronous, so concurrent callers in one process cannot interleave.
      const inWindow = (grantsByCluster.get(clusterId) ?? []).filter((at) => at > now - windowMs);
      grantsByCluster.set(clusterId, inWindow);
      const pausedUntil = pauses.get(clusterId) ?? 0;
      const full = inWindow.length >= limit;
      if (pausedUntil > now || full) {
        const windowSlot = full ? nextSlotAfter(inWindow, limit, windowMs) : now;
        return { granted: false, nextSlotAt: Math.max(pausedUntil, windowSlot), remaining: 0 };
      }
      inWindow.push(now);
      inWindow.sort((a, b) => a - b);
      return { granted: true, remaining: limit - inWindow.length };
    },
    async pause(clusterId, until) {
      pauses.set(clusterId, Math.max(pauses.get(clusterId) ?? 0, until));
    },
    async pausedUntil(clusterId) {
      return pauses.get(clusterId) ?? null;
    },
  };
}
