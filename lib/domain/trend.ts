// The registration trend: time buckets for a range in one time zone (the viewer's, or the
// organisation's fixed one), and per bucket the latest 5-minute or hourly sample of the scope
// (lib/inventory/trend-sampler.ts). Short ranges read the 5-minute samples, long ones the hourly.
import { trendCountsOf, type EffectiveCounts, type TrendCounts } from "./status";

export const trendRanges = ["24h", "7d", "30d", "90d", "1y"] as const;
export type TrendRange = (typeof trendRanges)[number];

export const trendRangeLabels: Record<TrendRange, string> = {
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "1y": "year",
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket size and count per range, and which samples fill them. */
const rangePlan: Record<TrendRange, { bucketMs: number; buckets: number; resolution: "5m" | "1h" }> = {
  "24h": { bucketMs: 5 * MINUTE, buckets: 288, resolution: "5m" },
  "7d": { bucketMs: HOUR, buckets: 168, resolution: "1h" },
  "30d": { bucketMs: 6 * HOUR, buckets: 120, resolution: "1h" },
  "90d": { bucketMs: DAY, buckets: 90, resolution: "1h" },
  "1y": { bucketMs: DAY, buckets: 365, resolution: "1h" },
};

export interface BucketPlan {
  bucketMs: number;
  resolution: "5m" | "1h";
  timeZone: string;
  /** Start of each bucket, oldest first; the last bucket holds `now`. */
  starts: Date[];
  from: Date;
  to: Date;
}

/** Whether a name is a time zone this runtime knows (IANA: Europe/Berlin, America/Chicago, UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
// Offsets change only at DST transitions, on whole quarter hours: remembered per zone and quarter
// hour, so a year of daily buckets does not format 730 dates per request.
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (Europe/Berlin in winter: 3,600,000). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return 0;
  const key = `${timeZone}@${Math.floor(at / QUARTER_HOUR)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  if (offsets.size > 20_000) offsets.clear();
  const offset = computeOffset(timeZone, at);
  offsets.set(key, offset);
  return offset;
}

function computeOffset(timeZone: string, at: number): number {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormat.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in the zone (the later one across a DST gap). */
export function instantOf(timeZone: string, wall: number): number {
  let at = wall - zoneOffsetMs(timeZone, wall);
  at = wall - zoneOffsetMs(timeZone, at);
  return at;
}

/**
 * Buckets for a range in a time zone: 5-minute and hourly ones on the zone's whole minutes and
 * hours, six-hour ones from the zone's midnight, days from midnight to midnight there (23 or 25
 * hours across a DST change). The last bucket holds `now`.
 */
export function planBuckets(range: TrendRange, now: Date, timeZone = "UTC"): BucketPlan {
  const { bucketMs, buckets, resolution } = rangePlan[range];
  const t = now.getTime();
  const starts: number[] = [];
  if (bucketMs < DAY) {
    // The wall clock's bucket start, turned back into an instant; earlier ones step back by
    // the bucket size on the wall clock (an hour repeats or goes missing across DST).
    const wallNow = t + zoneOffsetMs(timeZone, t);
    const lastWall = Math.floor(wallNow / bucketMs) * bucketMs;
    for (let i = buckets - 1; i >= 0; i--) starts.push(instantOf(timeZone, lastWall - i * bucketMs));
  } else {
    const wallNow = t + zoneOffsetMs(timeZone, t);
    const lastMidnight = Math.floor(wallNow / DAY) * DAY;
    for (let i = buckets - 1; i >= 0; i--) starts.push(instantOf(timeZone, lastMidnight - i * DAY));
  }
  const lastStart = starts.at(-1)!;
  const to =
    bucketMs < DAY
      ? instantOf(timeZone, Math.floor((t + zoneOffsetMs(timeZone, t)) / bucketMs) * bucketMs + bucketMs)
      : instantOf(timeZone, Math.floor((t + zoneOffsetMs(timeZone, t)) / DAY) * DAY + DAY);
  return {
    bucketMs,
    resolution,
    timeZone,
    starts: starts.map((s) => new Date(s)),
    from: new Date(starts[0]!),
    to: new Date(Math.max(to, lastStart + 1)),
  };
}

export interface TrendPoint extends TrendCounts {
  at: Date;
  /** Whether a sample fell in this bucket; false is a gap (no data), not a fall to zero. */
  sampled: boolean;
}

export interface SampleCounts extends TrendCounts {
  at: Date;
}

const emptyPoint = (at: Date): TrendPoint => ({
  at,
  sampled: false,
  registered: 0,
  inFallback: 0,
  unregistered: 0,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
});

/**
 * Per bucket the latest sample in it; `current` (the counts now) is the last bucket, so the chart
 * ends where the counts beside it stand and a fresh install's chart shows the present at once.
 */
export function bucketSamples(
  plan: BucketPlan,
  samples: readonly SampleCounts[],
  current?: EffectiveCounts | TrendCounts,
): TrendPoint[] {
  const points = plan.starts.map(emptyPoint);
  const ends = plan.starts.map((_, i) => (plan.starts[i + 1] ?? plan.to).getTime());
  let index = 0;
  for (const sample of [...samples].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const t = sample.at.getTime();
    if (t < plan.from.getTime() || t >= plan.to.getTime()) continue;
    while (index < ends.length - 1 && t >= ends[index]!) index++;
    const { at: _at, ...counts } = sample;
    points[index] = { ...points[index]!, ...counts, sampled: true };
  }
  // The last bucket is now: the counts beside the chart, not a sample up to 5 minutes old.
  if (current)
    Object.assign(points.at(-1)!, "notSeen" in current ? trendCountsOf(current) : current, { sampled: true });
  return points;
}
