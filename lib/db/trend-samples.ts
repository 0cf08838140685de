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
  /** How many 5-minute samples the counts sum. */
  samples: number;
}

/** A sample's counts: what each read of the trend selects (or sums). */
export const sampleCounts = {
  samples: true,
  registered: true,
  inFallback: true,
  unregistered: true,
  rejected: true,
  partiallyRegistered: true,
  unknown: true,
} as const;
const sampleSelect = { scope: true, at: true, ...sampleCounts } as const;

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

/** Per source scope ("source:<id>"), the most phones registered at once in [from, to) (an hour's average for 1h rows). */
export async function peakRegisteredPerSource(options: {
  resolution: TrendResolution;
  from: Date;
  to: Date;
}): Promise<{ scope: string; peak: number }[]> {
  const rows = await db().$queryRaw<{ scope: string; peak: unknown }[]>`
    SELECT "scope", MAX("registered" * 1.0 / "samples") AS "peak" FROM "TrendSample"
    WHERE "resolution" = ${options.resolution} AND "scope" LIKE 'source:%'
      AND "at" >= ${options.from} AND "at" < ${options.to}
    GROUP BY "scope"`;
  return rows.map((r) => ({ scope: String(r.scope), peak: Math.round(Number(r.peak)) }));
}

/** When a scope was last at its most phones registered in [from, to) (the peak's time). */
export async function peakAt(options: {
  resolution: TrendResolution;
  scope: string;
  from: Date;
  to: Date;
}): Promise<Date | null> {
  const rows = await db().$queryRaw<{ at: unknown }[]>`
    SELECT "at" FROM "TrendSample"
    WHERE "resolution" = ${options.resolution} AND "scope" = ${options.scope}
      AND "at" >= ${options.from} AND "at" < ${options.to}
    ORDER BY "registered" * 1.0 / "samples" DESC, "at" DESC LIMIT 1`;
  const at = rows[0]?.at;
  return at === undefined ? null : at instanceof Date ? at : new Date(typeof at === "number" ? at : String(at));
}

/**
 * The hour [hour, hour + 1 h) of every scope as one 1h row per scope: the sums of its 5-minute
 * samples and how many there were (the hour's average is a count divided by that).
 */
export async function rollUpHour(hour: Date): Promise<number> {
  const end = new Date(hour.getTime() + 3_600_000);
  const groups = await db().trendSample.groupBy({
    by: ["scope"],
    where: { resolution: "5m", at: { gte: hour, lt: end } },
    _sum: {
      registered: true,
      inFallback: true,
      unregistered: true,
      rejected: true,
      partiallyRegistered: true,
      unknown: true,
    },
    _count: { _all: true },
  });
  if (groups.length === 0) return 0;
  await db().trendSample.createMany({
    data: groups.map((g) => ({
      resolution: "1h",
      at: hour,
      scope: g.scope,
      samples: g._count._all,
      registered: g._sum.registered ?? 0,
      inFallback: g._sum.inFallback ?? 0,
      unregistered: g._sum.unregistered ?? 0,
      rejected: g._sum.rejected ?? 0,
      partiallyRegistered: g._sum.partiallyRegistered ?? 0,
      unknown: g._sum.unknown ?? 0,
    })),
  });
  return groups.length;
}

export interface ScopeHours {
  scope: string;
  samples: number;
  registered: number;
  inFallback: number;
  unregistered: number;
  rejected: number;
  partiallyRegistered: number;
  unknown: number;
}

/** Where the hourly rows end: after it, only 5-minute samples exist (the hour under way). */
export async function rolledUpUntil(): Promise<Date | null> {
  const last = (await db().trendSample.aggregate({ where: { resolution: "1h" }, _max: { at: true } }))._max.at;
  return last ? new Date(last.getTime() + 3_600_000) : null;
}

const sums = sampleCounts;

/**
 * Every scope's samples in [from, to) summed, one row per scope: the hourly rows up to `until`
 * and the 5-minute samples after it, so the hour under way counts too.
 */
export async function hourTotalsPerScope(from: Date, to: Date, until: Date | null): Promise<ScopeHours[]> {
  const split = until ? new Date(Math.min(Math.max(until.getTime(), from.getTime()), to.getTime())) : from;
  const [hourly, recent] = await Promise.all([
    db().trendSample.groupBy({ by: ["scope"], where: { resolution: "1h", at: { gte: from, lt: split } }, _sum: sums }),
    db().trendSample.groupBy({ by: ["scope"], where: { resolution: "5m", at: { gte: split, lt: to } }, _sum: sums }),
  ]);
  const totals = new Map<string, ScopeHours>();
  for (const g of [...hourly, ...recent]) {
    const held = totals.get(g.scope) ?? {
      scope: g.scope,
      samples: 0,
      registered: 0,
      inFallback: 0,
      unregistered: 0,
      rejected: 0,
      partiallyRegistered: 0,
      unknown: 0,
    };
    held.samples += g._sum.samples ?? 0;
    held.registered += g._sum.registered ?? 0;
    held.inFallback += g._sum.inFallback ?? 0;
    held.unregistered += g._sum.unregistered ?? 0;
    held.rejected += g._sum.rejected ?? 0;
    held.partiallyRegistered += g._sum.partiallyRegistered ?? 0;
    held.unknown += g._sum.unknown ?? 0;
    totals.set(g.scope, held);
  }
  return [...totals.values()];
}
