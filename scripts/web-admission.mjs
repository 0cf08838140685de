// The web server's admission (issue #16): requests reach Next.js a few at a time, first come first
// served, so no turn of the event loop works on dozens of them at once. Without it, 50 clients
// that keep the server busy make every turn run each of their requests' next step back to back:
// turns of 70-100 ms, during which timers, probes and new connections wait. With it (at most 8
// requests worked on at once), turns stay under 20 ms and throughput is the same: the requests
// that wait for their turn would otherwise have waited for the CPU inside those long turns.
//
// A request stops counting once it is older than one CPU burst (250 ms): by then it waits on
// something else (a router, an export's next window, an event stream), and holding its place
// would keep the others out for nothing. Probes (/healthz, /readyz, /metrics) never queue: an
// orchestrator must see a busy server as alive.
//
// Plain JavaScript outside the bundle: it wraps the standalone server's HTTP listener before
// Next.js starts (scripts/standalone.mjs writes the server.js that installs it).
import http from "node:http";
import { performance } from "node:perf_hooks";

/** How long a request counts against the limit at most (it is then waiting, not computing). */
export const BURST_MS = 250;
/** How long one loop turn may spend starting queued requests before timers and I/O run again. */
export const TURN_BUDGET_MS = 4;
export const DEFAULT_LIMIT = 8;
const PROBES = /^\/(healthz|readyz|metrics)(\?|$)/;
/** Where /metrics (lib/api/process-metrics.ts, inside the bundle) reads the queue from. */
const STATE = Symbol.for("linewatch.web-admission");

/** LINEWATCH_WEB_CONCURRENCY: requests worked on at once; 0 turns admission off. */
export function admissionLimit(env = process.env) {
  const raw = env.LINEWATCH_WEB_CONCURRENCY;
  if (raw === undefined || raw.trim() === "") return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10_000)
    throw new Error(`LINEWATCH_WEB_CONCURRENCY must be a whole number from 0 (no limit) to 10000, not "${raw}"`);
  return n;
}

const loop = { now: () => performance.now(), defer: (fn) => setImmediate(fn) };

/**
 * Wraps an HTTP request listener so that at most `limit` requests are in their first burst at once
 * (0: the listener itself). `loop.now` is the clock of the turn budget, `loop.defer` runs a
 * function after the current turn's I/O (setImmediate).
 */
export function admitted(listener, limit, { now, defer } = loop) {
  if (limit === 0) return listener;
  const queue = [];
  let head = 0;
  let active = 0;
  let scheduled = false;
  const state = { limit, waiting: () => queue.length - head, active: () => active, started: 0, waitedMs: 0 };
  globalThis[STATE] = state;

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
