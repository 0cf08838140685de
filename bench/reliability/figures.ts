// The load figures computed from what the run recorded: the steady windows of the samples, the
// spacing of each source's polls, and the accounting of every request the simulators received.
import { median } from "./report";
import type { FleetCounts } from "./fleet-protocol";
import type { ResourceSample } from "./resources";

/** One scheduled poll as the scheduler reported it, in ms since polling started. */
export interface PollRecord {
  sourceId: string;
  status: string;
  requests: number;
  startMs: number;
  endMs: number;
  error?: string;
}

/** The samples at the start and at the end of the steady part (each a fifth of it, at least two samples). */
export function steadyWindows(samples: ResourceSample[], fromMs: number, toMs: number, sampleEveryMs: number) {
  const steady = samples.filter((s) => s.atMs >= fromMs && s.atMs <= toMs);
  const windowMs = Math.max((toMs - fromMs) * 0.2, sampleEveryMs * 2);
  const first = steady.filter((s) => s.atMs <= fromMs + windowMs);
  const last = steady.filter((s) => s.atMs >= toMs - windowMs);
  const at = (list: ResourceSample[]) => (key: keyof ResourceSample) => median(list.map((s) => s[key]));
  return { start: at(first), end: at(last) };
}

/** Time between consecutive poll starts of each source. */
export function pollGaps(done: PollRecord[], sourceIds: string[]): number[] {
  return sourceIds.flatMap((id) => {
    const starts = done
      .filter((p) => p.sourceId === id)
      .map((p) => p.startMs)
      .sort((a, b) => a - b);
    return starts.slice(1).map((start, i) => start - starts[i]!);
  });
}

/**
 * Device traffic: every request a simulator saw belongs to a scheduled poll that reported it, and
 * no source was polled sooner than its interval allows (less the jitter, and a second for the
 * clock). A poll stopped at the end reports nothing, and a failed poll may report fewer requests
 * than it sent: each is allowed one poll's worth.
 */
export function trafficCheck(input: {
  routerIds: string[];
  clusterIds: string[];
  intervalOf: Map<string, number>;
  polls: PollRecord[];
  counts: FleetCounts;
  jitter: number;
}) {
  const { routerIds, clusterIds, intervalOf, polls, counts, jitter } = input;
  const done = polls.filter((p) => p.status !== "skipped");
  const sims = [
    ...routerIds.map((id, i) => ({ id, seen: counts.routers[i]! })),
    ...clusterIds.map((id, i) => ({ id, seen: counts.clusters[i]!.total })),
  ];
  const totals = { unexplained: 0, allowed: 0, early: 0, seen: 0, reported: 0, failedSeen: 0, failedReported: 0 };
  const routers = new Set(routerIds);
  const kindOf = (id: string) => (routers.has(id) ? "router" : "cluster");
  const maxPerPoll = new Map<string, number>();
  for (const p of done)
    maxPerPoll.set(kindOf(p.sourceId), Math.max(maxPerPoll.get(kindOf(p.sourceId)) ?? 0, p.requests));
  for (const { id, seen } of sims) {
    const mine = done.filter((p) => p.sourceId === id);
    const reported = mine.reduce((sum, p) => sum + p.requests, 0);
    const stopped = polls.filter(
      (p) => p.sourceId === id && p.status === "skipped" && /stopped/i.test(p.error ?? ""),
    ).length;
    const failed = mine.filter((p) => p.status === "failed").length;
    const allowance = (stopped + failed) * (maxPerPoll.get(kindOf(id)) ?? 0);
    totals.seen += seen;
    totals.reported += reported;
    if (failed > 0) {
      totals.failedSeen += seen;
      totals.failedReported += reported;
    }
    if (seen < reported || seen > reported + allowance) totals.unexplained += Math.abs(seen - reported);
    else totals.allowed += seen - reported;
    const interval = intervalOf.get(id)!;
    const starts = mine.map((p) => p.startMs).sort((a, b) => a - b);
    totals.early += starts.slice(1).filter((start, i) => start - starts[i]! < interval * (1 - jitter) - 1_000).length;
  }
  return totals;
}

/** Requests all simulators received. */
export const totalRequests = (counts: FleetCounts) =>
  counts.routers.reduce((a, b) => a + b, 0) + counts.clusters.reduce((a, c) => a + c.total, 0);
