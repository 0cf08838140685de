// Works out the effective state of the devices a poll touched (and, when a source turns stale or
// fresh again, of all its devices), writes only what moved, then checks the sites they are in for
// a site outage. Runs after each poll; a failure here never fails the poll.
import { deviceIdentity } from "@/lib/db/device-identity";
import {
  identitiesOf,
  markEffectiveFresh,
  recordsOfIdentities,
  returningSince,
  sourcesForEffective,
  writeEffective,
  type EffectiveValues,
  type IdentityRecord,
  type SourceFreshnessRow,
} from "@/lib/db/phone-identity";
import { listSiteRules } from "@/lib/db/site-settings";
import { countsAsFresh } from "@/lib/domain/staleness";
import { macOf } from "@/lib/domain/mac";
import { RETURN_GRACE_MS, nextTimes, resolveDevice, type SourceFacts } from "./resolve";
import { siteMatcher, type SiteRule } from "@/lib/domain/site-rules";
import { checkSiteOutages } from "./site-outages";
import { evaluateAlertsNow, evaluateAlertsSoon } from "@/lib/alerts/worker";

/** Enabled and not stale (lib/domain/staleness.ts): the source's records count. */
export function dataFresh(source: SourceFreshnessRow, now: number): boolean {
  return countsAsFresh({ ...source, lastSuccessAt: source.health?.lastSuccessAt ?? null }, now);
}

export const identityOfName = (name: string) => deviceIdentity({ name, mac: macOf(name) });

export interface RecomputeResult {
  devices: number;
  /** Records whose stored effective values changed. */
  written: number;
  /** Sites whose devices moved (old and new site). */
  sites: Set<string>;
}

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function differs(row: IdentityRecord, values: EffectiveValues): boolean {
  return (
    row.listing !== values.listing ||
    row.effectiveStatus !== values.effectiveStatus ||
    row.fallbackSourceId !== values.fallbackSourceId ||
    row.site !== values.site ||
    !same(row.effectiveChangedAt, values.effectiveChangedAt) ||
    !same(row.leftRegisteredAt, values.leftRegisteredAt)
  );
}

async function context(now: number) {
  const [sources, rules] = await Promise.all([sourcesForEffective(), listSiteRules()]);
  const facts = new Map<string, SourceFacts>(
    sources.map((s) => [s.id, { kind: s.kind === "cucm" ? "cucm" : "cme", site: s.site, fresh: dataFresh(s, now) }]),
  );
  return { sources, facts, siteOf: siteMatcher(rules as SiteRule[]) };
}

// One recompute at a time in this process: two polls finishing together would otherwise each read
// a device before the other's write and the later write could keep the older answer. On globalThis
// because Next.js loads this module once per bundle (scheduler and route handlers).
const lock = globalThis as unknown as { linewatchEffectiveQueue?: Promise<unknown> };
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = (lock.linewatchEffectiveQueue ?? Promise.resolve()).then(work, work);
  lock.linewatchEffectiveQueue = run.catch(() => undefined);
  return run;
}

/** Recomputes the given identities' effective state; `at` stamps what changed. */
export function recomputeIdentities(identities: Iterable<string>, at: Date): Promise<RecomputeResult> {
  const wanted = [...identities];
  return serially(() => recompute(wanted, at));
}

