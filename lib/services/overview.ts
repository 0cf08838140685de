// The overview managers read: registration per fleet, source, site, model and protocol; why
// phones are not registered; the trend with its biggest drops; flapping phones; source freshness.
import "server-only";
import type { z } from "zod";
import type * as contracts from "@/lib/api/contracts/inventory";
import {
  countSources,
  deviceGroups,
  deviceStatuses,
  effectiveGroups,
  flappingDevices,
  latestPollsPerBucket,
  reasonCounts,
  sourcesWithHealth,
  type DeviceGroup,
  type EffectiveGroup,
} from "@/lib/db/overview";
import * as siteEventsDb from "@/lib/db/site-events";
import { toSiteEvent } from "@/lib/api/site-events";
import { sourceFreshness } from "@/lib/domain/freshness";
import { reasonInWords } from "@/lib/domain/reasons";
import {
  asRegistrationStatus,
  countKey,
  effectiveCountKey,
  effectiveTotalOf,
  emptyCounts,
  emptyEffectiveCounts,
  totalOf,
  type EffectiveCounts,
  type StatusCounts,
} from "@/lib/domain/status";
import { biggestDrops, bucketTrend, planBuckets, type TrendRange } from "@/lib/domain/trend";

type Overview = z.input<typeof contracts.getOverview.response>;

/** A device that changed status this often in the window counts as flapping. */
export const FLAP_THRESHOLD = 3;
const FLAP_LIMIT = 10;

function tally<K>(groups: readonly DeviceGroup[], keyOf: (g: DeviceGroup) => K): Map<K, StatusCounts> {
  const out = new Map<K, StatusCounts>();
  for (const g of groups) {
    const key = keyOf(g);
    let counts = out.get(key);
    if (!counts) out.set(key, (counts = emptyCounts()));
    counts[countKey(g.registrationStatus)] += g.count;
  }
  return out;
}

function tallyEffective<K>(
  groups: readonly EffectiveGroup[],
  keyOf: (g: EffectiveGroup) => K,
): Map<K, EffectiveCounts> {
  const out = new Map<K, EffectiveCounts>();
  for (const g of groups) {
    const key = keyOf(g);
    let counts = out.get(key);
    if (!counts) out.set(key, (counts = emptyEffectiveCounts()));
    counts[effectiveCountKey(g.effectiveStatus)] += g.count;
  }
  return out;
}

const withTotal = (counts: StatusCounts) => ({ counts, total: totalOf(counts) });
const withEffectiveTotal = (counts: EffectiveCounts) => ({ counts, total: effectiveTotalOf(counts) });
const byTotal = <T extends { total: number }>(a: T, b: T) => b.total - a.total;

export async function getOverview(range: TrendRange, now = new Date()): Promise<Overview> {
  const plan = planBuckets(range, now);
  const [groups, effective, reasons, polls, flapping, sources, siteEvents] = await Promise.all([
    deviceGroups(),
    effectiveGroups(),
    reasonCounts(["unregistered", "rejected", "partially-registered"]),
    latestPollsPerBucket(plan.starts, plan.bucketMs),
    flappingDevices(plan.from, FLAP_THRESHOLD, FLAP_LIMIT),
    sourcesWithHealth(),
    siteEventsDb.listSiteEvents({ since: plan.from, limit: 20 }),
  ]);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const siteOf = (sourceId: string) => sourceById.get(sourceId)?.site ?? "";

  // Fleet, site, model and protocol count devices once each by effective status; sources count their own records.
  const fleet = tallyEffective(effective, () => "fleet").get("fleet") ?? emptyEffectiveCounts();
  const perSource = tally(groups, (g) => g.sourceId);
  const bySource = sources.map((s) => ({
    sourceId: s.id,
    name: s.name,
    kind: s.kind,
    site: s.site,
    ...withTotal(perSource.get(s.id) ?? emptyCounts()),
  }));
  const bySite = [...tallyEffective(effective, (g) => g.site)]
    .map(([site, counts]) => ({ site, ...withEffectiveTotal(counts) }))
    .sort(byTotal);
  const byModel = [...tallyEffective(effective, (g) => g.model)]
    .map(([model, counts]) => ({ model, ...withEffectiveTotal(counts) }))
    .sort(byTotal);
  const byProtocol = [...tallyEffective(effective, (g) => g.protocol)]
    .map(([protocol, counts]) => ({ protocol, ...withEffectiveTotal(counts) }))
    .sort(byTotal);

  // Reasons stored with different spacing or as codes can read the same in words: merge them.
  const reasonTotals = new Map<
    string,
    { status: ReturnType<typeof asRegistrationStatus>; reason: string; count: number }
  >();
  for (const r of reasons) {
    const status = asRegistrationStatus(r.registrationStatus);
    const reason = reasonInWords(r.statusReason);
    const key = `${status}\u0000${reason}`;
    const held = reasonTotals.get(key);
    if (held) held.count += r.count;
    else reasonTotals.set(key, { status, reason, count: r.count });
  }

  const { fleet: points, perSource: series } = bucketTrend(plan, polls);
  const drops = biggestDrops(plan, series).map((d) => ({
    ...d,
    peakAt: d.peakAt.toISOString(),
    name: sourceById.get(d.sourceId)?.name ?? d.sourceId,
    site: siteOf(d.sourceId),
  }));

  const current = await deviceStatuses(flapping.map((f) => ({ sourceId: f.sourceId, name: f.subject })));
  const statusOf = new Map(current.map((d) => [`${d.sourceId}\u0000${d.name}`, d.registrationStatus]));

  return {
    generatedAt: now.toISOString(),
    range,
    fleet: withEffectiveTotal(fleet),
    bySource,
    bySite,
    byModel,
    byProtocol,
    siteEvents: siteEvents.map((e) => toSiteEvent(e, now)),
    notRegistered: [...reasonTotals.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    trend: { bucketMinutes: plan.bucketMs / 60_000, points: points.map((p) => ({ ...p, at: p.at.toISOString() })) },
    drops,
    flapping: flapping.map((f) => {
      const status = statusOf.get(`${f.sourceId}\u0000${f.subject}`);
      return {
        sourceId: f.sourceId,
        sourceName: sourceById.get(f.sourceId)?.name ?? f.sourceId,
        name: f.subject,
        changes: f.changes,
        registrationStatus: status ? asRegistrationStatus(status) : null,
        lastChangeAt: f.lastChangeAt.toISOString(),
      };
    }),
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      site: s.site,
      enabled: s.enabled,
      health: s.health?.status ?? "unknown",
      ...sourceFreshness(s, now),
      pollIntervalS: s.pollIntervalS,
      lastAttemptAt: s.health?.lastAttemptAt?.toISOString() ?? null,
      lastSuccessAt: s.health?.lastSuccessAt?.toISOString() ?? null,
      consecutiveFailures: s.health?.consecutiveFailures ?? 0,
    })),
  };
}

/** Whether any router or cluster is configured (pages show an empty state until one is). */
export async function hasSources(): Promise<boolean> {
  return (await countSources()) > 0;
}
