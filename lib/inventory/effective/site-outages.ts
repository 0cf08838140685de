// Site-outage hints: when a large share of one site's phones leave "registered" within one poll
// window, one SiteEvent says so (how many left, how many are in fallback on which router) instead
// of a wall of per-phone changes; it follows the counts while open and ends when the site recovers.
import {
  createSiteEvent,
  openSiteEvents,
  siteOutCounts,
  updateSiteEvent,
  type SiteOutCount,
} from "@/lib/db/site-events";
import { sourcesForEffective, type SourceFreshnessRow } from "@/lib/db/phone-identity";
import { log } from "@/lib/log";
import { outageThreshold, readOutageSettings } from "./outage-settings";

/** Phones that leave within this window of each other left "together": the longest poll interval, with room for jitter. */
export function outageWindowMs(intervalsS: readonly number[]): number {
  return Math.max(60, ...intervalsS) * 1000 * 1.5;
}

function fallbackSummary(count: SiteOutCount, names: ReadonlyMap<string, string>) {
  const routers = count.inFallback
    .map((f) => ({ sourceId: f.sourceId, name: names.get(f.sourceId) ?? f.sourceId, count: f.count }))
    .sort((a, b) => b.count - a.count);
  return { routers, total: routers.reduce((sum, r) => sum + r.count, 0) };
}

/** `sources`: the caller's fresh read of them, when it has one. */
export async function checkSiteOutages(sites: Iterable<string>, at: Date, given?: SourceFreshnessRow[]): Promise<void> {
  const wanted = [...new Set(sites)].filter(Boolean);
  if (wanted.length === 0) return;
  const [settings, sources, open] = await Promise.all([
    readOutageSettings(),
    given ?? sourcesForEffective(),
    openSiteEvents(wanted),
  ]);
  const windowMs = outageWindowMs(sources.filter((s) => s.enabled).map((s) => s.pollIntervalS));
  const names = new Map(sources.map((s) => [s.id, s.name]));

  for (const event of open) {
    const [count] = await siteOutCounts([event.site], new Date(event.startedAt.getTime() - windowMs));
    if (!count) continue;
    const fallback = fallbackSummary(count, names);
    const ended = count.out < outageThreshold(settings, event.phones);
    await updateSiteEvent(event.id, {
      out: count.out,
      peakOut: Math.max(event.peakOut, count.out),
      inFallback: fallback.total,
      peakInFallback: Math.max(event.peakInFallback, fallback.total),
      fallbackRouters: JSON.stringify(fallback.routers),
      ...(ended ? { endedAt: at } : {}),
    });
    if (ended)
      log.info("site outage ended", {
        site: event.site,
        minutes: Math.round((at.getTime() - event.startedAt.getTime()) / 60_000),
      });
  }

  const quiet = wanted.filter((site) => !open.some((e) => e.site === site));
  for (const count of await siteOutCounts(quiet, new Date(at.getTime() - windowMs))) {
    if (count.phones === 0 || count.out < outageThreshold(settings, count.phones)) continue;
    const fallback = fallbackSummary(count, names);
    await createSiteEvent({
      site: count.site,
      startedAt: at,
      phones: count.phones,
      peakOut: count.out,
      out: count.out,
      inFallback: fallback.total,
      peakInFallback: fallback.total,
      fallbackRouters: JSON.stringify(fallback.routers),
    });
    log.warn("site outage", { site: count.site, out: count.out, phones: count.phones, inFallback: fallback.total });
  }
}