async function recompute(
  identities: Iterable<string>,
  at: Date,
  ctx?: Awaited<ReturnType<typeof context>>,
  onProgress?: Progress,
): Promise<RecomputeResult> {
  const wanted = [...new Set(identities)].filter(Boolean);
  const result: RecomputeResult = { devices: 0, written: 0, sites: new Set() };
  if (wanted.length === 0) return result;
  const { facts, siteOf } = ctx ?? (await context(at.getTime()));
  const groups = new Map<string, { ids: string[]; values: EffectiveValues }>();
  for (let start = 0; start < wanted.length; start += 2_000) {
    await onProgress?.(start, wanted.length);
    const byIdentity = new Map<string, IdentityRecord[]>();
    for (const row of await recordsOfIdentities(wanted.slice(start, start + 2_000))) {
      const list = byIdentity.get(row.identity);
      if (list) list.push(row);
      else byIdentity.set(row.identity, [row]);
    }
    for (const rows of byIdentity.values()) {
      result.devices += 1;
      const previous = rows.find((r) => r.listing !== "shadow") ?? null;
      const resolved = resolveDevice(
        rows,
        facts,
        siteOf,
        previous && { status: previous.effectiveStatus, changedAt: previous.effectiveChangedAt },
        at,
      );
      const times = nextTimes(
        previous && {
          status: previous.effectiveStatus,
          changedAt: previous.effectiveChangedAt,
          leftRegisteredAt: previous.leftRegisteredAt,
        },
        resolved.status,
        at,
      );
      for (const row of rows) {
        const values: EffectiveValues = {
          listing: row.id === resolved.representativeId ? resolved.listing : "shadow",
          effectiveStatus: resolved.status,
          fallbackSourceId: resolved.fallbackSourceId,
          site: resolved.site,
          effectiveChangedAt: times.changedAt,
          leftRegisteredAt: times.leftRegisteredAt,
        };
        if (!differs(row, values)) continue;
        result.written += 1;
        if (
          row.effectiveStatus !== values.effectiveStatus ||
          row.site !== values.site ||
          row.listing !== values.listing
        ) {
          if (row.site) result.sites.add(row.site);
          if (values.site) result.sites.add(values.site);
        }
        const key = JSON.stringify(values);
        const group = groups.get(key);
        if (group) group.ids.push(row.id);
        else groups.set(key, { ids: [row.id], values });
      }
    }
  }
  await writeEffective([...groups.values()]);
  await onProgress?.(wanted.length, wanted.length);
  return result;
}

/**
 * Sources whose freshness changed since their devices were last worked out (stale, disabled, back
 * again, or never worked out): all their devices are recomputed. Cheap when nothing changed.
 */
export function refreshFreshness(at: Date, onlySourceId?: string): Promise<RecomputeResult> {
  return serially(() => refresh(at, onlySourceId));
}

async function refresh(
  at: Date,
  onlySourceId?: string,
  given?: Awaited<ReturnType<typeof context>>,
): Promise<RecomputeResult> {
  const ctx = given ?? (await context(at.getTime()));
  const total: RecomputeResult = { devices: 0, written: 0, sites: new Set() };
  // Phones "returning" from fallback for longer than the grace read as their sources say now,
  // even when no poll touches them again.
  const overdue = await returningSince(new Date(at.getTime() - RETURN_GRACE_MS));
  if (overdue.length > 0) {
    const done = await recompute(overdue, at, ctx);
    total.devices += done.devices;
    total.written += done.written;
    for (const site of done.sites) total.sites.add(site);
  }
  for (const source of ctx.sources) {
    if (onlySourceId && source.id !== onlySourceId) continue;
    if (!source.health) continue;
    const fresh = ctx.facts.get(source.id)!.fresh;
    if (source.health.effectiveFresh === fresh) continue;
    const done = await recompute(await identitiesOf(source.id), at, ctx);
    await markEffectiveFresh(source.id, fresh);
    total.devices += done.devices;
    total.written += done.written;
    for (const site of done.sites) total.sites.add(site);
  }
  return total;
}

/** One finished poll waiting for its effective states (see afterPoll). */
interface PendingPoll {
  sourceId: string;
  identities: string[];
  at: Date;
  settle: (outcome: { result: RecomputeResult } | { error: unknown }) => void;
}

// Polls that finish while a batch runs wait for the next one, together. On globalThis for the same
// reason as the queue above.
const batch = globalThis as unknown as {
  linewatchAfterPoll?: { pending: PendingPoll[]; queued: boolean; lastEnd: number; lastTook: number };
  linewatchBatchPacing?: BatchPacing;
};

/**
 * After a batch, the next one starts no sooner than `factor` times that batch's duration later
 * (at most maxWaitMs), so polls ending meanwhile join it: each batch reads every source and checks
 * sites, and at 1,000 routers batches of one or two polls back to back were much of a worker's CPU.
 * A quick batch (a small fleet, a test) barely waits.
 */
