// What a test can switch while the router runs (dialect, quirks, failure mode, latency) and what
// the server counts (requests per method, requests in flight and the most at once).
import type { RouterBehaviour } from "./behaviour";
import { activeQuirks, type Dialect, type FailureMode, type Quirk, type ResolvedOptions } from "./options";
import type { MethodName } from "./request";

export class RuntimeSettings {
  dialect: Dialect;
  quirks: ReadonlySet<Quirk>;
  failure: FailureMode | null;
  latencyMs: number;
  behaviour: RouterBehaviour;

  constructor(options: ResolvedOptions) {
    this.dialect = options.dialect;
    this.quirks = activeQuirks(options.quirks);
    this.failure = options.failure;
    this.latencyMs = options.latencyMs;
    this.behaviour = options.behaviour;
  }
}

export class RequestCounters {
  private total = 0;
  private readonly byMethod = new Map<MethodName, number>();
  private current = 0;
  private highest = 0;

  /** A request reached the XML endpoint (whatever becomes of it). */
  started(): void {
    this.total++;
    this.current++;
    this.highest = Math.max(this.highest, this.current);
  }

  finished(): void {
    this.current = Math.max(0, this.current - 1);
  }

  /** A request was read well enough to know its method. */
  counted(method: MethodName): void {
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
  }

  requestCount(method?: MethodName): number {
    return method ? (this.byMethod.get(method) ?? 0) : this.total;
  }

  inFlight(): number {
    return this.current;
  }

  maxInFlight(): number {
    return this.highest;
  }

  /** Zeroes the totals; the high-water mark restarts from what is in flight right now. */
  reset(): void {
    this.total = 0;
    this.byMethod.clear();
    this.highest = this.current;
  }
}
