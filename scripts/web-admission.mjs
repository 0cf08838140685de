// The web server's admission (issue #16): requests reach Next.js a few at a time, first come first
// served, so no turn of the event loop works on dozens of them at once. Without it, 50 clients
// that keep the server busy make every turn run each of their requests' next step back to back:
// turns of 70-100 ms, during which timers, probes and new connections wait.
//
// How many at once adapts to what the requests do: while the loop turns quickly (requests wait on
// the database, or join one identical read) more are let in, up to LINEWATCH_WEB_CONCURRENCY;
// when a turn runs long, fewer. A fixed 8 kept turns short, but in one bench run the phones list
// and the overview answered 20-30% fewer requests than with a limit that grows: fewer identical
// reads were in flight to share one answer (lib/api/shared-reads.ts).
//
// A request stops counting once it is older than one CPU burst (250 ms): by then it waits on
// something else (a router, an export's next window), and holding its place would keep the others
// out for nothing. Probes (/healthz, /readyz, /metrics) never queue: an orchestrator must see a
// busy server as alive.
//
// Plain JavaScript outside the bundle: it wraps the standalone server's HTTP listener before
// Next.js starts (scripts/standalone.mjs writes the server.js that installs it).
import http from "node:http";
import { performance } from "node:perf_hooks";

/** How long a request counts against the limit at most (it is then waiting, not computing). */
export const BURST_MS = 250;
/** How long one loop turn may spend starting queued requests before timers and I/O run again. */
export const TURN_BUDGET_MS = 4;
/** At most this many at once unless LINEWATCH_WEB_CONCURRENCY says otherwise. */
export const DEFAULT_LIMIT = 64;
/** The fewest the adaptive limit goes down to (or the maximum, if lower). */
export const MIN_LIMIT = 4;
/**
 * How often the loop's turns are timed (SAMPLE_MS), and how late that timer may fire (LATE_MS)
 * before fewer are let in. Sampling every 5 ms held the limit at its floor of 4-5 in bench:load,
 * idle and polling alike: single steps (a garbage collection, one reply's JSON) ran that long
 * whatever the limit, so the floor only made requests queue (overview 115/s). Every 10 ms with 10
 * ms late allowed, it held ~7, later ~11 once replies got cheaper (JSON gzipped once per body,
 * scripts/web-compression.mjs): at ~900 req/s the web's lag p99 was then 22-24 ms. With 5 ms late
 * allowed it holds ~6: lag p99 13 ms against 23.5 (50 clients on the list, /me and the overview,
 * demo fleet polling) at the same throughput (list 695-896 req/s against 794-930, /me 806 against
 * 827-903, overview 834-852 against 647-702).
 */
export const SAMPLE_MS = 10;
export const LATE_MS = 5;
/** Samples on time in a row, with requests waiting, before one more is let in at once. */
export const CALM_SAMPLES = 5;
const PROBES = /^\/(healthz|readyz|metrics)(\?|$)/;
/** Where /metrics (lib/api/process-metrics.ts, inside the bundle) reads the queue from. */
const STATE = Symbol.for("linewatch.web-admission");

/** LINEWATCH_WEB_CONCURRENCY: the most requests worked on at once; 0 turns admission off. */
export function admissionLimit(env = process.env) {
  const raw = env.LINEWATCH_WEB_CONCURRENCY;
  if (raw === undefined || raw.trim() === "") return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10_000)
    throw new Error(`LINEWATCH_WEB_CONCURRENCY must be a whole number from 0 (no limit) to 10000, not "${raw}"`);
  return n;
}

const loop = {
  now: () => performance.now(),
  defer: (fn) => setImmediate(fn),
  every: (ms, fn) => setInterval(fn, ms).unref(),
};

/**
 * Wraps an HTTP request listener so that at most `max` requests are in their first burst at once
 * (0: the listener itself), fewer while the loop's turns run long. `loop.now` is the clock,
 * `loop.defer` runs a function after the current turn's I/O (setImmediate), `loop.every` a
 * function every so many milliseconds (setInterval).
 */
export function admitted(listener, max, { now, defer, every } = loop) {
  if (max === 0) return listener;
  const queue = [];
  let head = 0;
  let active = 0;
  let scheduled = false;
  let limit = Math.min(max, 8);
  const floor = Math.min(max, MIN_LIMIT);
  const state = {
    max,
    limit: () => limit,
    waiting: () => queue.length - head,
    active: () => active,
    started: 0,
    waitedMs: 0,
  };
  globalThis[STATE] = state;

  // The timer's own lateness is the length of the turn it waited for. A late one: a quarter fewer
  // at once (the turns hold fewer requests' steps). CALM_SAMPLES on time in a row while requests
  // wait for want of a place: one more. Slow up and quick down, so turns seldom run long.
  let sampledAt = now();
  let calm = 0;
  every(SAMPLE_MS, () => {
    const at = now();
    const late = at - sampledAt - SAMPLE_MS;
    sampledAt = at;
    if (late > LATE_MS) {
      calm = 0;
      limit = Math.max(floor, limit - Math.max(1, Math.floor(limit / 4)));
    } else if (head < queue.length && active >= limit && limit < max) {
      if (++calm >= CALM_SAMPLES) {
        calm = 0;
        limit++;
      }
    } else calm = 0;
    pump();
  });

  const start = (req, res) => {
    active++;
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      clearTimeout(timer);
      active--;
      pump();
    };
    const timer = setTimeout(release, BURST_MS);
    timer.unref?.();
    res.once("finish", release);
    res.once("close", release);
    listener(req, res);
  };

  const next = () => {
    const item = queue[head];
    queue[head++] = undefined;
    // Compact now and then rather than shift() per request (shift copies the whole queue).
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    return item;
  };

  const drain = () => {
    scheduled = false;
    const began = now();
    while (head < queue.length && active < limit && now() - began < TURN_BUDGET_MS) {
      const [req, res, queuedAt] = next();
      // A client that gave up while waiting: there is nobody to answer.
      if (req.socket?.destroyed) continue;
      state.started++;
      state.waitedMs += now() - queuedAt;
      start(req, res);
    }
    pump();
  };

  // Through setImmediate: a turn first takes in what arrived (its I/O), then starts what there is
  // room for; what the budget leaves waits for the next turn, after that turn's timers.
  const pump = () => {
    if (scheduled || head >= queue.length || active >= limit) return;
    scheduled = true;
    defer(drain);
  };

  return function admit(req, res) {
    if (PROBES.test(req.url ?? "")) return listener(req, res);
    queue.push([req, res, now()]);
    pump();
  };
}

/** Makes the HTTP servers this process creates from now on admit their requests. */
export function installAdmission(limit = admissionLimit()) {
  if (limit === 0) return;
  const create = http.createServer;
  http.createServer = function createAdmittingServer(...args) {
    const at = args.findIndex((a) => typeof a === "function");
    if (at >= 0) args[at] = admitted(args[at], limit);
    return create.apply(this, args);
  };
}
