// The poll scheduler of one app instance: polls every enabled source at its interval, one poll
// per source at a time and a bounded number overall. The schedule lives in the database
// (SourceHealth.nextPollAt) and each poll holds the source's lease, so a restart does not poll
// everything at once and several instances share the work without polling a source twice.
import { createInventoryStore, type InventoryStore, type ScheduleEntry } from "@/lib/db/inventory-store";
import { log } from "@/lib/log";
import { defaultInstanceId } from "./instance";
import { pollSource, type PollSummary } from "./poll";
import { pruneHistory } from "./retention";
import { refreshFreshness } from "./effective/recompute";
import { checkSiteOutages } from "./effective/site-outages";
import { alertsTick } from "@/lib/alerts/worker";
import { pollDueAt, waitsForNewCredentials } from "@/lib/domain/poll-schedule";

export interface SchedulerOptions {
  instanceId?: string;
  /**
   * Polls reading their source and storing the result at once in this instance. A stored poll
   * frees its slot while it waits for its effective states and alerts (see DEFAULT_CONCURRENCY).
   */
  concurrency?: number;
  /** How long due sources read from the schedule may be started without reading it again (default: 1 s, at most tickMs). */
  backlogMs?: number;
  /** How often the schedule is read. */
  tickMs?: number;
  /** Clock in epoch ms; tests inject one. */
  now?: () => number;
  /** Called with every poll's summary (skipped ones included). */
  onPoll?: (summary: PollSummary) => void;
  store?: InventoryStore;
  leaseMs?: number;
  /** Spread of each next poll time, as a fraction of the interval. */
  jitter?: number;
  random?: () => number;
  /** A new source's first poll comes within this spread, so many new sources do not start together. */
  firstPollSpreadMs?: number;
  /** How often history is pruned (0: never). */
  pruneEveryMs?: number;
  /** How often sources are checked for turning stale (or disabled): their phones then read "unknown". */
  freshnessEveryMs?: number;
  /** Called after each freshness check (the kept overview counts are recounted then). */
  afterFreshness?: () => void;
}

export interface Scheduler {
  /** Stops scheduling and stops running polls (their leases are released). */
  stop(): Promise<void>;
  /** Polls running now in this scheduler. */
  polling(): number;
}

const DEFAULT_PRUNE_EVERY_MS = 6 * 3_600_000;
/**
 * Polls reading and storing at once. After storing, a poll waits for its batch of effective states
 * and the shared alert evaluation: holding a slot through that wait held a worker to ~8 polls a
 * second at 1,000 small routers, below the 17 a second their 60 s interval needs.
 */
const DEFAULT_CONCURRENCY = 16;

const dueAt = pollDueAt;

/** The last time this process's scheduler finished a tick, and how often it ticks: what /readyz reads. */
export interface SchedulerBeat {
  lastTickAt: number;
  tickMs: number;
}

// On globalThis: Next.js loads this module once per bundle (the server parts and the route handlers).
const beat = globalThis as unknown as { linewatchSchedulerBeat?: SchedulerBeat | null };

export function recordSchedulerBeat(lastTickAt: number, tickMs: number): void {
  beat.linewatchSchedulerBeat = { lastTickAt, tickMs };
}

export function schedulerBeat(): SchedulerBeat | null {
  return beat.linewatchSchedulerBeat ?? null;
}

