// Batches of finished polls are paced: after a batch, the next starts no sooner than twice that
// batch's duration later (capped), and polls finishing meanwhile join it, so the sources and site
// rules are read once for all of them. Database reads stood in for; clock and sleep injected.
import { expect, test, vi } from "vitest";

let t = 1e9;
const reads: number[] = [];
vi.mock("@/lib/db/phone-identity", () => ({
  // Reading the sources takes 40 ms on the injected clock.
  sourcesForEffective: async () => {
    reads.push(t);
    t += 40;
    return [];
  },
  identitiesOf: async () => [],
  markEffectiveFresh: async () => undefined,
  recordsOfIdentities: async () => [],
  returningSince: async () => [],
  writeEffective: async () => undefined,
}));
vi.mock("@/lib/db/site-settings", () => ({ listSiteRules: async () => [] }));
vi.mock("./site-outages", () => ({ checkSiteOutages: async () => undefined }));
vi.mock("@/lib/alerts/worker", () => ({
  evaluateAlertsNow: async () => undefined,
  evaluateAlertsSoon: () => undefined,
}));

const { afterPoll, setBatchPacing } = await import("./recompute");

test("polls finishing while the next batch waits share it; the wait is twice the last batch's duration", async () => {
  const sleeps: number[] = [];
  let wake = () => {};
  setBatchPacing({
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise<void>((resolve) => (wake = resolve));
    },
  });
  try {
    await afterPoll("a", [], new Date(1_000));
    expect(reads).toHaveLength(1);
    expect(sleeps).toEqual([]);
    t += 30;
    const b = afterPoll("b", [], new Date(2_000));
    await vi.waitFor(() => expect(sleeps).toEqual([50]));
    const c = afterPoll("c", [], new Date(3_000));
    const d = afterPoll("d", [], new Date(4_000));
    expect(reads).toHaveLength(1);
    wake();
    const results = await Promise.all([b, c, d]);
    // One read of the sources for the three polls, each with its own result.
    expect(reads).toHaveLength(2);
    expect(results).toHaveLength(3);
  } finally {
    setBatchPacing(undefined);
  }
});
