// The database budget store passes the same contract as the in-memory one, on SQLite and on
// PostgreSQL, and holds when many takers race (as two app instances would).
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { budgetStoreContract } from "@/lib/testing/budget-store-contract";
import { createDatabaseBudgetStore } from "./risport-budget";
import { createDb } from "./client";
import { env } from "@/lib/env";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

budgetStoreContract("database", () => createDatabaseBudgetStore());

test("concurrent takers never exceed the limit in one window", async () => {
  const store = createDatabaseBudgetStore();
  const now = Date.now();
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => store.tryTake("race", { limit: 12, windowMs: 60_000, now: now + i })),
  );
  expect(results.filter((r) => r.granted)).toHaveLength(12);
});

// Several instances share a budget on PostgreSQL. (Two SQLite connections inside one process
// would block each other's synchronous driver, which no deployment does.)
test.runIf(!!process.env.LINEWATCH_TEST_DATABASE_URL)(
  "two database clients (two app instances) share one budget",
  async () => {
    const other = createDb(env().database);
    try {
      const now = Date.now();
      const first = createDatabaseBudgetStore();
      const second = createDatabaseBudgetStore(other);
      const takes = Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? first : second).tryTake("shared", { limit: 12, windowMs: 60_000, now: now + i }),
      );
      const results = await Promise.all(takes);
      expect(results.filter((r) => r.granted)).toHaveLength(12);
      expect(await first.pausedUntil("shared")).toBeNull();
      await second.pause("shared", now + 90_000);
      expect(await first.tryTake("shared", { limit: 12, windowMs: 60_000, now: now + 61_000 })).toEqual({
        granted: false,
        nextSlotAt: now + 90_000,
        remaining: 0,
      });
    } finally {
      await other.$disconnect();
    }
  },
);
