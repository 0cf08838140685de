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
  });

/**
 * After an evaluation, the next waits nine times as long as that one took (at most 5 s), so
 * evaluating the whole fleet's rules takes at most a tenth of the worker's time however fast polls
 * end: back to back after every poll or two, it took most of a worker's CPU at 1,000 routers, and
 * at four times (a fifth) it still evaluated about once a second at 200 routers, ~30 ms of CPU
 * each: on a two-core machine the web server's throughput is what pays for the worker's CPU
 * (issue #16). Polls ending meanwhile share the waiting evaluation; a quick evaluation (a small
 * fleet) barely waits, and a poll's outcome is still judged within seconds.
 */
export interface AlertPacing {
  /** Monotonic milliseconds. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The wait after an evaluation, as a multiple of its duration. */
  factor: number;
  maxWaitMs: number;
}
const defaultPacing: AlertPacing = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  factor: 9,
  maxWaitMs: 5_000,
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
