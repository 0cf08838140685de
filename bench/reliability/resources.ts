// Samples this process every few seconds: resident memory, heap, open file descriptors, active
// sockets and handles, and event-loop delay (perf_hooks histogram, reset at steady state).
import { readdirSync } from "node:fs";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface ResourceSample {
  atMs: number;
  rss: number;
  heapUsed: number;
  fds: number;
  sockets: number;
  handles: number;
}

/** The histogram counts from one timer tick to the next; lag is what exceeds this interval. */
const LAG_RESOLUTION_MS = 10;

export interface LagFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Open file descriptors (Linux /proc); -1 where there is no /proc. */
export function openFds(): number {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return -1;
  }
}

/** Active resources by kind (TCPSocketWrap, Timeout, FSReqCallback...). */
export function activeResources(): { sockets: number; handles: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) byKind[kind] = (byKind[kind] ?? 0) + 1;
  const sockets = Object.entries(byKind)
    .filter(([kind]) => /TCP|Pipe|TLS|UDP/i.test(kind))
    .reduce((sum, [, n]) => sum + n, 0);
  return { sockets, handles: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
}

let gcFunction: (() => void) | null | undefined;

/** A full collection, for heap figures that are not just garbage waiting (null when unavailable). */
export function collectGarbage(): boolean {
  if (gcFunction === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      gcFunction = runInNewContext("gc") as () => void;
    } catch {
      gcFunction = null;
    }
  }
  gcFunction?.();
  return gcFunction !== null;
}

export function sampleNow(startedAt: number): ResourceSample {
  const memory = process.memoryUsage();
  const resources = activeResources();
  return {
    atMs: Date.now() - startedAt,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    fds: openFds(),
    sockets: resources.sockets,
    handles: resources.handles,
  };
}

export interface Sampler {
  samples: ResourceSample[];
  /** Restarts the event-loop histogram: lag is reported for the steady part only. */
  resetLag(): void;
  lag(): LagFigures;
  stop(): void;
}

export function startSampler(everyMs: number): Sampler {
  const startedAt = Date.now();
  const samples: ResourceSample[] = [sampleNow(startedAt)];
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  histogram.enable();
  const timer = setInterval(() => samples.push(sampleNow(startedAt)), everyMs);
  return {
    samples,
    resetLag: () => histogram.reset(),
    lag: () => {
      const beyond = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
      return {
        p50Ms: beyond(histogram.percentile(50)),
        p99Ms: beyond(histogram.percentile(99)),
        maxMs: beyond(histogram.max),
      };
    },
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
