// Virtual time for tests and the benchmark: sleeping moves the clock instead of waiting, so a
// sweep that would take an hour at 12 requests a minute runs in seconds. Requests wrapped in
// `inFlight` take no virtual time: the clock does not move while one is on the wire, so a
// server sharing this clock sees each request at the moment its budget slot was granted.
import type { Clock, Sleep } from "@/lib/risport/budget/budget";

export type FakeClock = {
  now: Clock;
  sleep: Sleep;
  advance(ms: number): void;
  /** Total virtual time slept, for "how long would this take" figures. */
  slept(): number;
  inFlight<T>(work: () => Promise<T>): Promise<T>;
};

export function createFakeClock(start = Date.UTC(2025, 0, 6, 9, 0, 0)): FakeClock {
  let now = start;
  let slept = 0;
  let busy = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;

  const whenIdle = async () => {
    while (busy > 0) {
      if (!idle) {
        let resolve = () => {};
        const promise = new Promise<void>((done) => (resolve = done));
        idle = { promise, resolve };
      }
      await idle.promise;
    }
  };

  return {
    now: () => now,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      // Let other tasks start the request they were just granted before time moves.
      await new Promise((resolve) => setImmediate(resolve));
      await whenIdle();
      const wake = now + Math.max(0, ms);
      if (wake > now) {
        slept += wake - now;
        now = wake;
      }
    },
    advance(ms) {
      now += ms;
    },
    slept: () => slept,
    async inFlight(work) {
      busy++;
      try {
        return await work();
      } finally {
        busy--;
        if (busy === 0 && idle) {
          idle.resolve();
          idle = undefined;
        }
      }
    },
  };
}
