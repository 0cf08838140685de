// /healthz and /readyz as a load balancer probes them: no sign-in, ready only when the database
// answers, every migration is applied and this instance's scheduler ticks; never any detail beyond
// the check names. Run against the real database (SQLite, or PostgreSQL in its lane).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "@/lib/db/client";
import { recordSchedulerBeat } from "@/lib/inventory/scheduler";
import { GET as healthz } from "@/app/healthz/route";
import { GET as readyz } from "@/app/readyz/route";
import { pollerState, readiness } from "./readiness";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

describe("health probes", () => {
  test("/healthz answers without sign-in", async () => {
    const response = healthz();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("/readyz is ready with a migrated database and a ticking scheduler, without sign-in", async () => {
    recordSchedulerBeat(Date.now(), 5_000);
    const response = await readyz();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", poller: "ok" },
    });
  });

  test("a scheduler that stopped ticking, or never started, makes the instance not ready", async () => {
    const now = Date.UTC(2026, 0, 1, 12);
    expect(pollerState({ lastTickAt: now - 59_000, tickMs: 5_000 }, now)).toBe("ok");
    expect(pollerState({ lastTickAt: now - 61_000, tickMs: 5_000 }, now)).toBe("behind");
    expect(pollerState({ lastTickAt: now - 100_000, tickMs: 20_000 }, now)).toBe("ok");
    expect(pollerState(null, now)).toBe("not-running");
    expect(await readiness(now, null)).toEqual({
      ready: false,
      checks: { database: "ok", migrations: "ok", poller: "not-running" },
    });
  });

  test("a migration the database lacks makes it not ready, and /readyz says only which check", async () => {
    const [last] = await db().$queryRaw<
      { migration_name: string }[]
    >`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await db().$executeRaw`DELETE FROM "_prisma_migrations" WHERE migration_name = ${last!.migration_name}`;
    recordSchedulerBeat(Date.now(), 5_000);
    const response = await readyz();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({ status: "not-ready", checks: { database: "ok", migrations: "pending", poller: "ok" } });
    expect(JSON.stringify(body)).not.toContain(last!.migration_name);
  });

  test("a database that cannot be read makes it not ready", async () => {
    await db().$executeRaw`DROP TABLE "_prisma_migrations"`;
    expect((await readiness(Date.now(), { lastTickAt: Date.now(), tickMs: 5_000 })).checks.migrations).toBe("pending");
    await database.stop();
    process.env.DATABASE_URL = "postgresql://nobody:wrong@127.0.0.1:1/none";
    const { resetEnvForTests } = await import("@/lib/env");
    resetEnvForTests();
    const result = await readiness(Date.now(), { lastTickAt: Date.now(), tickMs: 5_000 });
    expect(result).toEqual({ ready: false, checks: { database: "unreachable", migrations: "unknown", poller: "ok" } });
    delete process.env.DATABASE_URL;
    resetEnvForTests();
  });
});
