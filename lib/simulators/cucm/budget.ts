// The cluster-wide RisPort request budget ("Allowed Device Queries Per Minute") and the log of
// every request the cluster saw, so tests can assert a client never exceeded the budget.
import type { SimulatorClock } from "./clock";

export const minuteMs = 60_000;

export type BudgetWindow = "rolling" | "fixed";

export type RequestOutcome = "ok" | "rate-limited" | "fault" | "unauthorized";

export interface RequestLogEntry {
  /** Simulator clock time in ms. */
  at: number;
  node: string;
  method: string;
  outcome: RequestOutcome;
}

export interface RequestCounters {
  total: number;
  byNode: Record<string, number>;
  byMethod: Record<string, number>;
  byOutcome: Record<string, number>;
}

/**
 * Rolling: at most `perMinute` accepted requests in any 60 s. Fixed: per clock minute. How CUCM
 * counts is not documented; rolling is the stricter of the two, so it is the default. Refused
 * requests do not use up the budget.
 */
export class RequestBudget {
  private accepted: number[] = [];
  private pendingFaults = 0;

  constructor(
    private readonly clock: SimulatorClock,
    public perMinute: number,
    public window: BudgetWindow,
  ) {}

  /** Takes one request from the budget, or says the request must get a RateControl fault. */
  tryConsume(): boolean {
    const now = this.clock.nowMs();
    if (this.pendingFaults > 0) {
      this.pendingFaults--;
      return false;
    }
    const windowStart = this.window === "fixed" ? Math.floor(now / minuteMs) * minuteMs : now - minuteMs + 1;
    this.accepted = this.accepted.filter((at) => at >= windowStart && at <= now);
    if (this.accepted.length >= this.perMinute) return false;
    this.accepted.push(now);
    return true;
  }

  /** The next `count` requests get a RateControl fault whatever the budget says. */
  injectRateControlFaults(count: number): void {
    this.pendingFaults += count;
  }

  reset(): void {
    this.accepted = [];
    this.pendingFaults = 0;
  }
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }

  counters(): RequestCounters {
    const counters: RequestCounters = { total: 0, byNode: {}, byMethod: {}, byOutcome: {} };
    for (const entry of this.entries) {
      counters.total++;
      counters.byNode[entry.node] = (counters.byNode[entry.node] ?? 0) + 1;
      counters.byMethod[entry.method] = (counters.byMethod[entry.method] ?? 0) + 1;
      counters.byOutcome[entry.outcome] = (counters.byOutcome[entry.outcome] ?? 0) + 1;
    }
    return counters;
  }

  /** The most requests (of the given outcomes; all by default) that fell in any window of `windowMs`. */
  maxInAnyWindow(windowMs = minuteMs, outcomes?: readonly RequestOutcome[]): number {
    const times = this.entries
      .filter((entry) => !outcomes || outcomes.includes(entry.outcome))
      .map((entry) => entry.at)
      .sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
