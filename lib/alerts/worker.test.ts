// Evaluations asked for while one runs are shared: polls finishing together cause one more
// evaluation (at the latest time asked), never one each in a row, and every asker's wait ends
// with an evaluation that started after it asked.
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
