// Alerting inside the server: evaluation after each poll and on the scheduler's tick (time alone
// makes "for at least" and repeats due), and outbox delivery on the tick. One evaluation and one
// delivery at a time in this process; across instances the database's conditional writes and
// leases keep each alert and each notification single.
import { log } from "@/lib/log";
import { deliverOutbox } from "./deliver";
import { evaluateAlerts } from "./evaluate";

const EVALUATE_EVERY_MS = 30_000;
/** The scheduler may tick often (tests tick every 10 ms); the outbox is read at most this often. */
const DELIVER_EVERY_MS = 5_000;

// On globalThis: Next.js may load this module once per bundle.
const state = globalThis as unknown as {
  linewatchAlerts?: {
    evaluating: Promise<unknown>;
    /** An evaluation asked for that has not started yet: later askers share it. */
    queued: { run: Promise<void>; at: number } | null;
    delivering: Promise<unknown> | null;
    lastEvaluation: number;
    lastDelivery: number;
    /** When the last evaluation ended and how long it took, on the pacing clock. */
    lastEnd: number;
    lastTook: number;
    /** A scheduled poll's evaluation waiting for its turn (evaluateAlertsSoon): the latest time asked. */
    soon: { at: number } | null;
  };
  linewatchAlertPacing?: AlertPacing;
};
const slot = () =>
  (state.linewatchAlerts ??= {
    evaluating: Promise.resolve(),
    queued: null,
    delivering: null,
    lastEvaluation: -Infinity,
    lastDelivery: -Infinity,
    lastEnd: -Infinity,
    lastTook: 0,
    soon: null,
  });

/**
 * After an evaluation, the next waits a few times as long as that one took (at most 2 s), so
 * evaluating the whole fleet's rules takes a bounded share of the worker however fast polls end:
 * back to back after every poll or two, it took most of a worker's CPU at 1,000 routers. Polls
 * ending meanwhile share the waiting evaluation; a quick evaluation (a small fleet) barely waits.
 */
export interface AlertPacing {
  /** Monotonic milliseconds. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The wait after an evaluation, as a multiple of its duration. */
  factor: number;
  maxWaitMs: number;
  /** After scheduled polls: at least this long after the last evaluation ended (evaluateAlertsSoon). */
  soonGapMs: number;
}
const defaultPacing: AlertPacing = {
  now: () => performance.now(),
  // Unref'd: a scheduled poll's evaluation waiting its turn does not hold a stopping process.
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
  factor: 4,
  maxWaitMs: 2_000,
  soonGapMs: 5_000,
};
const pacing = () => state.linewatchAlertPacing ?? defaultPacing;

/** Tests: a fake clock and sleep, or other pacing (undefined: the default). */
export function setAlertPacing(next: Partial<AlertPacing> | undefined): void {
  state.linewatchAlertPacing = next ? { ...defaultPacing, ...next } : undefined;
}

async function evaluatePaced(s: ReturnType<typeof slot>, queued: { at: number }): Promise<void> {
  const pace = pacing();
  const wait = Math.min(pace.maxWaitMs, pace.factor * s.lastTook) - (pace.now() - s.lastEnd);
  if (wait > 0) await pace.sleep(wait);
  // Askers during the wait joined this evaluation: it starts now, with the latest time given.
  if (s.queued === queued) s.queued = null;
  s.lastEvaluation = queued.at;
  const started = pace.now();
  try {
    await evaluateAlerts(new Date(queued.at));
  } finally {
    s.lastEnd = pace.now();
    s.lastTook = s.lastEnd - started;
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Evaluates every rule after this process's running evaluation finished, so it sees whatever the
 * caller wrote. Never throws. Callers that ask while one is waiting to start share it (with the
 * latest time any of them gave): a worker finishing 20 polls a second evaluates the whole fleet's
 * rules a few times a second, not 20 times in a row, and paced (see AlertPacing).
 */
export function evaluateAlertsNow(at: Date): Promise<void> {
  const s = slot();
  if (s.queued) {
    s.queued.at = Math.max(s.queued.at, at.getTime());
    return s.queued.run;
  }
  const queued = { at: at.getTime(), run: Promise.resolve() };
  queued.run = s.evaluating
    .then(() => evaluatePaced(s, queued))
    .catch((error: unknown) => log.error("alerts not evaluated", { error: message(error) }));
  s.queued = queued;
  s.evaluating = queued.run;
  return queued.run;
}

/**
 * After a scheduled poll: an evaluation at most `soonGapMs` (5 s) after the last one ended, not
 * waited for. The scheduler's polls end a few times a second at 200 routers; evaluating after each
 * (paced only by its own duration) came to about one evaluation a second, ~30 ms of the worker's
 * CPU each, and on two cores the web server's throughput is what pays for the worker's CPU (issue
 * #16). A poll's outcome is still judged within seconds; "poll now", a refresh and the tests ask
 * evaluateAlertsNow and wait for it.
 */
export function evaluateAlertsSoon(at: Date): void {
  const s = slot();
  if (s.soon) {
    s.soon.at = Math.max(s.soon.at, at.getTime());
    return;
  }
  const soon = { at: at.getTime() };
  s.soon = soon;
  const pace = pacing();
  // Counted from the end of the evaluation running now, if any.
  void s.evaluating
    .then(() => pace.sleep(Math.max(0, pace.soonGapMs - (pace.now() - s.lastEnd))))
    .then(() => {
      s.soon = null;
      return evaluateAlertsNow(new Date(soon.at));
    });
}

/** The scheduler's tick: evaluate when due, then deliver what is due. Never throws. */
export async function alertsTick(now: Date, instanceId: string): Promise<void> {
  const s = slot();
  if (Math.abs(now.getTime() - s.lastEvaluation) >= EVALUATE_EVERY_MS) await evaluateAlertsNow(now);
  if (s.delivering || Math.abs(now.getTime() - s.lastDelivery) < DELIVER_EVERY_MS) return;
  s.lastDelivery = now.getTime();
  s.delivering = deliverOutbox({ now, instanceId })
    .catch((error: unknown) => log.warn("notifications not delivered", { error: message(error) }))
    .finally(() => (s.delivering = null));
  await s.delivering;
}
