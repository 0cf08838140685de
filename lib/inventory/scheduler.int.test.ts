// The scheduler and the poll lease on a real database: a restart keeps every row and does not poll
// in a burst, two instances poll each source once per interval between them, a dead instance's
// lease is taken over once it expires, and a long poll keeps its lease alive.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { closeDb, createDb, db, type Db } from "@/lib/db/client";
import { createInventoryStore, type InventoryStore } from "@/lib/db/inventory-store";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { env } from "@/lib/env";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import type { PollSummary } from "./poll";
import { startScheduler, type Scheduler, type SchedulerOptions } from "./scheduler";
import { manualClock, tableState } from "@/lib/testing/inventory";

let database: TestDatabase;
const routers: CmeSimulator[] = [];
const sources: SourceRecord[] = [];
const clock = manualClock();
const INTERVAL_MS = 60_000;
const running: Scheduler[] = [];
let other: Db | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function scheduler(instanceId: string, polls: PollSummary[], extra: Partial<SchedulerOptions> = {}): Scheduler {
  const started = startScheduler({
    instanceId,
    now: clock.now,
    tickMs: 10,
    jitter: 0,
    firstPollSpreadMs: 0,
    pruneEveryMs: 0,
    onPoll: (summary) => void (summary.status !== "skipped" && polls.push(summary)),
    ...extra,
  });
  running.push(started);
  return started;
}
const stopAll = async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
};
const ran = (polls: PollSummary[], sourceId: string) => polls.filter((p) => p.sourceId === sourceId).length;

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  for (let i = 0; i < 2; i++) {
    const router = await startCmeSimulator({ fleet: { seed: 20 + i, ephones: 12, pools: 2 } });
    routers.push(router);
    sources.push(
      await createSource(
        {
          kind: "cme",
          name: `Site ${i + 1}`,
          urls: [router.url],
          username: "cisco",
          password: "cisco",
          timeoutMs: 2000,
          pollIntervalS: INTERVAL_MS / 1000,
        },
        { actor: "tester" },
      ),
    );
  }
});
afterEach(stopAll);
afterAll(async () => {
  await stopAll();
  await other?.$disconnect();
  await Promise.all(routers.map((r) => r.close()));
  await database?.stop();
});

describe("the scheduler", () => {
  test("polls each new source, then again only once its interval passed", async () => {
    const polls: PollSummary[] = [];
    scheduler("first", polls);
    await until(() => polls.length === 2, "the first polls");
    expect(polls.every((p) => p.status === "ok")).toBe(true);
    await sleep(150);
    expect(polls).toHaveLength(2);
    clock.advance(INTERVAL_MS);
    await until(() => polls.length === 4, "the second polls");
    expect(polls.slice(2).map((p) => p.changed)).toEqual([0, 0]);
  });

  test("a restart (new database client) keeps every row and does not poll in a burst", async () => {
    const before = await Promise.all(sources.map((s) => tableState(s.id)));
    await closeDb(); // the next db() opens a fresh client, as a restarted process would
    const polls: PollSummary[] = [];
    scheduler("restarted", polls);
    await sleep(200);
    expect(polls).toHaveLength(0);
    expect(await Promise.all(sources.map((s) => tableState(s.id)))).toEqual(before);
    clock.advance(INTERVAL_MS);
    await until(() => polls.length === 2, "the next scheduled polls");
    expect(await Promise.all(sources.map((s) => tableState(s.id)))).toEqual(
      before.map((b) => ({ ...b, polls: b.polls + 1 })),
    );
  });

  test("after a long downtime, overdue sources are spread out instead of polled at once", async () => {
    clock.advance(10 * INTERVAL_MS);
    const polls: PollSummary[] = [];
    scheduler("after-downtime", polls, { random: () => 0.5 });
    await sleep(200);
    expect(polls).toHaveLength(0);
    const next = await db().sourceHealth.findMany({ select: { nextPollAt: true } });
    expect(next.every((h) => h.nextPollAt!.getTime() > clock.now())).toBe(true);
    clock.advance(INTERVAL_MS / 2);
    await until(() => polls.length === 2, "the spread polls");
  });
});

describe("two instances on one database", () => {
  test("poll each source exactly once per interval between them", async () => {
    // Two app instances: on PostgreSQL each with its own connection pool; SQLite's driver is
    // synchronous, so in one process they share the client (as the brief for this test says).
    const postgres = database.provider === "postgresql";
    other = postgres ? createDb(env().database) : undefined;
    const storeB: InventoryStore = createInventoryStore(other);
    const a: PollSummary[] = [];
    const b: PollSummary[] = [];
    scheduler("instance-a", a);
    scheduler("instance-b", b, { store: storeB });
    const intervals = 5;
    for (let i = 1; i <= intervals; i++) {
      clock.advance(INTERVAL_MS);
      await until(() => a.length + b.length === i * sources.length, `interval ${i}`);
      await sleep(60); // room for a second poll of the same interval, which must not come
      expect(a.length + b.length).toBe(i * sources.length);
    }
    for (const source of sources) expect(ran(a, source.id) + ran(b, source.id)).toBe(intervals);
    expect([...a, ...b].every((p) => p.status === "ok")).toBe(true);
  });

  test("a dead instance's lease is taken over once it expires", async () => {
    const store = createInventoryStore();
    const source = sources[0]!;
    clock.advance(INTERVAL_MS);
    const leaseMs = 90_000;
    // An instance took the lease and died mid-poll: the source is due but leased.
    expect(
      await store.acquireLease(source.id, {
        instanceId: "dead",
        now: new Date(clock.now()),
        until: new Date(clock.now() + leaseMs),
        dueOnly: false,
      }),
    ).toBe(true);
    const polls: PollSummary[] = [];
    scheduler("survivor", polls);
    await until(() => ran(polls, sources[1]!.id) === 1, "the other source's poll");
    await sleep(150);
    expect(ran(polls, source.id)).toBe(0);
    clock.advance(leaseMs + 1);
    await until(() => ran(polls, source.id) === 1, "the take-over poll");
    expect(polls.find((p) => p.sourceId === source.id)).toMatchObject({ status: "ok" });
    expect(
      await db().sourceHealth.findUnique({ where: { sourceId: source.id }, select: { leaseHolder: true } }),
    ).toEqual({ leaseHolder: null });
  });

  test("a long poll renews its lease, so no other instance starts the same source", async () => {
    const slow = routers[0]!;
    slow.control.setLatency(150);
    const a: PollSummary[] = [];
    const b: PollSummary[] = [];
    // Lease time is on the test's clock; renewals come every leaseMs / 3 of real time.
    const leaseMs = 300;
    clock.advance(INTERVAL_MS);
    scheduler("long-a", a, { leaseMs });
    await until(
      async () =>
        (await db().sourceHealth.findUnique({ where: { sourceId: sources[0]!.id } }))?.leaseHolder === "long-a",
      "the lease",
    );
    scheduler("long-b", b, { leaseMs });
    // Time runs on past the lease's first expiry while the poll still runs: only renewals keep it.
    for (let step = 0; step < 10; step++) {
      clock.advance(leaseMs / 3);
      await sleep(50);
    }
    await until(() => ran(a, sources[0]!.id) === 1, "the slow poll");
    // Long enough for a second poll of the slow router to have finished, had one started.
    await sleep(1_500);
    expect(ran(b, sources[0]!.id)).toBe(0);
    slow.control.setLatency(0);
  });
});
