// The overview managers read: registration per fleet, source, site, model and protocol; why
// phones are not registered; the trend with its biggest drops; flapping phones; source freshness.
import "server-only";
import { z } from "zod";
import * as contracts from "@/lib/api/contracts/inventory";
import { countSources, deviceStatuses, flappingDevices, sourcesWithHealth } from "@/lib/db/overview";
import { peakAt, peakRegisteredPerSource, trendSamples } from "@/lib/db/trend-samples";
import { reportTimeZone } from "./time-zone";
import { readSummary, writeSummary } from "@/lib/db/inventory-summary";
import * as siteEventsDb from "@/lib/db/site-events";
import { toSiteEvent } from "@/lib/api/site-events";
import { sourceFreshness } from "@/lib/domain/freshness";
import { parseJson } from "@/lib/domain/json";
import {
  asRegistrationStatus,
  effectiveTotalOf,
  emptyCounts,
  emptyEffectiveCounts,
  totalOf,
  type EffectiveCounts,
  type StatusCounts,
} from "@/lib/domain/status";
import { bucketSamples, planBuckets, type BucketPlan, type TrendRange } from "@/lib/domain/trend";
import { currentCounts, keptYoung, type InventoryCounts } from "@/lib/inventory/summary";

type Overview = z.input<typeof contracts.getOverview.response>;

/** A device that changed status this often in the window counts as flapping. */
export const FLAP_THRESHOLD = 3;
const FLAP_LIMIT = 10;

const withTotal = (counts: StatusCounts) => ({ counts, total: totalOf(counts) });
const withEffectiveTotal = <T extends { counts: EffectiveCounts }>(group: T) => ({
  ...group,
  total: effectiveTotalOf(group.counts),
});

const response = contracts.getOverview.response.shape;
/** The range's parts for one scope and zone (names are attached when read, so a renamed source shows at once). */
const rangePartsSchema = z.object({
  /** The end of the last bucket: kept parts serve only requests planning the same buckets. */
  to: z.string(),
  samples: z.array(
    z.object({
      at: z.string(),
      registered: z.number(),
      inFallback: z.number(),
      unregistered: z.number(),
      rejected: z.number(),
      partiallyRegistered: z.number(),
      unknown: z.number(),
    }),
  ),
  /** Per source, the most phones registered at once in the range (the drops compare now with it). */
  peaks: z.array(z.object({ sourceId: z.string(), peak: z.number() })),
  flapping: z.array(response.flapping.element.omit({ sourceName: true })),
});
type RangeParts = z.infer<typeof rangePartsSchema>;

async function countRangeParts(plan: BucketPlan, scope: string): Promise<RangeParts> {
  const [samples, peaks, flapping] = await Promise.all([
    trendSamples({ scope, resolution: plan.resolution, from: plan.from, to: plan.to }),
    peakRegisteredPerSource({ resolution: plan.resolution, from: plan.from, to: plan.to }),
    flappingDevices(plan.from, FLAP_THRESHOLD, FLAP_LIMIT),
  ]);
  const current = await deviceStatuses(flapping.map((f) => ({ sourceId: f.sourceId, name: f.subject })));
  const statusOf = new Map(current.map((d) => [`${d.sourceId}\u0000${d.name}`, d.registrationStatus]));
  return {
    to: plan.to.toISOString(),
    // An hourly row sums its 5-minute samples: the point is the hour's average.
    samples: samples.map(({ scope: _scope, samples: n, at, ...counts }) => ({
      at: at.toISOString(),
      ...(Object.fromEntries(
        Object.entries(counts).map(([k, v]) => [k, Math.round(v / Math.max(1, n))]),
      ) as typeof counts),
    })),
    peaks: peaks.map((p) => ({ sourceId: p.scope.slice("source:".length), peak: p.peak })),
    flapping: flapping.map((f) => {
      const status = statusOf.get(`${f.sourceId}\u0000${f.subject}`);
      return {
        sourceId: f.sourceId,
        name: f.subject,
        changes: f.changes,
        registrationStatus: status ? asRegistrationStatus(status) : null,
        lastChangeAt: f.lastChangeAt.toISOString(),
      };
    }),
  };
}

/** Per process, the range parts being worked out now, so readers that miss together count once. */
const counting = new Map<string, Promise<RangeParts>>();

/**
 * The trend samples, per-source peaks and flapping phones of a range. They are kept per range,
 * scope and zone in InventorySummary ("overview:trend:<range>:<scope>:<zone>") for KEPT_BOUND_MS
 * and shared by every reader and instance.
 */
