// Evaluations asked for while one runs are shared: polls finishing together cause one more
// evaluation (at the latest time asked), never one each in a row, and every asker's wait ends
// with an evaluation that started after it asked. The next evaluation waits a few times as long
// as the last one took, and askers meanwhile share it.
import { expect, test, vi } from "vitest";

const runs: { at: number; finish: () => void }[] = [];
vi.mock("./evaluate", () => ({
  evaluateAlerts: (at: Date) => new Promise<void>((resolve) => runs.push({ at: at.getTime(), finish: resolve })),
}));
vi.mock("./deliver", () => ({ deliverOutbox: async () => undefined }));

test("five askers during a running evaluation share the next one, at the latest time", async () => {
  const { evaluateAlertsNow } = await import("./worker");
  const first = evaluateAlertsNow(new Date(1_000));
  await vi.waitFor(() => expect(runs).toHaveLength(1));
  const waiting = [2_000, 5_000, 3_000, 4_000, 2_500].map((ms) => evaluateAlertsNow(new Date(ms)));
  runs[0]!.finish();
  await first;
  await vi.waitFor(() => expect(runs).toHaveLength(2));
  expect(runs[1]!.at).toBe(5_000);
  runs[1]!.finish();
  await Promise.all(waiting);
  expect(runs).toHaveLength(2);
  // The next asker, with nothing waiting to start, gets an evaluation of its own.
  const later = evaluateAlertsNow(new Date(6_000));
  await vi.waitFor(() => expect(runs).toHaveLength(3));
  runs[2]!.finish();
  await later;
});

test("after an evaluation the next waits four times as long as it took, capped; askers meanwhile share it", async () => {
  const { evaluateAlertsNow, setAlertPacing } = await import("./worker");
  let t = 1e9; // far past any earlier evaluation
  const sleeps: number[] = [];
  let wake = () => {};
  setAlertPacing({
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise<void>((resolve) => (wake = resolve));
    },
  });
  try {
    const before = runs.length;
    const first = evaluateAlertsNow(new Date(10_000));
    await vi.waitFor(() => expect(runs).toHaveLength(before + 1));
    expect(sleeps).toEqual([]);
    t += 100;
    runs.at(-1)!.finish();
    await first;
    t += 50;
    const second = evaluateAlertsNow(new Date(11_000));
    await vi.waitFor(() => expect(sleeps).toEqual([350]));
    const third = evaluateAlertsNow(new Date(12_000));
    expect(runs).toHaveLength(before + 1);
    wake();
    await vi.waitFor(() => expect(runs).toHaveLength(before + 2));
    expect(runs.at(-1)!.at).toBe(12_000);
    // A slow evaluation (1 s) makes the next wait at most 2 s.
    t += 1_000;
    runs.at(-1)!.finish();
    await Promise.all([second, third]);
    const fourth = evaluateAlertsNow(new Date(13_000));
    await vi.waitFor(() => expect(sleeps).toEqual([350, 2_000]));
    wake();
    await vi.waitFor(() => expect(runs).toHaveLength(before + 3));
    runs.at(-1)!.finish();
    await fourth;
  } finally {
    setAlertPacing(undefined);
  }
});

test("after scheduled polls, one evaluation no sooner than 5 s after the last ended, at the latest time asked", async () => {
  const { evaluateAlertsNow, evaluateAlertsSoon, setAlertPacing } = await import("./worker");
  let t = 2e9;
  const sleeps: number[] = [];
  const wakes: Array<() => void> = [];
  setAlertPacing({
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise<void>((resolve) => wakes.push(resolve));
    },
  });
  try {
    const before = runs.length;
    // One evaluation asked for and waited for (poll now): it ends at 2e9 + 30.
    const asked = evaluateAlertsNow(new Date(20_000));
    await vi.waitFor(() => expect(runs).toHaveLength(before + 1));
    t += 30;
    runs.at(-1)!.finish();
    await asked;
    // Three scheduled polls end 1 s after it: one evaluation, 4 s on, at the latest time.
    t += 1_000;
    evaluateAlertsSoon(new Date(21_000));
    evaluateAlertsSoon(new Date(23_000));
    evaluateAlertsSoon(new Date(22_000));
    await vi.waitFor(() => expect(sleeps).toEqual([4_000]));
    expect(runs).toHaveLength(before + 1);
    t += 4_000;
    wakes.at(-1)!();
    await vi.waitFor(() => expect(runs).toHaveLength(before + 2));
    expect(runs.at(-1)!.at).toBe(23_000);
    // Asked for while that one runs: the next waits 5 s from when it ends.
    evaluateAlertsSoon(new Date(24_000));
    await Promise.resolve();
    expect(sleeps).toHaveLength(1);
    t += 100;
    runs.at(-1)!.finish();
    await vi.waitFor(() => expect(sleeps).toEqual([4_000, 5_000]));
    expect(runs).toHaveLength(before + 2);
    t += 5_000;
    wakes.at(-1)!();
    await vi.waitFor(() => expect(runs).toHaveLength(before + 3));
    expect(runs.at(-1)!.at).toBe(24_000);
    runs.at(-1)!.finish();
  } finally {
    setAlertPacing(undefined);
  }
});
