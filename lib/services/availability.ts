// The availability report a manager forwards: per site and per source, the share of a month's
// phone-minutes registered (a phone in fallback counts: it makes calls), the worst hours and the
// outages with their durations, in one time zone. Read from the hourly trend rows, the
// site-outage events and the sources' failed polls.
import "server-only";
import type { z } from "zod";
import type * as contracts from "@/lib/api/contracts/availability";
import { hourRows, pollOutcomes, siteEventsBetween } from "@/lib/db/availability";
import { hourTotalsPerScope, rolledUpUntil } from "@/lib/db/trend-samples";
import { sourcesWithHealth } from "@/lib/db/overview";
import { notFound } from "@/lib/errors";
import { availabilityOf, hourShare, monthBounds, monthOf } from "@/lib/domain/availability";
import { csvDocument, type CsvValue } from "@/lib/api/csv";
import { reportTimeZone } from "./time-zone";

type Report = z.input<typeof contracts.getAvailability.response>;
type Query = Omit<z.output<typeof contracts.getAvailability.query>, "format" | "bom">;
type Outage = Report["detail"]["outages"][number];

const WORST_HOURS = 5;
const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));

/** A source's outages: runs of failed polls, from the first failure to the next poll that worked. */
function pollOutages(polls: Awaited<ReturnType<typeof pollOutcomes>>, from: Date, to: Date, now: Date): Outage[] {
  const outages: Outage[] = [];
  let open: { start: Date; reason: string } | null = null;
  const close = (end: Date | null) => {
    if (!open) return;
    const start = open.start < from ? from : open.start;
    const stop = end ?? (now < to ? now : to);
    outages.push({
      startedAt: start.toISOString(),
      endedAt: end ? end.toISOString() : null,
      minutes: minutesBetween(start, stop),
      what: open.reason,
    });
    open = null;
  };
  for (const poll of polls) {
    if (poll.outcome === "failed")
      open ??= { start: poll.startedAt, reason: poll.error || "The source did not answer" };
    else close(poll.startedAt);
  }
  close(null);
  return outages.filter((o) => o.minutes > 0 || o.endedAt === null);
}

async function outagesOf(scope: string, from: Date, to: Date, now: Date): Promise<Outage[]> {
  if (scope.startsWith("source:")) return pollOutages(await pollOutcomes(scope.slice(7), from, to), from, to, now);
  const site = scope.startsWith("site:") ? scope.slice(5) : undefined;
  const events = await siteEventsBetween(from, to, site);
  return events.map((e) => {
    const start = e.startedAt < from ? from : e.startedAt;
    const end = e.endedAt && e.endedAt < to ? e.endedAt : null;
    return {
      startedAt: start.toISOString(),
      endedAt: e.endedAt ? e.endedAt.toISOString() : null,
      minutes: minutesBetween(start, end ?? (now < to ? now : to)),
      what: `${site === undefined ? `Site ${e.site}: ` : ""}${e.peakOut} of ${e.phones} phones out at most${
        e.peakInFallback > 0 ? `, ${e.peakInFallback} in fallback` : ""
      }`,
    };
  });
}

export async function availabilityReport(query: Query, now = new Date()): Promise<Report> {
  const timeZone = await reportTimeZone(query.tz);
  const month = query.month ?? monthOf(now, timeZone);
  const { from, to, hours } = monthBounds(month, timeZone);
  const scope = query.scope;
  const until = await rolledUpUntil();
  const [totals, sources, hoursOfScope, outages] = await Promise.all([
    hourTotalsPerScope(from, to, until),
    sourcesWithHealth(),
    hourRows(scope, from, to, until),
    outagesOf(scope, from, to, now),
  ]);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const describe = (key: string) => {
    if (key === "fleet") return { kind: "fleet" as const, name: "Whole fleet" };
    if (key.startsWith("site:")) return { kind: "site" as const, name: key.slice(5) || "No site" };
    const source = sourceById.get(key.slice(7));
    return source ? { kind: "source" as const, name: source.name } : null;
  };
  const order = { fleet: 0, site: 1, source: 2 };
  const rows = totals
    .flatMap((t) => {
      const described = describe(t.scope);
      return described ? [{ scope: t.scope, ...described, ...availabilityOf([t]) }] : [];
    })
    .sort(
      (a, b) =>
        order[a.kind] - order[b.kind] || (a.available ?? 2) - (b.available ?? 2) || a.name.localeCompare(b.name),
    );
  const described = describe(scope);
  if (!described && !rows.some((r) => r.scope === scope)) throw notFound(`The scope ${scope}`);
  const worstHours = hoursOfScope
    .map((h) => ({ at: h.at.toISOString(), share: hourShare(h) }))
    .filter((h): h is { at: string; share: number } => h.share !== null && h.share < 1)
    .sort((a, b) => a.share - b.share || a.at.localeCompare(b.at))
    .slice(0, WORST_HOURS);
  return {
    month,
    timeZone,
    from: from.toISOString(),
    to: to.toISOString(),
    hoursInMonth: hours,
    rows,
    detail: {
      scope,
      name: described?.name ?? scope,
      ...availabilityOf(hoursOfScope),
      worstHours,
      outages,
    },
  };
}

const csvHeader = [
  "month",
  "timeZone",
  "kind",
  "name",
  "availablePercent",
  "inFallbackPercent",
  "phoneHours",
  "coveredHours",
  "hoursInMonth",
];
const percent = (share: number | null) => (share === null ? "" : (share * 100).toFixed(3));

/** The report's table as CSV: one row per scope (fleet, sites, sources). */
export async function availabilityCsv(query: Query, bom: boolean, now = new Date()): Promise<string> {
  const report = await availabilityReport(query, now);
  const rows: CsvValue[][] = report.rows.map((r) => [
    report.month,
    report.timeZone,
    r.kind,
    r.name,
    percent(r.available),
    percent(r.inFallback),
    Math.round(r.phoneHours * 10) / 10,
    Math.round(r.coveredHours * 10) / 10,
    report.hoursInMonth,
  ]);
  return csvDocument(csvHeader, rows, { bom });
}
