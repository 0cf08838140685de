// The behaviour every BudgetStore must show, as a reusable vitest suite: run it against the
// in-memory store here and against the database store in lib/db. Cluster ids are unique per test
// so a shared database needs no cleanup between tests.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { BudgetStore, TakeOutcome } from "@/lib/risport/budget/budget-store";

const WINDOW = 60_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

export function budgetStoreContract(label: string, makeStore: () => BudgetStore | Promise<BudgetStore>): void {
  const cluster = () => `contract-${randomUUID()}`;

  describe(`BudgetStore contract: ${label}`, () => {
    it("grants up to the limit in a window, then names the next slot", async () => {
      const store = await makeStore();
      const id = cluster();
      const answers: TakeOutcome[] = [];
      for (let i = 0; i < 4; i++)
        answers.push(await store.tryTake(id, { limit: 3, windowMs: WINDOW, now: T0 + i * 1000 }));
      expect(answers.slice(0, 3)).toEqual([
        { granted: true, remaining: 2 },
        { granted: true, remaining: 1 },
        { granted: true, remaining: 0 },
      ]);
      expect(answers[3]).toEqual({ granted: false, nextSlotAt: T0 + WINDOW, remaining: 0 });
    });

    it("frees a slot exactly when the oldest grant leaves the window, and refusals take nothing", async () => {
      const store = await makeStore();
      const id = cluster();
      for (let i = 0; i < 2; i++) await store.tryTake(id, { limit: 2, windowMs: WINDOW, now: T0 + i * 10_000 });
      for (let i = 0; i < 5; i++) {
        expect(await store.tryTake(id, { limit: 2, windowMs: WINDOW, now: T0 + 30_000 + i })).toMatchObject({
          granted: false,
        });
      }
      expect(await store.tryTake(id, { limit: 2, windowMs: WINDOW, now: T0 + WINDOW - 1 })).toMatchObject({
        granted: false,
      });
      expect(await store.tryTake(id, { limit: 2, windowMs: WINDOW, now: T0 + WINDOW })).toEqual({
        granted: true,
        remaining: 0,
      });
      expect(await store.tryTake(id, { limit: 2, windowMs: WINDOW, now: T0 + WINDOW + 1 })).toEqual({
        granted: false,
        nextSlotAt: T0 + 10_000 + WINDOW,
        remaining: 0,
      });
    });

    it("never grants more than the limit in any window over a long random run", async () => {
      const store = await makeStore();
      const id = cluster();
      const granted: number[] = [];
      let now = T0;
      let seed = 7;
      for (let i = 0; i < 400; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        now += seed % 9_000;
        const answer = await store.tryTake(id, { limit: 5, windowMs: WINDOW, now });
        if (answer.granted) granted.push(now);
        else expect(answer.nextSlotAt).toBeGreaterThan(now);
      }
      for (const start of granted) {
        expect(granted.filter((at) => at >= start && at < start + WINDOW).length).toBeLessThanOrEqual(5);
      }
      expect(granted.length).toBeGreaterThan(20);
    });

    it("grants exactly the limit to concurrent callers", async () => {
      const store = await makeStore();
      const id = cluster();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => store.tryTake(id, { limit: 6, windowMs: WINDOW, now: T0 })),
      );
      expect(answers.filter((answer) => answer.granted)).toHaveLength(6);
    });

    it("keeps clusters apart", async () => {
      const store = await makeStore();
      const [a, b] = [cluster(), cluster()];
      await store.tryTake(a, { limit: 1, windowMs: WINDOW, now: T0 });
      expect(await store.tryTake(a, { limit: 1, windowMs: WINDOW, now: T0 })).toMatchObject({ granted: false });
      expect(await store.tryTake(b, { limit: 1, windowMs: WINDOW, now: T0 })).toEqual({ granted: true, remaining: 0 });
      await store.pause(a, T0 + 5 * WINDOW);
      expect(await store.pausedUntil(b)).toBeNull();
    });

    it("follows a lower limit at once", async () => {
      const store = await makeStore();
      const id = cluster();
      for (let i = 0; i < 3; i++) await store.tryTake(id, { limit: 5, windowMs: WINDOW, now: T0 + i });
      expect(await store.tryTake(id, { limit: 2, windowMs: WINDOW, now: T0 + 10 })).toEqual({
        granted: false,
        nextSlotAt: T0 + 1 + WINDOW,
        remaining: 0,
      });
    });

    it("refuses while paused, names the pause's end, and never shortens a pause", async () => {
      const store = await makeStore();
      const id = cluster();
      expect(await store.pausedUntil(id)).toBeNull();
      await store.pause(id, T0 + 90_000);
      await store.pause(id, T0 + 30_000);
      expect(await store.pausedUntil(id)).toBe(T0 + 90_000);
      expect(await store.tryTake(id, { limit: 10, windowMs: WINDOW, now: T0 })).toEqual({
        granted: false,
        nextSlotAt: T0 + 90_000,
        remaining: 0,
      });
      expect(await store.tryTake(id, { limit: 10, windowMs: WINDOW, now: T0 + 89_999 })).toMatchObject({
        granted: false,
      });
      expect(await store.tryTake(id, { limit: 10, windowMs: WINDOW, now: T0 + 90_000 })).toEqual({
        granted: true,
        remaining: 9,
      });
    });

    it("when paused and full, names whichever comes later", async () => {
      const store = await makeStore();
      const id = cluster();
      await store.tryTake(id, { limit: 1, windowMs: WINDOW, now: T0 });
      await store.pause(id, T0 + 10_000);
      expect(await store.tryTake(id, { limit: 1, windowMs: WINDOW, now: T0 + 1 })).toEqual({
        granted: false,
        nextSlotAt: T0 + WINDOW,
        remaining: 0,
      });
    });
  });
}
