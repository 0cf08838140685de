// Reads for the monthly availability report: one scope's hourly rows, the site-outage events and
// a source's failed polls within the month.
import { db } from "./client";
import { siteEventSelect, type SiteEventRow } from "./site-events";
import { sampleCounts } from "./trend-samples";

const countsSelect = { at: true, ...sampleCounts } as const;
type HourRow = { at: Date; samples: number } & Record<
  "registered" | "inFallback" | "unregistered" | "rejected" | "partiallyRegistered" | "unknown",
  number
>;

/** One scope's hours in [from, to): the hourly rows up to `until`, then its 5-minute samples summed per hour. */
export async function hourRows(scope: string, from: Date, to: Date, until: Date | null): Promise<HourRow[]> {
  const split = until ? new Date(Math.min(Math.max(until.getTime(), from.getTime()), to.getTime())) : from;
  const [hourly, recent] = await Promise.all([
    db().trendSample.findMany({
      where: { resolution: "1h", scope, at: { gte: from, lt: split } },
      select: countsSelect,
      orderBy: { at: "asc" },
    }),
    db().trendSample.findMany({
      where: { resolution: "5m", scope, at: { gte: split, lt: to } },
      select: countsSelect,
      orderBy: { at: "asc" },
    }),
  ]);
  const hours = new Map<number, HourRow>();
  for (const sample of recent) {
    const hour = Math.floor(sample.at.getTime() / 3_600_000) * 3_600_000;
    const held = hours.get(hour);
    if (!held) hours.set(hour, { ...sample, at: new Date(hour) });
    else
      for (const key of [
        "samples",
        "registered",
        "inFallback",
        "unregistered",
        "rejected",
        "partiallyRegistered",
        "unknown",
      ] as const)
        held[key] += sample[key];
  }
  return [...hourly, ...hours.values()];
}

/** Site-outage events that overlap [from, to), for one site or all. */
export async function siteEventsBetween(from: Date, to: Date, site?: string): Promise<SiteEventRow[]> {
  return db().siteEvent.findMany({
    where: {
      ...(site !== undefined ? { site } : {}),
      startedAt: { lt: to },
      OR: [{ endedAt: null }, { endedAt: { gt: from } }],
    },
    select: siteEventSelect,
    orderBy: { startedAt: "asc" },
  });
}

/** A source's polls in [from, to) with the last one before (did the month start in an outage?). */
export async function pollOutcomes(
  sourceId: string,
  from: Date,
  to: Date,
): Promise<{ startedAt: Date; outcome: string; error: string | null }[]> {
  const select = { startedAt: true, outcome: true, error: true } as const;
  const [before, within] = await Promise.all([
    db().poll.findFirst({ where: { sourceId, startedAt: { lt: from } }, select, orderBy: { startedAt: "desc" } }),
    db().poll.findMany({
      where: { sourceId, startedAt: { gte: from, lt: to } },
      select,
      orderBy: { startedAt: "asc" },
    }),
  ]);
  return before ? [before, ...within] : within;
}
