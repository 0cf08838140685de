// The web admission: requests reach the listener a few at a time, in arrival order; one that has
// run for a burst, a probe, and a client that left are handled as the module says, and how many at
// once follows the loop's turns. Timers are fake; the loop's turns (what setImmediate defers), its
// turn timer and the clock are injected.
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
// @ts-expect-error: a plain ES module script without type declarations
import * as admission from "./web-admission.mjs";

const {
  admissionLimit,
  admitted,
  BURST_MS,
  CALM_SAMPLES,
  DEFAULT_LIMIT,
  LATE_MS,
  MIN_LIMIT,
  SAMPLE_MS,
  TURN_BUDGET_MS,
} = admission;

interface Call {
  url: string;
  res: EventEmitter;
}
type Listener = (req: unknown, res: EventEmitter) => void;

/** The deferred work of the event loop: turn() runs what was deferred before it (one turn). */
let deferred: (() => void)[] = [];
/** The turn-timing sampler the admission registered (loop.every). */
let sampler: () => void = () => {};
const loop = (now: () => number = () => 0) => ({
  now,
  defer: (fn: () => void) => deferred.push(fn),
  every: (_ms: number, fn: () => void) => {
    sampler = fn;
  },
});
function turn(): void {
  const due = deferred;
  deferred = [];
  for (const fn of due) fn();
}

function setup(limit: number, now: () => number = () => 0) {
  const calls: Call[] = [];
  const listener: Listener = (req, res) => calls.push({ url: (req as { url: string }).url, res });
  const admit = admitted(listener, limit, loop(now)) as Listener;
  const send = (url: string, socket = { destroyed: false }) => {
    const res = new EventEmitter();
    admit({ url, socket }, res);
    return { res, socket };
  };
  return { calls, send, urls: () => calls.map((c) => c.url) };
}