export interface BatchPacing {
  /** Monotonic milliseconds. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  factor: number;
  maxWaitMs: number;
}
const defaultBatchPacing: BatchPacing = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  factor: 2,
  maxWaitMs: 500,
};
const batchPacing = () => batch.linewatchBatchPacing ?? defaultBatchPacing;

/** Tests: a fake clock and sleep, or other pacing (undefined: the default). */
export function setBatchPacing(next: Partial<BatchPacing> | undefined): void {
  batch.linewatchBatchPacing = next ? { ...defaultBatchPacing, ...next } : undefined;
}

type BatchState = NonNullable<(typeof batch)["linewatchAfterPoll"]>;

async function pacedBatch(state: BatchState): Promise<void> {
  const pace = batchPacing();
  const wait = Math.min(pace.maxWaitMs, pace.factor * state.lastTook) - (pace.now() - state.lastEnd);
  if (wait > 0) await pace.sleep(wait);
  await serially(async () => {
    const started = pace.now();
    try {
      await workOutBatch(state);
    } finally {
      state.lastEnd = pace.now();
      state.lastTook = state.lastEnd - started;
    }
  });
}

/**
 * After a poll: the touched devices, the source's freshness, then the sites they moved in.
 * Polls that finish while another batch is being worked out are worked out together: the sources
 * and rules are read once and the sites checked once for all of them. One at a time, each poll
 * was a full read of every source plus a site check, which held a worker to a few polls a second
 * however many it ran at once.
 */
export async function afterPoll(
  sourceId: string,
  touched: Iterable<string>,
  at: Date,
  options: { scheduled?: boolean } = {},
): Promise<RecomputeResult> {
  const state = (batch.linewatchAfterPoll ??= {
    pending: [],
    queued: false,
    lastEnd: Number.NEGATIVE_INFINITY,
    lastTook: 0,
  });
  const outcome = await new Promise<{ result: RecomputeResult } | { error: unknown }>((settle) => {
    state.pending.push({ sourceId, identities: [...touched], at, settle });
    if (!state.queued) {
      state.queued = true;
      void pacedBatch(state);
    }
  });
  // Alert rules see this poll's outcome (never throws: alerting must not fail a poll). Outside the
  // one-at-a-time queue, and shared by polls finishing together (lib/alerts/worker.ts): evaluating
  // every rule once per poll, in line, capped a worker at about one poll a second. The scheduler's
  // polls leave it to an evaluation within seconds; a poll someone asked for waits for it.
  if (options.scheduled) evaluateAlertsSoon(at);
  else await evaluateAlertsNow(at);
  if ("error" in outcome) throw outcome.error;
  return outcome.result;
}

async function workOutBatch(state: BatchState): Promise<void> {
  // Polls finishing from now on start the next batch.
  state.queued = false;
  const polls = state.pending.splice(0);
  const latest = new Date(Math.max(...polls.map((p) => p.at.getTime())));
  const done: Array<{ poll: PendingPoll; result: RecomputeResult }> = [];
  let ctx: Awaited<ReturnType<typeof context>>;
  try {
    // Sources and rules read once for every step of every poll in the batch.
    ctx = await context(latest.getTime());
  } catch (error) {
    for (const poll of polls) poll.settle({ error });
    return;
  }
  for (const poll of polls) {
    try {
      // Each poll's own time stamps what it changed.
      const direct = await recompute(poll.identities, poll.at, ctx);
      const fresh = await refresh(poll.at, poll.sourceId, ctx);
      const sites = new Set([...direct.sites, ...fresh.sites]);
      done.push({
        poll,
        result: { devices: direct.devices + fresh.devices, written: direct.written + fresh.written, sites },
      });
    } catch (error) {
      poll.settle({ error });
    }
  }
  try {
    await checkSiteOutages(
      done.flatMap((d) => [...d.result.sites]),
      latest,
      ctx.sources,
    );
  } catch (error) {
    for (const { poll } of done) poll.settle({ error });
    return;
  }
  for (const { poll, result } of done) poll.settle({ result });
}

/** Devices worked out so far, of how many: what a long recompute reports while it runs. */
export type Progress = (done: number, total: number) => unknown;

/** Everything again: after site rules change. */
export function recomputeAll(at: Date, onProgress?: Progress): Promise<RecomputeResult> {
  return serially(async () => {
    const done = await recompute(await identitiesOf(), at, undefined, onProgress);
    await checkSiteOutages(done.sites, at);
    return done;
  });
}
