// Scenario 5 (PostgreSQL): N simulated routers polled by 1, then 2, then 3 poll worker processes
// (`lib/cli/main.ts worker`): polls per minute from the Poll table, sources polled twice within
// one interval (must be 0), then one worker killed with SIGKILL and the time until every source
// it held (SourceHealth.leaseHolder) is polled again by another worker.
import { execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { resetEnvForTests } from "@/lib/env";
import { closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { createSource } from "@/lib/services/sources/service";
import { currentKey } from "@/lib/secrets/source-passwords";
import { startFleetProcess } from "../reliability/fleet";
import type { FleetPlan } from "../reliability/fleet-protocol";
import { median, percentile } from "../reliability/report";
import { onCleanup, spawnGroup, stopGroup } from "./processes";

export interface WorkerStep {
  workers: number;
  windowS: number;
  polls: number;
  perMinute: number;
  sourcesPolled: number;
  /** Seconds between a source's poll in the window and its poll before (p50, p99): the interval when workers keep up. */
  gapP50S: number;
  gapP99S: number;
  /** Polls by outcome (ok, partial, failed). */
  outcomes: Record<string, number>;
}

export interface WorkerFigures {
  routers: number;
  intervalS: number;
  steps: WorkerStep[];
  /** Sources with two polls closer than 90% of their interval, over all the steps. */
  doublePolled: number;
  takeover?: {
    held: number;
    retaken: number;
    maxS: number;
    medianS: number;
    /** Seconds from the kill until the last of its leases ran out. */
    leaseLeftS?: number;
    note?: string;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Whether this checkout has the poll worker command yet. */
export function hasWorkerCommand(root: string): boolean {
  const dir = path.join(root, "lib/cli/commands");
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((file) => /name:\s*"worker"/.test(readFileSync(path.join(dir, file), "utf8")));
}

type Throwaway = { url: string; stop(): Promise<void> };
export async function throwawayPostgres(root: string): Promise<Throwaway> {
  const script = pathToFileURL(path.join(root, "scripts/throwaway-postgres.mjs")).href;
  return ((await import(script)) as { startThrowawayPostgres(): Promise<Throwaway> }).startThrowawayPostgres();
}

export async function runWorkers(options: {
  root: string;
  routers: number;
  intervalS: number;
  warmupMs: number;
  windowMs: number;
  takeoverCapMs: number;
  say: (line: string) => void;
  output: (chunk: Buffer) => void;
}): Promise<WorkerFigures> {
  const { say, intervalS } = options;
  const database = await throwawayPostgres(options.root);
  onCleanup(() => database.stop());
  const dataDir = mkdtempSync(path.join(tmpdir(), "linewatch-load-workers-"));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const saved = { dataDir: process.env.LINEWATCH_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.LINEWATCH_DATA_DIR = dataDir;
  process.env.DATABASE_URL = database.url;
  resetEnvForTests();
  const plan: FleetPlan = {
    routers: Array.from({ length: options.routers }, (_, i) => ({
      user: `xml${i + 1}`,
      password: randomBytes(12).toString("base64url"),
      seed: 5_000 + i,
      ephones: 5,
      pools: 1,
      dialect: i % 2 === 0 ? "2008" : "2010",
    })),
    clusters: [],
    churnEveryMs: 30_000,
  };
  const fleet = await startFleetProcess(plan, options.output);
  onCleanup(() => fleet.close());
  try {
    await applyMigrations();
    currentKey({ create: true });
    for (const [i, router] of plan.routers.entries()) {
      await createSource(
        {
          kind: "cme",
          name: `worker-router-${String(i + 1).padStart(4, "0")}`,
          site: `Site ${i % 20}`,
          urls: [fleet.routerUrls[i]!],
          username: router.user,
          password: router.password,
          pollIntervalS: intervalS,
          timeoutMs: 10_000,
        },
        { actor: "bench-load" },
      );
    }
  } finally {
    await closeDb();
    if (saved.dataDir === undefined) delete process.env.LINEWATCH_DATA_DIR;
    else process.env.LINEWATCH_DATA_DIR = saved.dataDir;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    resetEnvForTests();
  }
  say(`workers: ${options.routers} routers created on PostgreSQL`);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  onCleanup(() => client.end());
  const pollsSince = async (fromMs: number) =>
    (
      await client.query<{ sourceId: string; at: string; outcome: string }>(
        `SELECT "sourceId", outcome, extract(epoch from "startedAt") * 1000 AS at FROM "Poll" WHERE "startedAt" >= to_timestamp($1 / 1000.0) AT TIME ZONE 'UTC' ORDER BY "startedAt"`,
        [fromMs],
      )
    ).rows.map((r) => ({ sourceId: r.sourceId, at: Number(r.at), outcome: r.outcome }));

  const workers: ChildProcess[] = [];
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    LINEWATCH_DATA_DIR: dataDir,
    LINEWATCH_DEMO: "0",
    NODE_OPTIONS: "",
  };
  const startWorker = () => {
    const child = spawnGroup(
      path.join(options.root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "lib/cli/main.ts", "worker"],
      {
        cwd: options.root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout?.on("data", options.output);
    child.stderr?.on("data", options.output);
    workers.push(child);
    onCleanup(() => stopGroup(child, 3_000));
  };

  const steps: WorkerStep[] = [];
  const firstWindow = Date.now();
  for (let count = 1; count <= 3; count++) {
    startWorker();
    await sleep(options.warmupMs);
    const from = Date.now();
    await sleep(options.windowMs);
    const until = Date.now();
    const polls = (await pollsSince(from)).filter((p) => p.at <= until);
    const windowS = (until - from) / 1000;
    // Gaps from all polls so far, so the first poll in the window has its predecessor.
    const previous = new Map<string, number>();
    const gaps: number[] = [];
    for (const p of await pollsSince(firstWindow - options.warmupMs)) {
      const before = previous.get(p.sourceId);
      if (before !== undefined && p.at >= from && p.at <= until) gaps.push((p.at - before) / 1000);
      previous.set(p.sourceId, p.at);
    }
    steps.push({
      workers: count,
      windowS,
      polls: polls.length,
      perMinute: polls.length / (windowS / 60),
      sourcesPolled: new Set(polls.map((p) => p.sourceId)).size,
      gapP50S: percentile(gaps, 50),
      gapP99S: percentile(gaps, 99),
      outcomes: tally(polls.map((p) => p.outcome)),
    });
    say(`workers: ${count} worker(s): ${polls.length} polls in ${windowS.toFixed(0)} s`);
  }
  const all = await pollsSince(firstWindow - options.warmupMs);
  const bySource = new Map<string, number[]>();
  for (const p of all) bySource.set(p.sourceId, [...(bySource.get(p.sourceId) ?? []), p.at]);
  const doublePolled = [...bySource.values()].filter((ats) =>
    ats.slice(1).some((at, i) => at - ats[i]! < intervalS * 1000 * 0.9),
  ).length;

  // Take-over: SIGKILL the last worker (its whole process group: tsx and the node it runs).
  const victim = workers.at(-1)!;
  const groupPids = execFileSync("pgrep", ["-g", String(victim.pid)], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map(Number);
  const beats = (await client.query<{ id: string; pid: number }>(`SELECT id, pid FROM "Worker"`)).rows;
  const dead = beats.find((w) => groupPids.includes(w.pid));
  const leasesOf = async (id: string) =>
    (
      await client.query<{ sourceId: string }>(`SELECT "sourceId" FROM "SourceHealth" WHERE "leaseHolder" = $1`, [id])
    ).rows.map((r) => r.sourceId);
  // A worker holds leases only while it reads and stores a poll: the kill waits (up to 30 s) for a
  // moment it holds some, and the sources counted are those whose lease it still held once dead.
  if (dead) {
    const lookUntil = Date.now() + 30_000;
    while ((await leasesOf(dead.id)).length === 0 && Date.now() < lookUntil) await sleep(20);
  }
  const killedAt = Date.now();
  process.kill(-victim.pid!, "SIGKILL");
  const held = dead ? await leasesOf(dead.id) : [];
  // When the dead worker's leases run out: the take-over target is within one lease time.
  const leaseEnds = held.length
    ? (
        await client.query<{ until: Date }>(
          `SELECT "leaseExpiresAt" AS until FROM "SourceHealth" WHERE "sourceId" = ANY($1::text[])`,
          [held],
        )
      ).rows.map((r) => (new Date(r.until).getTime() - killedAt) / 1000)
    : [];
  let takeover: WorkerFigures["takeover"];
  if (!dead) {
    takeover = {
      held: 0,
      retaken: 0,
      maxS: Number.NaN,
      medianS: Number.NaN,
      note: `no Worker row with a pid of the killed group (${groupPids.join(", ")})`,
    };
  } else if (held.length === 0) {
    takeover = {
      held: 0,
      retaken: 0,
      maxS: Number.NaN,
      medianS: Number.NaN,
      note: `worker ${dead.id} held no lease when killed`,
    };
  } else {
    const retakenAt = new Map<string, number>();
    while (retakenAt.size < held.length && Date.now() - killedAt < options.takeoverCapMs) {
      await sleep(1_000);
      for (const p of await pollsSince(killedAt))
        if (held.includes(p.sourceId) && !retakenAt.has(p.sourceId)) retakenAt.set(p.sourceId, p.at);
    }
    const delays = [...retakenAt.values()].map((at) => (at - killedAt) / 1000);
    takeover = {
      held: held.length,
      retaken: retakenAt.size,
      maxS: delays.length ? Math.max(...delays) : Number.NaN,
      medianS: delays.length ? median(delays) : Number.NaN,
      leaseLeftS: leaseEnds.length ? Math.max(...leaseEnds) : undefined,
      note:
        retakenAt.size < held.length
          ? `${held.length - retakenAt.size} not polled again within ${options.takeoverCapMs / 1000} s`
          : undefined,
    };
  }
  return { routers: options.routers, intervalS, steps, doublePolled, takeover };
}
