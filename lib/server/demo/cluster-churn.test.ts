// The demo cluster's noise keeps its starting share: dropped phones return after a few ticks, the
// devices it starts unregistered stay so, excluded (branch) phones and non-phones are never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { clusterChurn } from "./cluster-churn";

let cluster: CucmSimulator;
beforeAll(async () => {
  cluster = await startCucmSimulator({ nodes: 2, devices: 600, seed: 7, controlEndpoint: false });
});
afterAll(() => cluster.close());

const registered = () =>
  new Set(cluster.control.deviceNames().filter((name) => cluster.control.device(name)?.status === "Registered"));

describe("demo cluster churn", () => {
  it("stays within share × returnAfter of the starting registrations, over many ticks", () => {
    const start = registered();
    const exclude = new Set([...start].slice(0, 20));
    const nonPhones = cluster.control.deviceNames().filter((n) => cluster.control.device(n)?.deviceClass !== "Phone");
    const churn = clusterChurn(cluster.control, { share: 0.02, returnAfterTicks: 3, exclude, seed: 1 });
    const first = churn.tick();
    expect(first.dropped.length).toBeGreaterThan(0);
    expect(first.returned).toEqual([]);
    let largestDrop = first.dropped.length;
    for (let tick = 1; tick < 60; tick++) {
      const { dropped, returned } = churn.tick();
      largestDrop = Math.max(largestDrop, dropped.length);
      if (tick >= 3) expect(returned.length).toBeGreaterThan(0);
      // The fourth tick brings the first tick's phones back.
      if (tick === 3) expect(returned.slice(0, first.dropped.length).sort()).toEqual([...first.dropped].sort());
      const now = registered();
      expect(now.size).toBeGreaterThanOrEqual(start.size - 3 * largestDrop);
      for (const name of now) expect(start.has(name)).toBe(true);
      for (const name of exclude) expect(now.has(name)).toBe(true);
      for (const name of [...dropped, ...returned]) {
        expect(exclude.has(name)).toBe(false);
        expect(nonPhones).not.toContain(name);
      }
    }
  });
});
