// The overview's range-independent counts (fleet, per source, site, model, protocol, reasons),
// counted live or kept: the poll worker's keeper recounts them after changes, at most every few
// seconds, so 50 readers do not each count 100,000 devices per request while the fleet polls.
import { z } from "zod";
import {
  deviceGroups,
  effectiveGroups,
  reasonCounts,
  standbyPerSource,
  type DeviceGroup,
  type EffectiveGroup,
} from "@/lib/db/overview";
import {
  effectiveFreshness,
  inventoryVersion,
  newestPollPerSource,
  pollsSince,
  readSummary,
  writeSummary,
} from "@/lib/db/inventory-summary";
import { parseJson } from "@/lib/domain/json";
import { reasonInWords } from "@/lib/domain/reasons";
import { PHONE_CLASS, deviceGroupOf } from "@/lib/domain/device-classes";
import {
  asRegistrationStatus,
  countKey,
  effectiveCountKey,
  effectiveTotalOf,
  emptyCounts,
  emptyEffectiveCounts,
  registrationStatuses,
  type EffectiveCounts,
  type StatusCounts,
} from "@/lib/domain/status";
import { log } from "@/lib/log";

export const COUNTS_KEY = "overview:counts";
/** How long kept counts stand in for a recount while polls keep changing data (see keptCounts). */
export const KEPT_BOUND_MS = 10_000;

const statusCounts = z.object({
  registered: z.number(),
  unregistered: z.number(),
  rejected: z.number(),
  partiallyRegistered: z.number(),
  unknown: z.number(),
});
// Counts kept before configured inventories existed read as none of those.
const effectiveCounts = statusCounts.extend({
  inFallback: z.number(),
  neverRegistered: z.number().default(0),
  notSeen: z.number().default(0),
});
const countsSchema = z.object({
  fleet: effectiveCounts,
  /** Each source's own records by the status it reports, by source id. */
  perSource: z.record(z.string(), statusCounts),
  bySite: z.array(z.object({ site: z.string(), counts: effectiveCounts })),
  byModel: z.array(z.object({ model: z.string(), counts: effectiveCounts })),
  byProtocol: z.array(z.object({ protocol: z.string(), counts: effectiveCounts })),
  notRegistered: z.array(
    z.object({
      status: z.enum(registrationStatuses),
      reason: z.string(),
      /** The stored reason the count was made from: what the phones list filters by. */
      storedReason: z.string().default(""),
      count: z.number(),
    }),
  ),
  /** Per source, phone records not registered there whose phone is registered on its cluster (an SRST router's standby). */
  standby: z.record(z.string(), z.number()).optional(),
  /** Desk phones, soft clients and infrastructure devices apart (fleet and the rest count phones only). */
  kinds: z
    .object({ deskPhones: effectiveCounts, softClients: effectiveCounts, infrastructure: effectiveCounts })
    .optional(),
});
export type InventoryCounts = z.infer<typeof countsSchema>;

/** What the counts were made from, read before counting: what keptCounts compares with now. */
const marksSchema = z.object({
  /** Each source's newest poll start (epoch ms; null: never polled). */
  polls: z.record(z.string(), z.number().nullable()),
  /** Each source's SourceHealth.effectiveFresh. */
  fresh: z.record(z.string(), z.boolean().nullable()),
});
const storedSchema = z.object({ counts: countsSchema, marks: marksSchema });
type Marks = z.infer<typeof marksSchema>;

function tally<G, K>(groups: readonly G[], keyOf: (g: G) => K, add: (counts: EffectiveCounts, g: G) => void) {
  const out = new Map<K, EffectiveCounts>();
  for (const g of groups) {
    const key = keyOf(g);
    let counts = out.get(key);
    if (!counts) out.set(key, (counts = emptyEffectiveCounts()));
    add(counts, g);
  }
  return out;
}
const addEffective = (counts: EffectiveCounts, g: EffectiveGroup) => {
  counts[effectiveCountKey(g.effectiveStatus)] += g.count;
};
const addRegistration = (counts: StatusCounts, g: DeviceGroup) => {
  counts[countKey(g.registrationStatus)] += g.count;
};
const mostFirst = <T extends { counts: EffectiveCounts }>(a: T, b: T) =>
  effectiveTotalOf(b.counts) - effectiveTotalOf(a.counts);

