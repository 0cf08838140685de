// The registration trend's samples (TrendSample): written by the poll worker every 5 minutes,
// one instance per slot (claimed through a Setting row), read per scope for the charts.
import { db } from "./client";

export const TREND_SLOT_KEY = "trend.lastSlot";

export type TrendResolution = "5m" | "1h";

export interface TrendSampleRow {
  scope: string;
  registered: number;
  inFallback: number;
  unregistered: number;
  rejected: number;
  partiallyRegistered: number;
  unknown: number;
}

/**
 * Whether this instance takes the slot: the slot row moves forward only once per slot, so two
 * workers never write the same samples twice (ISO times compare in order as text).
 */
export async function claimTrendSlot(slot: Date): Promise<boolean> {
  const value = slot.toISOString();
  const moved = await db().setting.updateMany({
    where: { key: TREND_SLOT_KEY, value: { lt: value } },
    data: { value },
  });
  if (moved.count === 1) return true;
  try {
    await db().setting.create({ data: { key: TREND_SLOT_KEY, value } });
    return true;
  } catch {
    // The row exists (this slot or a later one is taken), or another instance created it just now.
    return false;
  }
}

export async function addTrendSamples(resolution: TrendResolution, at: Date, rows: TrendSampleRow[]): Promise<void> {
  if (rows.length > 0) await db().trendSample.createMany({ data: rows.map((r) => ({ ...r, resolution, at })) });
}

export async function pruneTrendSamples(resolution: TrendResolution, before: Date): Promise<void> {
  await db().trendSample.deleteMany({ where: { resolution, at: { lt: before } } });
}

export interface StoredTrendSample extends TrendSampleRow {
  at: Date;
}

const sampleSelect = {
  scope: true,
  at: true,
  registered: true,
  inFallback: true,
  unregistered: true,
  rejected: true,
  partiallyRegistered: true,
  unknown: true,
} as const;

/** One scope's samples in [from, to), oldest first. */
export async function trendSamples(options: {
  scope: string;
  resolution: TrendResolution;
  from: Date;
  to: Date;
}): Promise<StoredTrendSample[]> {
  return db().trendSample.findMany({
    where: { resolution: options.resolution, scope: options.scope, at: { gte: options.from, lt: options.to } },
    select: sampleSelect,
    orderBy: { at: "asc" },
  });
}

/** Per source scope ("source:<id>"), the most phones registered at once in [from, to). */
export async function peakRegisteredPerSource(options: {
  resolution: TrendResolution;
  from: Date;
  to: Date;
}): Promise<{ scope: string; peak: number }[]> {
  const groups = await db().trendSample.groupBy({
    by: ["scope"],
    where: {
      resolution: options.resolution,
      scope: { startsWith: "source:" },
      at: { gte: options.from, lt: options.to },
    },
    _max: { registered: true },
  });
  return groups.map((g) => ({ scope: g.scope, peak: g._max.registered ?? 0 }));
}

/** When a scope last had `registered` phones registered in [from, to) (the peak's time). */
export async function lastAtWithRegistered(options: {
  resolution: TrendResolution;
  scope: string;
  registered: number;
  from: Date;
  to: Date;
}): Promise<Date | null> {
  const row = await db().trendSample.findFirst({
    where: {
      resolution: options.resolution,
      scope: options.scope,
      registered: options.registered,
      at: { gte: options.from, lt: options.to },
    },
    select: { at: true },
    orderBy: { at: "desc" },
  });
  return row?.at ?? null;
}
