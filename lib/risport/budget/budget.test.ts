import { describe, expect, it } from "vitest";
import { BudgetSpent, createRateBudget } from "./budget";
import { createMemoryBudgetStore } from "./budget-store";
import { createFakeClock } from "@/lib/testing/fake-clock";

const WINDOW = 60_000;

function maxInAnyWindow(times: number[]): number {
  return Math.max(0, ...times.map((start) => times.filter((at) => at >= start && at < start + WINDOW).length));
}

describe("createRateBudget", () => {
  it("uses the per-minute allowance minus the reserve, 12 by default", () => {
    const budget = createRateBudget({ clusterId: "c", store: createMemoryBudgetStore() });
    expect(budget.limit).toBe(12);
    expect(
      createRateBudget({ clusterId: "c", store: createMemoryBudgetStore(), perMinute: 18, reserve: 2 }).limit,
    ).toBe(16);
  });

  it("refuses allowances CUCM cannot have", () => {
    const store = createMemoryBudgetStore();
    expect(() => createRateBudget({ clusterId: "c", store, perMinute: 19 })).toThrow(RangeError);
    expect(() => createRateBudget({ clusterId: "c", store, perMinute: 0 })).toThrow(RangeError);
    expect(() => createRateBudget({ clusterId: "c", store, perMinute: 5, reserve: 5 })).toThrow(RangeError);
    expect(() => createRateBudget({ clusterId: "c", store, reserve: -1 })).toThrow(RangeError);
  });

  it("take() never lets more than the limit through in any 60 s window", async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({
      clusterId: "c",
      store: createMemoryBudgetStore(),
      clock: clock.now,
      sleep: clock.sleep,
    });
    const granted: number[] = [];
    for (let i = 0; i < 50; i++) {
      await budget.take();
      granted.push(clock.now());
    }
    expect(maxInAnyWindow(granted)).toBe(12);
    // 50 requests at 12 a minute: the 49th..50th go in the fifth window.
    expect(clock.slept()).toBe(4 * WINDOW);
  });

  it("holds when several processes share one store and take concurrently", async () => {
    const clock = createFakeClock();
    const store = createMemoryBudgetStore();
    const budgets = [1, 2, 3].map(() =>
      createRateBudget({ clusterId: "shared", store, clock: clock.now, sleep: clock.sleep }),
    );
    const granted: number[] = [];
    await Promise.all(
      budgets.map(async (budget) => {
        for (let i = 0; i < 15; i++) {
          await budget.take();
          granted.push(clock.now());
        }
      }),
    );
    expect(granted).toHaveLength(45);
    expect(maxInAnyWindow(granted)).toBeLessThanOrEqual(12);
  });

  it("tryTake() answers at once with the remaining count, then the next slot", async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({
      clusterId: "c",
      store: createMemoryBudgetStore(),
      perMinute: 5,
      reserve: 2,
      clock: clock.now,
    });
    const start = clock.now();
    expect(await budget.tryTake()).toEqual({ granted: true, remaining: 2 });
    clock.advance(5_000);
    expect(await budget.tryTake()).toEqual({ granted: true, remaining: 1 });
    expect(await budget.tryTake()).toEqual({ granted: true, remaining: 0 });
    expect(await budget.tryTake()).toEqual({ granted: false, remaining: 0, nextSlotAt: start + WINDOW, paused: false });
  });

  it("a RateControl fault pauses the cluster for a window plus jitter, and take() waits it out", async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({
      clusterId: "c",
      store: createMemoryBudgetStore(),
      clock: clock.now,
      sleep: clock.sleep,
      jitter: () => 1_234,
    });
    await budget.take();
    const faultAt = clock.now();
    const until = await budget.rateLimited();
    expect(until).toBe(faultAt + WINDOW + 1_234);
    expect(await budget.pausedUntil()).toBe(until);
    expect(await budget.tryTake()).toEqual({ granted: false, remaining: 0, nextSlotAt: until, paused: true });
    await budget.take();
    expect(clock.now()).toBe(until);
  });

  it("honours a longer retry-after from the server", async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({
      clusterId: "c",
      store: createMemoryBudgetStore(),
      clock: clock.now,
      jitter: () => 0,
    });
    expect(await budget.rateLimited(150_000)).toBe(clock.now() + 150_000);
  });

  it("take() with a deadline gives up with BudgetSpent instead of waiting past it", async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({
      clusterId: "c",
      store: createMemoryBudgetStore(),
      perMinute: 2,
      reserve: 1,
      clock: clock.now,
      sleep: clock.sleep,
    });
    await budget.take();
    const error = await budget.take({ deadline: clock.now() + 10_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpent);
    expect((error as BudgetSpent).nextSlotAt).toBe(clock.now() + WINDOW);
    expect((error as BudgetSpent).kind).toBe("rate-limited");
    expect((error as BudgetSpent).userMessage).toMatch(/budget is spent/);
  });

  it("take() stops when its signal aborts", async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({
      clusterId: "c",
      store: createMemoryBudgetStore(),
      perMinute: 2,
      reserve: 1,
      clock: clock.now,
      sleep: clock.sleep,
    });
    await budget.take();
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    await expect(budget.take({ signal: controller.signal })).rejects.toThrow("stopped");
  });
});
