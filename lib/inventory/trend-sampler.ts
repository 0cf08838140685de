// Samples the registration trend every 5 minutes: the fleet's, each site's and each source's
// phones per status, from the counts the worker keeps (no extra count of the devices). On each
// whole hour the hour just ended is rolled up into one row per scope (sums and sample count),
// kept for the long ranges and the availability report. One worker takes each slot.
import {
  addTrendSamples,
  claimTrendSlot,
  pruneTrendSamples,
  rollUpHour,
  type TrendSampleRow,
} from "@/lib/db/trend-samples";
import { effectiveTotalOf, trendCountsOf, type EffectiveCounts, type StatusCounts } from "@/lib/domain/status";
import { log } from "@/lib/log";
import { currentCounts } from "./summary";

export const TREND_SLOT_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
/** The 5-minute samples feed the 24-hour chart; the hourly ones are kept as long as history. */
export const FIVE_MINUTE_KEPT_MS = 2 * 24 * HOUR_MS;
export const HOURLY_KEPT_MS = 2 * 365 * 24 * HOUR_MS;

const row = (scope: string, counts: EffectiveCounts): TrendSampleRow => {
  const c = trendCountsOf(counts);
  return {
    scope,
    registered: c.registered,
    inFallback: c.inFallback,
    unregistered: c.unregistered,
    rejected: c.rejected,
    partiallyRegistered: c.partiallyRegistered,
    unknown: c.unknown,
  };
};
// A source's own records carry no "in fallback": that is a device's state across sources.
const sourceRow = (id: string, c: StatusCounts) =>
  row(`source:${id}`, { ...c, inFallback: 0, neverRegistered: 0, notSeen: 0 });

/**
 * Takes the slot `at` falls in and writes its samples: "written", "taken" (another instance has
 * it) or "empty" (nothing counted yet: tried again at the next check).
 */
export async function sampleTrend(at: Date): Promise<"written" | "taken" | "empty"> {
  const slot = new Date(Math.floor(at.getTime() / TREND_SLOT_MS) * TREND_SLOT_MS);
  const { counts } = await currentCounts(at);
  // Nothing polled yet (a worker just started): no sample, so the slot stays open for the first
  // counts instead of recording an empty fleet.
  if (effectiveTotalOf(counts.fleet) === 0 && Object.keys(counts.perSource).length === 0) return "empty";
  if (!(await claimTrendSlot(slot))) return "taken";
  const rows = [
    row("fleet", counts.fleet),
    ...counts.bySite.map((s) => row(`site:${s.site}`, s.counts)),
    ...Object.entries(counts.perSource).map(([id, c]) => sourceRow(id, c)),
  ];
  await addTrendSamples("5m", slot, rows);
  if (slot.getTime() % HOUR_MS === 0) {
    // The hour that just ended, as the sums of its 5-minute samples.
    await rollUpHour(new Date(slot.getTime() - HOUR_MS));
    await pruneTrendSamples("5m", new Date(slot.getTime() - FIVE_MINUTE_KEPT_MS));
    await pruneTrendSamples("1h", new Date(slot.getTime() - HOURLY_KEPT_MS));
  }
  return "written";
}

export interface TrendSampler {
  stop(): Promise<void>;
}

/** Checks every `checkMs` (default 20 s) whether a new slot began; tests call sampleTrend directly. */
export function startTrendSampler(options: { now?: () => number; checkMs?: number } = {}): TrendSampler {
  const now = options.now ?? Date.now;
  const checkMs = options.checkMs ?? 20_000;
  let running: Promise<unknown> = Promise.resolve();
  let lastSlot = -1;
  const tick = () => {
    const t = now();
    const slot = Math.floor(t / TREND_SLOT_MS);
    if (slot === lastSlot) return;
    running = sampleTrend(new Date(t))
      .then((outcome) => {
        if (outcome !== "empty") lastSlot = slot;
      })
      .catch((error: unknown) =>
        log.error("trend not sampled", { error: error instanceof Error ? error.message : String(error) }),
      );
  };
  tick();
  const timer = setInterval(tick, checkMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
