// The registration trend: time buckets for a range, and per bucket the sum over sources of each
// source's latest poll in it (so a router polled every minute counts once per hour, like a
// cluster polled every five). Failed polls carry no counts and are not used.
import { countKeys, emptyCounts, type StatusCounts } from "./status";

export const trendRanges = ["24h", "7d", "30d"] as const;
export type TrendRange = (typeof trendRanges)[number];

const HOUR = 3_600_000;
const rangePlan: Record<TrendRange, { bucketMs: number; buckets: number }> = {
  "24h": { bucketMs: HOUR, buckets: 24 },
  "7d": { bucketMs: 6 * HOUR, buckets: 28 },
  "30d": { bucketMs: 24 * HOUR, buckets: 30 },
};

export interface BucketPlan {
  bucketMs: number;
  /** Start of each bucket, oldest first; the last bucket holds `now`. */
  starts: Date[];
  from: Date;
  to: Date;
}

/** Buckets aligned to whole hours / six hours / UTC days, the last one containing `now`. */
export function planBuckets(range: TrendRange, now: Date): BucketPlan {
  const { bucketMs, buckets } = rangePlan[range];
  const last = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const starts = Array.from({ length: buckets }, (_, i) => new Date(last - (buckets - 1 - i) * bucketMs));
  return { bucketMs, starts, from: starts[0]!, to: new Date(last + bucketMs) };
}

export interface PollCounts extends StatusCounts {
  sourceId: string;
  startedAt: Date;
}

export interface TrendPoint extends StatusCounts {
  at: Date;
  /** How many sources reported in this bucket; 0 means no data (a gap, not a fall to zero). */
  sources: number;
}

export interface SourceSeries {
  sourceId: string;
  /** Per bucket the source's latest poll counts, or null when it did not report. */
  points: (StatusCounts | null)[];
}

function latestPerSourceAndBucket(plan: BucketPlan, polls: readonly PollCounts[]): Map<string, (PollCounts | null)[]> {
  const bySource = new Map<string, (PollCounts | null)[]>();
  const start = plan.from.getTime();
  for (const poll of polls) {
    const t = poll.startedAt.getTime();
    if (t < start || t >= plan.to.getTime()) continue;
    const index = Math.floor((t - start) / plan.bucketMs);
    let series = bySource.get(poll.sourceId);
    if (!series) bySource.set(poll.sourceId, (series = Array<PollCounts | null>(plan.starts.length).fill(null)));
    const held = series[index];
    if (!held || held.startedAt.getTime() < t) series[index] = poll;
  }
  return bySource;
}

const countsOf = (p: StatusCounts): StatusCounts => ({
  registered: p.registered,
  unregistered: p.unregistered,
  rejected: p.rejected,
  partiallyRegistered: p.partiallyRegistered,
  unknown: p.unknown,
});

/** Each source's series, and the fleet series that sums them bucket by bucket. */
export function bucketTrend(
  plan: BucketPlan,
  polls: readonly PollCounts[],
): { fleet: TrendPoint[]; perSource: SourceSeries[] } {
  const bySource = latestPerSourceAndBucket(plan, polls);
  const fleet: TrendPoint[] = plan.starts.map((at) => ({ at, sources: 0, ...emptyCounts() }));
  const perSource: SourceSeries[] = [];
  for (const [sourceId, series] of bySource) {
    perSource.push({ sourceId, points: series.map((p) => (p ? countsOf(p) : null)) });
    series.forEach((poll, i) => {
      if (!poll) return;
      const point = fleet[i]!;
      point.sources += 1;
      for (const key of countKeys) point[key] += poll[key];
    });
  }
  return { fleet, perSource };
}

export interface Drop {
  sourceId: string;
  /** The most phones registered at once in the window, and when. */
  peak: number;
  peakAt: Date;
  /** Registered in the source's latest bucket. */
  current: number;
  drop: number;
}

/** Sources whose registered count is furthest below its peak in the window, biggest first. */
export function biggestDrops(plan: BucketPlan, perSource: readonly SourceSeries[], limit = 5): Drop[] {
  const drops: Drop[] = [];
  for (const { sourceId, points } of perSource) {
    let peak = -1;
    let peakIndex = -1;
    let currentIndex = -1;
    points.forEach((p, i) => {
      if (!p) return;
      currentIndex = i;
      if (p.registered > peak) {
        peak = p.registered;
        peakIndex = i;
      }
    });
    if (currentIndex < 0) continue;
    const current = points[currentIndex]!.registered;
    if (peak > current) drops.push({ sourceId, peak, peakAt: plan.starts[peakIndex]!, current, drop: peak - current });
  }
  return drops.sort((a, b) => b.drop - a.drop || a.sourceId.localeCompare(b.sourceId)).slice(0, limit);
}