beforeEach(() => {
  deferred = [];
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("admitted", () => {
  it("starts at most `limit` requests, then the next in arrival order as each one ends", () => {
    const { send, urls, calls } = setup(2);
    for (const n of [1, 2, 3, 4, 5]) send(`/api/v1/phones?n=${n}`);
    expect(urls()).toEqual([]);
    turn();
    expect(urls()).toEqual(["/api/v1/phones?n=1", "/api/v1/phones?n=2"]);
    calls[1]!.res.emit("finish");
    turn();
    expect(urls()).toEqual(["/api/v1/phones?n=1", "/api/v1/phones?n=2", "/api/v1/phones?n=3"]);
    // A response that ends with both events counts once: one more starts, not two.
    calls[0]!.res.emit("finish");
    calls[0]!.res.emit("close");
    turn();
    expect(urls()).toHaveLength(4);
    calls[2]!.res.emit("close");
    turn();
    expect(urls().at(-1)).toBe("/api/v1/phones?n=5");
  });

  it("stops counting a request after one burst: a slow one does not keep the others out", () => {
    const { send, urls } = setup(1);
    send("/api/v1/sources/a/poll");
    send("/api/v1/me");
    turn();
    expect(urls()).toEqual(["/api/v1/sources/a/poll"]);
    vi.advanceTimersByTime(BURST_MS - 1);
    expect(urls()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    turn();
    expect(urls()).toEqual(["/api/v1/sources/a/poll", "/api/v1/me"]);
  });

  it("lets probes through at once, even when every place is taken", () => {
    const { send, urls } = setup(1);
    send("/api/v1/overview");
    turn();
    send("/api/v1/me");
    send("/healthz");
    send("/readyz?verbose=1");
    send("/metrics");
    expect(urls()).toEqual(["/api/v1/overview", "/healthz", "/readyz?verbose=1", "/metrics"]);
    // A path that only starts like a probe queues.
    send("/healthzz");
    turn();
    expect(urls()).not.toContain("/healthzz");
  });

  it("skips a request whose client left while it waited", () => {
    const { send, urls, calls } = setup(1);
    send("/api/v1/overview");
    const gone = send("/api/v1/phones?gone");
    send("/api/v1/me");
    turn();
    gone.socket.destroyed = true;
    calls[0]!.res.emit("finish");
    turn();
    expect(urls()).toEqual(["/api/v1/overview", "/api/v1/me"]);
  });

  it("starts no more in one turn than its budget allows; the rest start in the next turns", () => {
    let clock = 0;
    // Every start takes 1.5 ms of the turn (the clock moves as the listener runs).
    const calls: string[] = [];
    const admit = admitted(
      (req: { url: string }) => {
        calls.push(req.url);
        clock += 1.5;
      },
      100,
      loop(() => clock),
    ) as (req: unknown, res: EventEmitter) => void;
    // As many as may start at once at first (8): only the budget holds them back.
    for (let n = 0; n < 8; n++) admit({ url: `/r${n}`, socket: { destroyed: false } }, new EventEmitter());
    const perTurn = Math.ceil(TURN_BUDGET_MS / 1.5);
    turn();
    expect(calls).toHaveLength(perTurn);
    turn();
    expect(calls).toHaveLength(2 * perTurn);
    for (let i = 0; i < 10; i++) turn();
    expect(calls).toEqual(Array.from({ length: 8 }, (_, n) => `/r${n}`));
  });

  it("lets more in while the loop turns on time and requests wait, fewer after a long turn", () => {
    let clock = 0;
    const { send, urls } = setup(20, () => clock);
    for (let n = 0; n < 30; n++) send(`/r${n}`);
    turn();
    // It starts at 8 at once.
    expect(urls()).toHaveLength(8);
    // Turns on time, requests waiting: one more every CALM_SAMPLES samples.
    const calmly = () => {
      for (let i = 0; i < CALM_SAMPLES; i++) {
        clock += SAMPLE_MS;
        sampler();
        turn();
      }
    };
    for (const expected of [9, 10, 11]) {
      clock += SAMPLE_MS;
      sampler();
      turn();
      expect(urls()).toHaveLength(expected - 1);
      for (let i = 1; i < CALM_SAMPLES; i++) {
        clock += SAMPLE_MS;
        sampler();
      }
      turn();
      expect(urls()).toHaveLength(expected);
    }
    // A turn that ran long: a quarter fewer at once (11 -> 9), so none starts until two end.
    clock += SAMPLE_MS + LATE_MS + 1;
    sampler();
    turn();
    expect(urls()).toHaveLength(11);
    // Never fewer than the floor, however long the turns.
    for (let i = 0; i < 10; i++) {
      clock += SAMPLE_MS + 50;
      sampler();
    }
    const state = (globalThis as Record<symbol, { limit(): number }>)[Symbol.for("linewatch.web-admission")]!;
    expect(state.limit()).toBe(MIN_LIMIT);
    // Never more than the maximum.
    for (let i = 0; i < 40; i++) calmly();
    expect(state.limit()).toBe(20);
  });

  it("is the listener itself with limit 0", () => {
    const listener = () => {};
    expect(admitted(listener, 0)).toBe(listener);
  });
});

describe("admissionLimit", () => {
  it("reads LINEWATCH_WEB_CONCURRENCY: unset or empty is the default, 0 turns admission off", () => {
    expect(admissionLimit({})).toBe(DEFAULT_LIMIT);
    expect(admissionLimit({ LINEWATCH_WEB_CONCURRENCY: " " })).toBe(DEFAULT_LIMIT);
    expect(admissionLimit({ LINEWATCH_WEB_CONCURRENCY: "0" })).toBe(0);
    expect(admissionLimit({ LINEWATCH_WEB_CONCURRENCY: "16" })).toBe(16);
  });

  it("refuses a value that is not a whole number in range, saying which", () => {
    for (const bad of ["-1", "2.5", "lots", "10001"])
      expect(() => admissionLimit({ LINEWATCH_WEB_CONCURRENCY: bad })).toThrow(
        new RegExp(`LINEWATCH_WEB_CONCURRENCY must be a whole number .* not "${bad}"`),
      );
  });
});
