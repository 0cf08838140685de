// The summary keeper's timing: recounts coalesced to one per interval, never two at once, one
// after the last change, flush and stop; on a manual clock and timer, never the wall clock.
import { describe, expect, test } from "vitest";
import { createSummaryKeeper } from "./summary";

/** A clock and timer that move only when the test says so. */
function manualTime() {
  let now = 0;
  const timers: { at: number; run: () => void; done: boolean }[] = [];
  return {
    now: () => now,
    timer(run: () => void, ms: number) {
      const t = { at: now + ms, run, done: false };
      timers.push(t);
      return () => {
        t.done = true;
      };
    },
    pending: () => timers.filter((t) => !t.done).length,
    async advance(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => !t.done && t.at <= now)) {
        t.done = true;
        t.run();
      }
      await settle();
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A recount the test finishes by hand, recording when each started and how many ran at once. */
function manualRecount(time: { now: () => number }) {
  const starts: number[] = [];
  const finishers: ((error?: Error) => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  return {
    starts,
    mostAtOnce: () => mostAtOnce,
    recount(at: Date) {
      expect(at.getTime()).toBe(time.now());
      starts.push(at.getTime());
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      return new Promise<void>((resolve, reject) =>
        finishers.push((error) => {
          running -= 1;
          if (error) reject(error);
          else resolve();
        }),
      );
    },
    async finish(error?: Error) {
      finishers.shift()!(error);
      await settle();
    },
    /** Finishes each recount as soon as it starts. */
    instant(at: Date) {
      starts.push(at.getTime());
      return Promise.resolve();
    },
  };
}

describe("summary keeper", () => {
  test("the first change recounts at once; a burst during it is counted by one recount after the interval", async () => {
    const time = manualTime();
    const counts = manualRecount(time);
    const keeper = createSummaryKeeper({ now: time.now, timer: time.timer, recount: counts.recount });
    keeper.changed();
    expect(counts.starts).toEqual([0]);
    for (let i = 0; i < 100; i++) keeper.changed();
    await time.advance(500);
    expect(counts.starts).toEqual([0]);
    await counts.finish();
    await time.advance(1_499);
    expect(counts.starts).toEqual([0]);
    await time.advance(1);
    expect(counts.starts).toEqual([0, 2_000]);
    await counts.finish();
    // Nothing changed since: no more recounts, no timer left behind.
    await time.advance(60_000);
    expect(counts.starts).toEqual([0, 2_000]);
    expect(time.pending()).toBe(0);
    expect(counts.mostAtOnce()).toBe(1);
  });

  test("a recount that outlasts the interval is followed at once by one for the changes made meanwhile", async () => {
    const time = manualTime();
    const counts = manualRecount(time);
    const keeper = createSummaryKeeper({ now: time.now, timer: time.timer, recount: counts.recount });
    keeper.changed();
    await time.advance(1_000);
    keeper.changed();
    await time.advance(4_000);
    expect(counts.starts).toEqual([0]);
    await counts.finish();
    expect(counts.starts).toEqual([0, 5_000]);
    await counts.finish();
    expect(counts.mostAtOnce()).toBe(1);
  });

  test("changes every 100 ms for a minute: at most one recount per 2 s, and one after the last change", async () => {
    const time = manualTime();
    const counts = manualRecount(time);
    const keeper = createSummaryKeeper({ now: time.now, timer: time.timer, recount: counts.instant });
    for (let t = 0; t < 60_000; t += 100) {
      keeper.changed();
      await time.advance(100);
    }
    const lastChange = 59_900;
    await time.advance(5_000);
    expect(counts.starts.length).toBeLessThanOrEqual(60_000 / 2_000 + 1);
    for (let i = 1; i < counts.starts.length; i++)
      expect(counts.starts[i]! - counts.starts[i - 1]!).toBeGreaterThanOrEqual(2_000);
    expect(counts.starts.at(-1)).toBeGreaterThanOrEqual(lastChange);
  });

  test("minIntervalMs sets the spacing", async () => {
    const time = manualTime();
    const counts = manualRecount(time);
    const keeper = createSummaryKeeper({
      now: time.now,
      timer: time.timer,
      recount: counts.instant,
      minIntervalMs: 10_000,
    });
    keeper.changed();
    await settle();
    keeper.changed();
    await time.advance(9_999);
    expect(counts.starts).toEqual([0]);
    await time.advance(1);
    expect(counts.starts).toEqual([0, 10_000]);
  });

  test("flush counts a waiting change now; stop counts what still waits, then recounts no more", async () => {
    const time = manualTime();
    const counts = manualRecount(time);
    const keeper = createSummaryKeeper({ now: time.now, timer: time.timer, recount: counts.recount });
    keeper.changed();
    keeper.changed();
    await time.advance(100);
    const flushed = keeper.flush();
    await counts.finish();
    // The waiting change did not wait out the interval.
    expect(counts.starts).toEqual([0, 100]);
    await counts.finish();
    await flushed;
    expect(time.pending()).toBe(0);

    keeper.changed();
    await time.advance(2_000);
    expect(counts.starts).toEqual([0, 100, 2_100]);
    keeper.changed();
    let stopped = false;
    const stopping = keeper.stop().then(() => (stopped = true));
    await counts.finish();
    expect(counts.starts).toEqual([0, 100, 2_100, 2_100]);
    expect(stopped).toBe(false);
    await counts.finish();
    await stopping;
    keeper.changed();
    await time.advance(60_000);
    await keeper.flush();
    expect(counts.starts).toEqual([0, 100, 2_100, 2_100]);
    expect(time.pending()).toBe(0);
  });

  test("a failed recount is tried again later, backing off, until one succeeds", async () => {
    const time = manualTime();
    const counts = manualRecount(time);
    const keeper = createSummaryKeeper({ now: time.now, timer: time.timer, recount: counts.recount });
    keeper.changed();
    await counts.finish(new Error("database is locked"));
    await time.advance(3_999);
    expect(counts.starts).toEqual([0]);
    await time.advance(1);
    expect(counts.starts).toEqual([0, 4_000]);
    await counts.finish(new Error("database is locked"));
    await time.advance(8_000);
    expect(counts.starts).toEqual([0, 4_000, 12_000]);
    await counts.finish();
    await time.advance(60_000);
    expect(counts.starts).toEqual([0, 4_000, 12_000]);
  });
});