async function rangeParts(range: TrendRange, scope: string, plan: BucketPlan, now: Date): Promise<RangeParts> {
  const key = `overview:trend:${range}:${scope}:${plan.timeZone}`;
  const row = await readSummary(key);
  if (row && keptYoung(row.computedAt, now)) {
    const kept = rangePartsSchema.safeParse(parseJson(row.data));
    if (kept.success && kept.data.to === plan.to.toISOString()) return kept.data;
  }
  const flight = `${key}:${plan.to.toISOString()}`;
  let pending = counting.get(flight);
  if (!pending) {
    pending = (async () => {
      const parts = await countRangeParts(plan, scope);
      await writeSummary({ key, data: JSON.stringify(parts), computedAt: now, version: 0 });
      return parts;
    })().finally(() => counting.delete(flight));
    counting.set(flight, pending);
  }
  return pending;
}

/** The scope's counts now: the trend's last point, the same figures the cards and tables show. */
function scopeCounts(counts: InventoryCounts, scope: string): EffectiveCounts | undefined {
  if (scope === "fleet") return counts.fleet;
  if (scope.startsWith("site:")) return counts.bySite.find((s) => `site:${s.site}` === scope)?.counts;
  const source = counts.perSource[scope.slice("source:".length)];
  return source ? { ...source, inFallback: 0, neverRegistered: 0, notSeen: 0 } : undefined;
}

/**
 * Sources with fewer phones registered now than at their peak in the range, biggest first: now
 * is the per-source count beside it, the peak the most registered in any 5-minute (24 h) or
 * hourly sample, so a drop within an hour shows.
 */
async function biggestDrops(parts: RangeParts, counts: InventoryCounts, plan: BucketPlan, limit = 5) {
  const drops = parts.peaks
    .map((p) => ({ ...p, current: counts.perSource[p.sourceId]?.registered }))
    .filter((d): d is typeof d & { current: number } => d.current !== undefined && d.peak > d.current)
    .map((d) => ({ ...d, drop: d.peak - d.current }))
    .sort((a, b) => b.drop - a.drop || a.sourceId.localeCompare(b.sourceId))
    .slice(0, limit);
  return Promise.all(
    drops.map(async (d) => {
      const at = await peakAt({
        resolution: plan.resolution,
        scope: `source:${d.sourceId}`,
        from: plan.from,
        to: plan.to,
      });
      return { ...d, peakAt: (at ?? plan.from).toISOString() };
    }),
  );
}

export async function getOverview(
  range: TrendRange,
  now = new Date(),
  options: { timeZone?: string; scope?: string } = {},
): Promise<Overview> {
  const timeZone = await reportTimeZone(options.timeZone);
  const scope = options.scope ?? "fleet";
  const plan = planBuckets(range, now, timeZone);
  // The counts that do not depend on the range come kept by the poll worker when current enough.
  const [{ counts, countedAt }, parts, sources, siteEvents] = await Promise.all([
    currentCounts(now),
    rangeParts(range, scope, plan, now),
    sourcesWithHealth(),
    siteEventsDb.listSiteEvents({ since: plan.from, limit: 20 }),
  ]);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const nameOf = (sourceId: string) => sourceById.get(sourceId)?.name ?? sourceId;
  const points = bucketSamples(
    plan,
    parts.samples.map((s) => ({ ...s, at: new Date(s.at) })),
    scopeCounts(counts, scope),
  );
  const drops = await biggestDrops(parts, counts, plan);

  return {
    generatedAt: now.toISOString(),
    countedAt: countedAt.toISOString(),
    range,
    fleet: withEffectiveTotal({ counts: counts.fleet }),
    kinds: {
      deskPhones: withEffectiveTotal({ counts: counts.kinds?.deskPhones ?? counts.fleet }),
      softClients: withEffectiveTotal({ counts: counts.kinds?.softClients ?? emptyEffectiveCounts() }),
      infrastructure: withEffectiveTotal({ counts: counts.kinds?.infrastructure ?? emptyEffectiveCounts() }),
    },
    bySource: sources.map((s) => ({
      sourceId: s.id,
      name: s.name,
      kind: s.kind,
      site: s.site,
      ...withTotal(counts.perSource[s.id] ?? emptyCounts()),
      standby: counts.standby?.[s.id] ?? 0,
    })),
    bySite: counts.bySite.map(withEffectiveTotal),
    byModel: counts.byModel.map(withEffectiveTotal),
    byProtocol: counts.byProtocol.map(withEffectiveTotal),
    siteEvents: siteEvents.map((e) => toSiteEvent(e, now)),
    notRegistered: counts.notRegistered,
    trend: {
      bucketMinutes: plan.bucketMs / 60_000,
      timeZone,
      scope,
      points: points.map((p) => ({ ...p, at: p.at.toISOString() })),
    },
    drops: drops.map((d) => ({ ...d, name: nameOf(d.sourceId), site: sourceById.get(d.sourceId)?.site ?? "" })),
    flapping: parts.flapping.map((f) => ({ ...f, sourceName: nameOf(f.sourceId) })),
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
