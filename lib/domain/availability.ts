// The monthly availability report's arithmetic: a month's bounds in a time zone, and the share of
// phone-minutes registered from hourly trend rows (each sums its 5-minute samples).
import { instantOf } from "./trend";

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-11" in the zone: from its 1 November 00:00 to its 1 December 00:00. */
export function monthBounds(month: string, timeZone: string): { from: Date; to: Date; hours: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  const from = instantOf(timeZone, Date.UTC(year, index, 1));
  const to = instantOf(timeZone, Date.UTC(year, index + 1, 1));
  return { from: new Date(from), to: new Date(to), hours: Math.round((to - from) / 3_600_000) };
}

/** The month `at` falls in, in the zone, as "YYYY-MM". */
export function monthOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

export interface HourCounts {
  samples: number;
  registered: number;
  inFallback: number;
  unregistered: number;
  rejected: number;
  partiallyRegistered: number;
  unknown: number;
}

const SAMPLE_MINUTES = 5;

export interface Availability {
  /** Registered (on the cluster or, in fallback, on the branch router) share of phone-minutes, 0..1; null: no data. */
  available: number | null;
  /** Of those, the share spent in fallback. */
  inFallback: number | null;
  phoneHours: number;
  /** Hours of the month with samples (a gap is Linewatch not running, not an outage). */
  coveredHours: number;
}

/** Phone-minutes registered over all phone-minutes sampled; a phone in fallback still makes calls. */
export function availabilityOf(rows: readonly HourCounts[]): Availability {
  let up = 0;
  let fallback = 0;
  let all = 0;
  let covered = 0;
  for (const r of rows) {
    const total = r.registered + r.inFallback + r.unregistered + r.rejected + r.partiallyRegistered + r.unknown;
    up += r.registered + r.inFallback;
    fallback += r.inFallback;
    all += total;
    covered += r.samples * SAMPLE_MINUTES;
  }
  return {
    available: all > 0 ? up / all : null,
    inFallback: all > 0 ? fallback / all : null,
    phoneHours: (all * SAMPLE_MINUTES) / 60,
    coveredHours: covered / 60,
  };
}

/** An hour's registered share, for "the worst hours". */
export function hourShare(r: HourCounts): number | null {
  const total = r.registered + r.inFallback + r.unregistered + r.rejected + r.partiallyRegistered + r.unknown;
  return total > 0 ? (r.registered + r.inFallback) / total : null;
}
