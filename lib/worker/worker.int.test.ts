// The poll worker as a process of its own beside the web side (this test process, with
// LINEWATCH_WORKER=remote): it polls on its schedule, poll now and refresh reach it through the
// database, a worker killed mid-poll loses nothing and the next one resumes, and two workers on
// PostgreSQL never poll a source twice in one interval. Real processes, real HTTP, real database.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, onTestFinished, test, vi } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import * as polls from "@/lib/services/polls";
import { getPoller } from "@/lib/services/poller";
import { getDemo } from "@/lib/services/sites";

const who = { actor: "tester" };
let database: TestDatabase;
let router: CmeSimulator;
let source: SourceRecord;
const workers = new Set<Worker>();

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run linewatch -- worker` on the test's database, without the demo fleet. */
function startWorker(): Worker {
  // One process (node with tsx as a loader, not the tsx wrapper): a SIGKILL hits the worker itself.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "lib/cli/main.ts", "worker", "--no-demo", "--lease-seconds", "6"],
    { env: { ...process.env, LINEWATCH_LOG_LEVEL: "warn" } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  const worker: Worker = {
    child,
    output: () => output,
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  workers.add(worker);
  void worker.exited.then(() => workers.delete(worker));
  return worker;
}

async function stopWorker(worker: Worker, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  worker.child.kill(signal);
  return worker.exited;
}

const pollsOf = (sourceId: string) => db().poll.findMany({ where: { sourceId }, orderBy: { startedAt: "asc" } });

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  router = await startCmeSimulator({ fleet: { seed: 5, ephones: 8, pools: 2 } });
  source = await createSource(
    {
      kind: "cme",
      name: "Worker router",
      urls: [router.url],
      username: "cisco",
      password: "cisco",
      timeoutMs: 10_000,
      pollIntervalS: 30,
    },
    who,
  );
  process.env.LINEWATCH_WORKER = "remote";
  resetEnvForTests();
});

afterAll(async () => {
  await Promise.all([...workers].map((w) => stopWorker(w, "SIGKILL")));
  delete process.env.LINEWATCH_WORKER;
  resetEnvForTests();
  await router?.close();
  await database?.stop();
});

describe("the poll worker process", () => {
  test("with no worker running, poll now says so at once (503) and queues nothing", async () => {
    const failure = await polls.pollSourceNow(source.id, who).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(503);
    expect((failure as AppError).userMessage).toMatch(/poll worker is not running/);
    expect(await db().workRequest.count()).toBe(0);
    expect((await getPoller()).state).toBe("down");
  });

  test("a worker polls on its schedule and beats; the web reads what it wrote", async () => {
    const worker = startWorker();
    await vi.waitFor(async () => expect((await pollsOf(source.id)).length).toBeGreaterThan(0), {
      timeout: 90_000,
      interval: 250,
    });
    expect(await db().device.count({ where: { sourceId: source.id, missing: false } })).toBe(10);
    const poller = await getPoller();
    expect(poller).toMatchObject({ mode: "external", state: "ok", overdue: { count: 0 } });
    expect(poller.workers.filter((w) => w.alive)).toHaveLength(1);
    expect(poller.workers[0]!.pid).toBe(worker.child.pid);
    // The worker runs no demo fleet here, and says so in its heartbeat.
    expect(await getDemo()).toEqual({ running: false, branch: null });
  }, 120_000);

  test("poll now and refresh phone run in the worker, which audits them in the asker's name", async () => {
    const summary = await polls.pollSourceNow(source.id, who);
    expect(summary).toMatchObject({ sourceId: source.id, sourceName: "Worker router", status: "ok", devices: 10 });
    const request = await db().workRequest.findFirstOrThrow({ where: { kind: "poll" } });
    const poller = await getPoller();
    expect(request).toMatchObject({ status: "done", claimedBy: poller.workers[0]!.id });
    expect(await db().auditEvent.count({ where: { action: "source.poll", actor: "tester" } })).toBe(1);

    const phone = await db().device.findFirstOrThrow({ where: { sourceId: source.id }, orderBy: { name: "asc" } });
    const refreshed = await polls.refreshPhone(phone.name, who);
    expect(refreshed.name).toBe(phone.name);
    expect(refreshed.results).toEqual([expect.objectContaining({ sourceId: source.id })]);

    // A failure in the worker comes back as the error it was.
    const missing = await polls.refreshPhone("SEP000000000000", who).catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: "not_found" });
  }, 60_000);

  test("a worker killed mid-poll loses nothing; the asker hears so; a restarted worker resumes", async () => {
    const [first] = [...workers];
    const devicesBefore = await db().device.findMany({ where: { sourceId: source.id }, orderBy: { name: "asc" } });
    const pollsBefore = (await pollsOf(source.id)).length;
    router.control.setLatency(60_000);
    const asked = polls.pollSourceNow(source.id, who).catch((error: unknown) => error);
    await vi.waitFor(
      async () => {
        const health = await db().sourceHealth.findUniqueOrThrow({ where: { sourceId: source.id } });
        expect(health.leaseHolder).not.toBeNull();
        expect(await db().workRequest.count({ where: { kind: "poll", status: "running" } })).toBe(1);
      },
      { timeout: 30_000, interval: 100 },
    );
    await stopWorker(first!, "SIGKILL");

    // Nothing half-written: the same devices, and no poll row for the poll that died.
    expect(await db().device.findMany({ where: { sourceId: source.id }, orderBy: { name: "asc" } })).toEqual(
      devicesBefore,
    );
    expect((await pollsOf(source.id)).length).toBe(pollsBefore);

    router.control.setLatency(0);
    const killedAt = new Date();
    startWorker();
    // The new worker sees the old one's process is gone and fails its request in words.
    const failure = await asked;
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).userMessage).toMatch(/stopped while doing this/);
    // Once the dead worker's lease runs out, the source is polled again.
    await vi.waitFor(
      async () => {
        const after = (await pollsOf(source.id)).filter((p) => p.startedAt >= killedAt);
        expect(after.map((p) => p.outcome)).toContain("ok");
      },
      { timeout: 90_000, interval: 250 },
    );
  }, 180_000);

  test.skipIf(!process.env.LINEWATCH_TEST_DATABASE_URL)(
    "two workers on PostgreSQL share the sources and never poll one twice in an interval",
    async () => {
      await Promise.all([...workers].map((w) => stopWorker(w)));
      const intervalS = 6;
      const sources = [source];
      for (let i = 1; i <= 5; i++) {
        const router2 = await startCmeSimulator({ fleet: { seed: 10 + i, ephones: 3, pools: 1 } });
        const added = await createSource(
          { kind: "cme", name: `Shared ${i}`, urls: [router2.url], username: "cisco", password: "cisco" },
          who,
        );
        sources.push(added);
        onTestFinished(() => router2.close());
      }
      // Below the API's 30 s minimum, straight in the database: the test needs several intervals.
      await db().source.updateMany({ data: { pollIntervalS: intervalS } });
      const started = new Date();
      startWorker();
      startWorker();
      // Both workers up (each has beaten) before the count starts: on a busy machine one process can
      // take many seconds longer to load, and the other alone would poll every source 3 times.
      await vi.waitFor(
        async () => expect(await db().worker.count({ where: { beatAt: { gte: started } } })).toBeGreaterThanOrEqual(2),
        { timeout: 90_000, interval: 100 },
      );
      const since = new Date();
      const holders = new Set<string>();
      await vi.waitFor(
        async () => {
          for (const h of await db().sourceHealth.findMany({ where: { leaseHolder: { not: null } } }))
            holders.add(h.leaseHolder!);
          for (const s of sources)
            expect((await pollsOf(s.id)).filter((p) => p.startedAt >= since).length).toBeGreaterThanOrEqual(3);
          // Leases are held only while a poll runs: sampling goes on until it has seen both holders.
          expect(holders.size).toBe(2);
        },
        { timeout: 120_000, interval: 100 },
      );
      expect(holders.size).toBe(2);
      for (const s of sources) {
        const runs = (await pollsOf(s.id)).filter((p) => p.startedAt >= since);
        for (let i = 1; i < runs.length; i++) {
          const gap = runs[i]!.startedAt.getTime() - runs[i - 1]!.startedAt.getTime();
          // The next poll is planned an interval after the last one started, less at most the 5 % jitter.
          expect(gap).toBeGreaterThanOrEqual(intervalS * 1000 * 0.95 - 1);
        }
      }
    },
    240_000,
  );
});