export function startScheduler(options: SchedulerOptions = {}): Scheduler {
  const instanceId = options.instanceId ?? defaultInstanceId();
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const tickMs = options.tickMs ?? 5_000;
  const backlogMs = Math.min(options.backlogMs ?? 1_000, tickMs);
  const clock = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const store = options.store ?? createInventoryStore();
  const pruneEveryMs = options.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS;
  // Every poll of this scheduler until it is done (one per source); `active` counts those not yet stored.
  const running = new Map<string, { stop: AbortController; done: Promise<void> }>();
  let active = 0;
  let stopped = false;
  let firstTick = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDue = 0;
  // The first prune a few minutes after start, then every pruneEveryMs.
  let lastPrune = clock() - pruneEveryMs + 5 * 60_000;
  let pruning: Promise<unknown> | null = null;
  const freshnessEveryMs = options.freshnessEveryMs ?? 60_000;
  let lastFreshness = 0;
  let freshening: Promise<unknown> | null = null;
  // Alert evaluation and outbox delivery (lib/alerts/worker.ts): off the tick, one run at a time.
  let alerting: Promise<unknown> | null = null;
  // Due sources the last schedule read found no free slot for, and when it was read: a slot that
  // comes free takes the next of them rather than reading every source's schedule again (at 1,000
  // routers a read per finished poll was ~16 reads of 1,000 rows a second). The lease's due check
  // still decides, so one another instance polled meanwhile is skipped, not polled twice.
  let backlog: ScheduleEntry[] = [];
  let backlogAt = Number.NEGATIVE_INFINITY;

  const spreadOf = (entry: ScheduleEntry, limit: number) =>
    random() * Math.min(entry.pollIntervalS * 1000 * 0.5, limit);

  function run(entry: ScheduleEntry): void {
    // A tick that was reading the schedule when stop() came must not start a poll afterwards.
    if (stopped) return;
    const stop = new AbortController();
    active += 1;
    let holdsSlot = true;
    const freeSlot = () => {
      if (!holdsSlot) return;
      holdsSlot = false;
      active -= 1;
      // A slot came free: the next due source now rather than at the next tick.
      if (!stopped) startNext();
    };
    const done = pollSource(entry.id, {
      instanceId,
      now: clock,
      signal: stop.signal,
      scheduled: true,
      store,
      leaseMs: options.leaseMs,
      jitter: options.jitter,
      random,
      onStored: freeSlot,
    })
      .then((summary) => options.onPoll?.(summary))
      .catch((error: unknown) =>
        log.warn("scheduled poll did not run", {
          sourceId: entry.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        running.delete(entry.id);
        freeSlot();
      });
    running.set(entry.id, { stop, done });
  }

  function startNext(): void {
    const age = clock() - backlogAt;
    if (age > backlogMs || age < 0) {
      wake(0);
      return;
    }
    while (backlog.length > 0 && active < concurrency) {
      const entry = backlog.shift()!;
      if (!running.has(entry.id)) run(entry);
    }
    // Nothing more known to be due: read the schedule again once the last read is backlogMs old.
    if (active < concurrency) wake(backlogMs - age);
  }

  async function tick(): Promise<void> {
    const now = clock();
    const view = await store.scheduleView();
    const due: ScheduleEntry[] = [];
    for (const entry of view) {
      if (running.has(entry.id)) continue;
      if (waitsForNewCredentials(entry)) continue;
      if (entry.leaseHolder && entry.leaseHolder !== instanceId && (entry.leaseExpiresAt?.getTime() ?? 0) > now)
        continue;
      if (!entry.hasHealth) await store.createHealthRow(entry.id);
      if (!entry.nextPollAt) {
        await store.scheduleFirstPoll(entry.id, new Date(now + spreadOf(entry, options.firstPollSpreadMs ?? 10_000)));
        continue;
      }
      const at = dueAt(entry);
      if (at > now) continue;
      // Right after a start, sources that fell due while no instance ran are spread out, not polled in one burst.
      if (firstTick && now - at > tickMs) {
        await store.reschedulePoll(entry.id, entry.nextPollAt, new Date(now + spreadOf(entry, 60_000)));
        continue;
      }
      due.push(entry);
    }
    firstTick = false;
    due.sort((a, b) => dueAt(a) - dueAt(b));
    const free = Math.max(0, concurrency - active);
    for (const entry of due.slice(0, free)) run(entry);
    backlog = due.slice(free);
    backlogAt = now;
    if (pruneEveryMs > 0 && !pruning && now - lastPrune >= pruneEveryMs) {
      lastPrune = now;
      pruning = pruneHistory({ now: new Date(now), store })
        .catch((error: unknown) =>
          log.warn("history pruning failed", { error: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => (pruning = null));
    }
    // Time alone makes a silent source stale: no poll ends to notice it, so the schedule does.
    if (freshnessEveryMs > 0 && !freshening && now - lastFreshness >= freshnessEveryMs) {
      lastFreshness = now;
      freshening = refreshFreshness(new Date(now))
        .then((done) => checkSiteOutages(done.sites, new Date(now)))
        .then(() => options.afterFreshness?.())
        .catch((error: unknown) =>
          log.warn("freshness check failed", { error: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => (freshening = null));
    }
    if (!alerting) alerting = alertsTick(new Date(now), instanceId).finally(() => (alerting = null));
  }

  let ticking = false;
  let again = false;
  /** The tick running now, if any: stop() waits for it, so nothing starts after stop() returns. */
  let inTick: Promise<unknown> = Promise.resolve();
  async function loop(): Promise<void> {
    if (stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    const current = tick();
    inTick = current.catch(() => undefined);
    try {
      await current;
    } catch (error) {
      log.warn("poll scheduling failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      ticking = false;
      // A tick that failed still proves the scheduler runs; its failure is in the log.
      recordSchedulerBeat(clock(), tickMs);
    }
    if (again) {
      again = false;
      wake(0);
    } else wake(tickMs);
  }

  /** Runs the loop in `ms`, unless it is set to run sooner already. */
  function wake(ms: number): void {
    if (stopped) return;
    const due = performance.now() + ms;
    if (timer && due >= timerDue) return;
    if (timer) clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => {
      timer = undefined;
      void loop();
    }, ms);
    timer.unref?.();
  }

  wake(0);
  return {
    polling: () => running.size,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inTick;
      for (const poll of running.values()) poll.stop.abort();
      await Promise.allSettled([...running.values()].map((poll) => poll.done));
      await Promise.all([pruning, freshening, alerting]);
    },
  };
}
