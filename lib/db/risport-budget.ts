// The RisPort rate budget in the database, so every app instance on one database shares each
// cluster's requests-per-minute. Each take runs in one transaction that first bumps the
// cluster's budget row: that write takes the row lock (PostgreSQL) or the write lock (SQLite),
// so two instances never count the same window at once.
import { db as defaultDb, type Db } from "./client";
import { nextSlotAfter, type BudgetStore } from "@/lib/risport/budget/budget-store";

/** Grants older than this are never counted again; prune keeps the table small. */
const KEEP_MS = 10 * 60_000;

/** `client` is for tests standing in for a second app instance; the app uses the shared one. */
export function createDatabaseBudgetStore(client?: Db): BudgetStore {
  const db = () => client ?? defaultDb();
  return {
    async tryTake(clusterId, { limit, windowMs, now }) {
      return db().$transaction(async (tx) => {
        const budget = await tx.risportBudget.upsert({
          where: { clusterId },
          create: { clusterId, version: 1 },
          update: { version: { increment: 1 } },
          select: { pausedUntil: true, version: true },
        });
        const grants = (
          await tx.risportRequest.findMany({
            where: { clusterId, at: { gt: new Date(now - windowMs) } },
            select: { at: true },
            orderBy: { at: "asc" },
          })
        ).map((g) => g.at.getTime());
        const pausedUntil = budget.pausedUntil?.getTime() ?? 0;
        const full = grants.length >= limit;
        if (pausedUntil > now || full) {
          return {
            granted: false as const,
            nextSlotAt: Math.max(pausedUntil, full ? nextSlotAfter(grants, limit, windowMs) : now),
            remaining: 0 as const,
          };
        }
        await tx.risportRequest.create({ data: { clusterId, at: new Date(now) } });
        // Now and then, drop grants no window will count again (cheap, and bounded per take).
        if (budget.version % 50 === 0)
          await tx.risportRequest.deleteMany({
            where: { clusterId, at: { lt: new Date(now - Math.max(KEEP_MS, windowMs)) } },
          });
        return { granted: true as const, remaining: limit - grants.length - 1 };
      });
    },
    async pause(clusterId, until) {
      await db().$transaction(async (tx) => {
        const current = await tx.risportBudget.upsert({
          where: { clusterId },
          create: { clusterId, pausedUntil: new Date(until) },
          update: { version: { increment: 1 } },
          select: { pausedUntil: true },
        });
        if ((current.pausedUntil?.getTime() ?? 0) < until)
          await tx.risportBudget.update({ where: { clusterId }, data: { pausedUntil: new Date(until) } });
      });
    },
    async pausedUntil(clusterId) {
      const row = await db().risportBudget.findUnique({ where: { clusterId }, select: { pausedUntil: true } });
      return row?.pausedUntil?.getTime() ?? null;
    },
  };
}