/** Counts every device now: three GROUP BY scans over the devices. */
export async function countInventory(): Promise<InventoryCounts> {
  const [groups, effective, reasons, standby] = await Promise.all([
    deviceGroups(),
    effectiveGroups(),
    reasonCounts(["unregistered", "rejected", "partially-registered"]),
    standbyPerSource(),
  ]);
  // Fleet, site, model and protocol count phones once each by effective status (trunks, gateways
  // and media resources apart, in kinds); sources count their own phone records.
  const perSource: Record<string, StatusCounts> = {};
  for (const g of groups) addRegistration((perSource[g.sourceId] ??= emptyCounts()), g);
  const phones = effective.filter((g) => g.deviceClass === PHONE_CLASS);
  const by = (keyOf: (g: EffectiveGroup) => string) => [...tally(phones, keyOf, addEffective)];
  const kinds = tally(effective, (g) => deviceGroupOf(g.deviceClass, g.model), addEffective);

  // Reasons stored with different spacing or as codes can read the same in words: merge them.
  const reasonTotals = new Map<string, InventoryCounts["notRegistered"][number]>();
  for (const r of reasons) {
    const status = asRegistrationStatus(r.registrationStatus);
    const reason = reasonInWords(r.statusReason);
    const key = `${status}\u0000${reason}`;
    const held = reasonTotals.get(key);
    if (held) held.count += r.count;
    else reasonTotals.set(key, { status, reason, storedReason: r.statusReason, count: r.count });
  }

  return {
    fleet: tally(phones, () => "fleet", addEffective).get("fleet") ?? emptyEffectiveCounts(),
    standby,
    kinds: {
      deskPhones: kinds.get("desk-phone") ?? emptyEffectiveCounts(),
      softClients: kinds.get("soft-client") ?? emptyEffectiveCounts(),
      infrastructure: kinds.get("infrastructure") ?? emptyEffectiveCounts(),
    },
    perSource,
    bySite: by((g) => g.site)
      .map(([site, counts]) => ({ site, counts }))
      .sort(mostFirst),
    byModel: by((g) => g.model)
      .map(([model, counts]) => ({ model, counts }))
      .sort(mostFirst),
    byProtocol: by((g) => g.protocol)
      .map(([protocol, counts]) => ({ protocol, counts }))
      .sort(mostFirst),
    notRegistered: [...reasonTotals.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

/** Counts now and stores them with what they were made from (read first: a poll landing meanwhile reads as newer). */
export async function recountInventory(at: Date): Promise<void> {
  const [polls, fresh, version] = await Promise.all([newestPollPerSource(), effectiveFreshness(), inventoryVersion()]);
  const counts = await countInventory();
  const marks: Marks = {
    polls: Object.fromEntries([...polls].map(([id, t]) => [id, t?.getTime() ?? null])),
    fresh: Object.fromEntries(fresh),
  };
  await writeSummary({ key: COUNTS_KEY, data: JSON.stringify({ counts, marks }), computedAt: at, version });
}

/**
 * Per process, how far polls were already found unchanged since the kept counts (by their
 * computedAt): the next check reads only the polls after that, however long the fleet stays quiet.
 */
let verified: { computedAt: number; polls: Map<string, number | null> } | null = null;

/** Whether no data changed since the counts were made: no source added, removed or freshened, no poll that changed data. */
async function unchangedSince(marks: Marks, computedAt: Date, version: number): Promise<boolean> {
  const [fresh, currentVersion] = await Promise.all([effectiveFreshness(), inventoryVersion()]);
  if (currentVersion !== version) return false;
  if (fresh.size !== Object.keys(marks.fresh).length) return false;
  for (const [id, value] of fresh) if (!(id in marks.fresh) || marks.fresh[id] !== value) return false;

  const seen = verified?.computedAt === computedAt.getTime() ? verified.polls : new Map<string, number | null>();
  const after = [...fresh.keys()].map((sourceId) => {
    const t = seen.get(sourceId) ?? marks.polls[sourceId] ?? null;
    return { sourceId, after: t === null ? null : new Date(t) };
  });
  const since = await pollsSince(after);
  if (since.some((p) => p.changed)) return false;
  // Polls of one source never overlap (the lease), so a later poll of it starts after the newest seen here.
  const polls = new Map(after.map((a) => [a.sourceId, a.after?.getTime() ?? null]));
  for (const p of since) if (p.newest) polls.set(p.sourceId, p.newest.getTime());
  verified = { computedAt: computedAt.getTime(), polls };
  return true;
}

/**
 * The kept counts, when they may stand for the fleet now; null means count live. The rule:
 * - no summary row (a fresh install, a test or a process without a keeper): count live;
 * - counts made within KEPT_BOUND_MS of now: use them, even while polls keep changing data, so
 *   50 readers do not each recount under churn (the keeper recounts within its interval anyway);
 * - older counts: use them only if nothing changed since they were made (no poll that changed
 *   data since each source's newest poll at counting time, no source added, removed or whose
 *   freshness flipped, same Setting "inventory.version"). So a finished poll hides behind kept
 *   counts for at most KEPT_BOUND_MS, even with no keeper running.
 */
/** Kept rows this young are used as they are. Either way round: a worker whose clock runs ahead does not keep them young for longer. */
export const keptYoung = (computedAt: Date, now: Date, boundMs = KEPT_BOUND_MS): boolean =>
  Math.abs(now.getTime() - computedAt.getTime()) <= boundMs;

export async function keptCounts(
  now: Date,
  boundMs = KEPT_BOUND_MS,
): Promise<{ counts: InventoryCounts; countedAt: Date } | null> {
  const row = await readSummary(COUNTS_KEY);
  if (!row) return null;
  const parsed = storedSchema.safeParse(parseJson(row.data));
  if (!parsed.success) return null;
  if (
    !keptYoung(row.computedAt, now, boundMs) &&
    !(await unchangedSince(parsed.data.marks, row.computedAt, row.version))
  )
    return null;
  return { counts: parsed.data.counts, countedAt: row.computedAt };
}

/** Per process, the live count under way: readers that need one together share it. */
let counting: Promise<{ counts: InventoryCounts; countedAt: Date }> | null = null;

/** The counts, kept when current enough (see keptCounts), else counted now. */
export async function currentCounts(now: Date): Promise<{ counts: InventoryCounts; countedAt: Date }> {
  const kept = await keptCounts(now);
  if (kept) return kept;
  counting ??= countInventory()
    .then((counts) => ({ counts, countedAt: now }))
    .finally(() => {
      counting = null;
    });
  return counting;
}

export interface SummaryKeeper {
  /** Data changed (a poll wrote changes, effective states were worked out again): recount soon. */
  changed(): void;
  /** Counts every change reported so far now, without waiting out the interval. */
  flush(): Promise<void>;
  /**
   * Counts the changes still waiting (readers would otherwise count live until a worker runs
   * again), then recounts no more.
   */
  stop(): Promise<void>;
}

export interface SummaryKeeperOptions {
  /** Clock in epoch ms; tests inject one. */
  now?: () => number;
  /** At most one recount per this many ms (default 2 s); changes in between wait for the next. */
  minIntervalMs?: number;
  /** Runs `run` after `ms` and returns a cancel function; tests pass a manual timer. */
  timer?: (run: () => void, ms: number) => () => void;
  /** One recount (default: recountInventory). */
  recount?: (at: Date) => Promise<void>;
}

const MAX_RETRY_MS = 60_000;

const realTimer = (run: () => void, ms: number) => {
  const handle = setTimeout(run, ms);
  handle.unref?.();
  return () => clearTimeout(handle);
};

/**
 * Recounts after changes: the first change after a quiet spell at once, later ones together at
 * most once per minIntervalMs, never two recounts at once, and always one more after the last
 * change (a change during a recount is counted by the next). A failed recount is retried with backoff.
 */
export function createSummaryKeeper(options: SummaryKeeperOptions = {}): SummaryKeeper {
  const clock = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 2_000;
  const timer = options.timer ?? realTimer;
  const recount = options.recount ?? recountInventory;
  // Changes are numbered: a recount counts those reported before it started.
  let changes = 0;
  let started = 0;
  let counted = 0;
  let failures = 0;
  let lastStart = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;
  let cancelTimer: (() => void) | null = null;
  let stopped = false;

  function schedule(): void {
    if (stopped || running || cancelTimer || changes <= started) return;
    const gap = failures > 0 ? Math.min(minIntervalMs * 2 ** failures, MAX_RETRY_MS) : minIntervalMs;
    const wait = lastStart + gap - clock();
    if (wait <= 0) start();
    else
      cancelTimer = timer(() => {
        cancelTimer = null;
        schedule();
      }, wait);
  }

  function start(): void {
    const upTo = changes;
    started = upTo;
    lastStart = clock();
    running = recount(new Date(lastStart))
      .then(
        () => {
          counted = Math.max(counted, upTo);
          failures = 0;
        },
        (error: unknown) => {
          failures += 1;
          started = counted;
          log.error("inventory counts not kept", { error: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => {
        running = null;
        schedule();
      });
  }

  async function flush(): Promise<void> {
    const target = changes;
    while (counted < target && !stopped) {
      if (running) {
        await running;
        continue;
      }
      cancelTimer?.();
      cancelTimer = null;
      const before = failures;
      start();
      await running;
      if (failures > before) return;
    }
  }

  return {
    changed() {
      changes += 1;
      schedule();
    },
    flush,
    async stop() {
      if (!stopped) await flush();
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      if (running) await running;
    },
  };
}
