// The churn timer's ticks are noise around a steady share: phones it drops come back after a few
// ticks, phones the fleet starts unregistered stay so, and a router left running for hours keeps
// the share it started with (flipping random phones drifted it towards half).
import { describe, expect, it } from "vitest";
import { EventLog } from "./events";
import { buildFleet } from "./fleet";
import { seededRandom } from "./random";
import { RouterState } from "./state";
import { manualClock } from "@/lib/testing/cme-sim";

function router(): RouterState {
  const clock = manualClock();
  const config = buildFleet({ seed: 11, ephones: 34, pools: 6 }, clock.now());
  return new RouterState(
    config,
    new EventLog({ maxSize: 150, retainMinutes: 15 }, clock.now),
    clock.now,
    seededRandom(3),
  );
}
const registered = (state: RouterState) =>
  new Set(
    [...state.config.ephones.values(), ...state.config.pools.values()]
      .filter((p) => p.mac && p.status === "registered")
      .map((p) => p.mac),
  );

describe("churn ticks", () => {
  it("drops registered phones and brings each back after returnAfter ticks", () => {
    const state = router();
    const before = registered(state);
    const first = state.churnTick(2, 2);
    expect(first).toHaveLength(2);
    expect(registered(state).size).toBe(before.size - 2);
    const second = state.churnTick(2, 2);
    expect(second).toHaveLength(2);
    expect(second.some((name) => first.includes(name))).toBe(false);
    expect(registered(state).size).toBe(before.size - 4);
    // The third tick brings the first tick's phones back before dropping two more.
    const third = state.churnTick(2, 2);
    expect(third.slice(0, 2).sort()).toEqual([...first].sort());
    expect(registered(state).size).toBe(before.size - 4);
  });

  it("keeps the starting share over a long run: never more than drop × returnAfter down, never a starting-down phone up", () => {
    const state = router();
    const start = registered(state);
    expect(start.size).toBeLessThan(40);
    for (let tick = 0; tick < 500; tick++) {
      state.churnTick(2, 2);
      const now = registered(state);
      expect(now.size).toBeGreaterThanOrEqual(start.size - 4);
      for (const mac of now) expect(start.has(mac)).toBe(true);
    }
  });
});
