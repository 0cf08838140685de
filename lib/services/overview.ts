// The overview managers read: registration per fleet, source, site, model and protocol; why
// phones are not registered; the trend with its biggest drops; flapping phones; source freshness.
import "server-only";
import { z } from "zod";
import * as contracts from "@/lib/api/contracts/inventory";
import {
  countSources,
  deviceStatuses,
  flappingDevices,
  latestPollsPerBucket,
  sourcesWithHealth,
} from "@/lib/db/overview";
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
import { biggestDrops, bucketTrend, planBuckets, type BucketPlan, type TrendRange } from "@/lib/domain/trend";
import { currentCounts, keptYoung } from "@/lib/inventory/summary";

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
/** The range's parts by source id (names are attached when read, so a renamed source shows at once). */
const rangePartsSchema = z.object({
  /** The end of the last bucket: kept parts serve only requests planning the same buckets. */
  to: z.string(),
  trend: response.trend,
  drops: z.array(response.drops.element.omit({ name: true, site: true })),
  flapping: z.array(response.flapping.element.omit({ sourceName: true })),
});
type RangeParts = z.infer<typeof rangePartsSchema>;

async function countRangeParts(plan: BucketPlan): Promise<RangeParts> {
  const [polls, flapping] = await Promise.all([
    latestPollsPerBucket(plan.starts, plan.bucketMs),
    flappingDevices(plan.from, FLAP_THRESHOLD, FLAP_LIMIT),
  ]);
  const { fleet: points, perSource: series } = bucketTrend(plan, polls);
  const current = await deviceStatuses(flapping.map((f) => ({ sourceId: f.sourceId, name: f.subject })));
  const statusOf = new Map(current.map((d) => [`${d.sourceId}\u0000${d.name}`, d.registrationStatus]));
  return {
    to: plan.to.toISOString(),
    trend: { bucketMinutes: plan.bucketMs / 60_000, points: points.map((p) => ({ ...p, at: p.at.toISOString() })) },
    drops: biggestDrops(plan, series).map((d) => ({ ...d, peakAt: d.peakAt.toISOString() })),
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
 * The trend, drops and flapping phones of a range. They read every source's polls per bucket and
 * the window's change log (tens of ms at 100,000 devices for 7 or 30 days), so they are kept per
 * range in InventorySummary ("overview:trend:<range>") for KEPT_BOUND_MS and shared by every
 * reader and instance: a finished poll shows in them within that bound. Any poll counts here, not
 * only one that changed data (a source's first poll in a bucket adds it to the point).
 */
async function rangeParts(range: TrendRange, plan: BucketPlan, now: Date): Promise<RangeParts> {
  const key = `overview:trend:${range}`;
  const row = await readSummary(key);
  if (row && keptYoung(row.computedAt, now)) {
    const kept = rangePartsSchema.safeParse(parseJson(row.data));
    if (kept.success && kept.data.to === plan.to.toISOString()) return kept.data;
  }
  const flight = `${key}:${plan.to.toISOString()}`;
  let pending = counting.get(flight);
  if (!pending) {
    pending = (async () => {
      const parts = await countRangeParts(plan);
      await writeSummary({ key, data: JSON.stringify(parts), computedAt: now, version: 0 });
      return parts;
    })().finally(() => counting.delete(flight));
    counting.set(flight, pending);
  }
  return pending;
}

export async function getOverview(range: TrendRange, now = new Date()): Promise<Overview> {
  const plan = planBuckets(range, now);
  // The counts that do not depend on the range come kept by the poll worker when current enough.
  const [{ counts, countedAt }, parts, sources, siteEvents] = await Promise.all([
    currentCounts(now),
    rangeParts(range, plan, now),
    sourcesWithHealth(),
    siteEventsDb.listSiteEvents({ since: plan.from, limit: 20 }),
  ]);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const nameOf = (sourceId: string) => sourceById.get(sourceId)?.name ?? sourceId;

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
    })),
    bySite: counts.bySite.map(withEffectiveTotal),
    byModel: counts.byModel.map(withEffectiveTotal),
    byProtocol: counts.byProtocol.map(withEffectiveTotal),
    siteEvents: siteEvents.map((e) => toSiteEvent(e, now)),
    notRegistered: counts.notRegistered,
    trend: parts.trend,
    drops: parts.drops.map((d) => ({ ...d, name: nameOf(d.sourceId), site: sourceById.get(d.sourceId)?.site ?? "" })),
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
