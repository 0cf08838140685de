// The reliability report of issue #7 as one table (section | case | figure | verdict):
//   hostile   every hostile-router case contained (lib/testing/hostile-cases)
//   load      N simulated routers + 2 simulated clusters polled by the real scheduler: memory,
//             file descriptors, sockets, event-loop lag, polls, device traffic against the schedule
//   api       50 concurrent API clients on the phones list over real HTTP: p50/p95, errors
//   sqlite    UI-style writes (in this process and from a CLI-like second process) while pollers
//             write: no "database is locked" reaching a caller
//   security  the findings of issue 15, each tried again (bench/reliability/security.ts)
//   secrets   no secret in the database file, the logs, API replies, audit rows or the client bundle
// Exits non-zero when a verdict fails (containment, leaks, busy errors, secrets); timings never do.
// Run: npm run bench:reliability -- [--minutes 10] [--quick] [--routers 200] [--hostile-timeout-ms 3000]
// Uses a throwaway SQLite data directory (LINEWATCH_TEST_DATABASE_URL: a fresh PostgreSQL database
// on that server), or the database named by DATABASE_URL when set.
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { resetEnvForTests, env, sessionSecret } from "@/lib/env";
import { closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { startTestDatabase } from "@/lib/testing/test-database";
import { runHostileCases } from "@/lib/testing/hostile-cases";
import { createSource } from "@/lib/services/sources/service";
import { createUser } from "@/lib/services/users";
import { createToken } from "@/lib/services/tokens";
import { listAuditCsv } from "@/lib/services/audit";
import { startScheduler } from "@/lib/inventory";
import { closeAgents } from "@/lib/soap";
import { currentKey, keyFilePath } from "@/lib/secrets/source-passwords";
import { log } from "@/lib/log";
import { GET as listPhones } from "@/app/api/v1/phones/route";
import { GET as listSourcesRoute } from "@/app/api/v1/sources/route";
import { GET as listAuditRoute } from "@/app/api/v1/audit/route";
import { Report, fmtMiB, fmtMs, median, mib } from "./reliability/report";
import { captureOutput, say } from "./reliability/output-capture";
import { activeResources, collectGarbage, openFds, startSampler } from "./reliability/resources";
import { pollGaps, steadyWindows, totalRequests, trafficCheck, type PollRecord } from "./reliability/figures";
import { forkHelper, startFleetProcess, type FleetProcess } from "./reliability/fleet";
import type { FleetPlan } from "./reliability/fleet-protocol";
import { getOnce, runPhoneClients, startApiServer, type ApiServer } from "./reliability/api-load";
import {
  BUSY,
  emptyTally,
  mergeTallies,
  runWriters,
  uiWrites,
  type WriteTally,
  type WriteTargets,
} from "./reliability/writes";
import { runSecurityCases } from "./reliability/security";
import {
  SecretScanner,
  bundleOnlySecrets,
  describeFindings,
  fileSecret,
  filesUnder,
  keySecret,
  passwordSecret,
  textSecret,
  totalBytes,
  totalFound,
  type Findings,
  type Secret,
} from "./reliability/secrets";

// Before the run changes the environment: the build-time secrets the bundle scan looks for.
const givenEnv = {
  sessionSecret: process.env.NEXTAUTH_SECRET,
  secretKey: process.env.LINEWATCH_SECRET_KEY,
  databaseUrl: process.env.DATABASE_URL,
};
// From here on, everything Linewatch prints is kept for the secrets scan; the table comes last.
const output = captureOutput();

const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const QUICK = process.argv.includes("--quick");
const MINUTES = QUICK ? 1 : Number(argValue("--minutes") ?? 10);
const ROUTERS = Number(argValue("--routers") ?? 200);
const HOSTILE_TIMEOUT_MS = argValue("--hostile-timeout-ms") ? Number(argValue("--hostile-timeout-ms")) : undefined;
const ROUTER_INTERVAL_S = 30;
/** A poll is a sweep of a few requests (devices / reply cap) and 2 CTI queries: inside 12 a minute. */
const CLUSTER_INTERVAL_S = 60;
const CLUSTER_BUDGET = 15;
const CLUSTER_RESERVE = 3;
const API_CLIENTS = 50;
const PER_CLIENT = QUICK ? 6 : 20;
const RUN_MS = MINUTES * 60_000;
const SAMPLE_EVERY_MS = QUICK ? 1_000 : 2_000;
/** RSS may move this much over the steady half (allocator and JIT settle), or 10% of it. */
const RSS_DRIFT_LIMIT = 48 * 1024 * 1024;
/** The heap after a full collection may grow this much over the steady half. */
const HEAP_DRIFT_LIMIT = 16 * 1024 * 1024;
/** Descriptors an idle Linewatch may hold beyond what it held before polling (the database's WAL, say). */
const FD_SLACK = 2;
/** Longer than the Cisco clients' keep-alive (lib/soap/agents.ts: 4 s). */
const IDLE_WAIT_MS = 6_000;
/** A one-minute run is still warming up: RSS drift is judged on longer runs. */
const JUDGE_RSS_FROM_MS = 5 * 60_000;
const JITTER = 0.05;

const report = new Report();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const password = (length: number) => randomBytes(length).toString("base64url").slice(0, length);
const WHO = { actor: "reliability" };
const started = performance.now();

// ---------------------------------------------------------------- database
say(
  `database: ${givenEnv.databaseUrl ? "DATABASE_URL" : process.env.LINEWATCH_TEST_DATABASE_URL ? "fresh PostgreSQL database" : "throwaway SQLite"}`,
);
let stopDatabase: () => Promise<void>;
if (givenEnv.databaseUrl) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "linewatch-reliability-"));
  process.env.LINEWATCH_DATA_DIR = dataDir;
  resetEnvForTests();
  await closeDb();
  await applyMigrations();
  stopDatabase = async () => {
    await closeDb();
    rmSync(dataDir, { recursive: true, force: true });
  };
} else {
  const database = await startTestDatabase();
  stopDatabase = () => database.stop();
}
const provider = env().database.provider;
// The server's own start: the key that seals source passwords and the session secret exist from here.
currentKey({ create: true });
const sessionSecretText = sessionSecret(() => {});
collectGarbage();
// The hostile cases read RSS after a collection when one is at hand.
const gcHolder = globalThis as { gc?: () => void };
gcHolder.gc ??= () => void collectGarbage();

// ---------------------------------------------------------------- load: set-up
say(`load: ${ROUTERS} routers (+1 with a mistyped password) + 2 clusters for ${MINUTES} min`);
const personPassword = password(20);
const person = await createUser(
  { email: "bench-person@example.test", name: "Bench person", role: "helpdesk", password: personPassword },
  WHO,
);
const viewerToken = (await createToken({ name: "bench-api-clients", role: "viewer" }, WHO)).token;
const adminToken = (await createToken({ name: "bench-admin-reads", role: "admin" }, WHO)).token;

const plan: FleetPlan = {
  // One router more than asked: its source is saved with a mistyped password, so the failed-poll
  // log line (and its password) is part of the secrets scan.
  routers: Array.from({ length: ROUTERS + 1 }, (_, i) => ({
    user: `xml${i + 1}`,
    password: password(16),
    seed: 1_000 + i,
    ephones: 8 + (i % 8),
    pools: 2 + (i % 3),
    dialect: i % 2 === 0 ? "2008" : "2010",
  })),
  clusters: [
    {
      user: "ris-a",
      password: password(24),
      seed: 901,
      nodes: 2,
      devices: 3_000,
      budgetPerMinute: CLUSTER_BUDGET,
      replyCap: 1_000,
    },
    {
      user: "ris-b",
      password: password(24),
      seed: 902,
      nodes: 3,
      devices: 2_400,
      budgetPerMinute: CLUSTER_BUDGET,
      replyCap: 1_000,
    },
  ],
  churnEveryMs: 20_000,
};

await closeAgents();
await sleep(500);
collectGarbage();
const baseline = { fds: openFds(), sockets: activeResources().sockets, rss: process.memoryUsage().rss };

const fleetStarted = performance.now();
const fleet: FleetProcess = await startFleetProcess(plan, (chunk) => output.append(chunk));
say(`simulators up in ${((performance.now() - fleetStarted) / 1000).toFixed(1)} s`);
// With the simulator process's pipes open, before any poll: what an idle Linewatch holds.
const withFleet = { fds: openFds(), sockets: activeResources().sockets };
const routerIds: string[] = [];
const mistypedPassword = password(16);
for (const [i, router] of plan.routers.entries()) {
  const mistyped = i === ROUTERS;
  const { source } = await createSource(
    {
      kind: "cme",
      name: mistyped ? "bench-router-mistyped-password" : `bench-router-${String(i + 1).padStart(3, "0")}`,
      site: `Site ${i % 12}`,
      urls: [fleet.routerUrls[i]!],
      username: router.user,
      password: mistyped ? mistypedPassword : router.password,
      pollIntervalS: ROUTER_INTERVAL_S,
      timeoutMs: 10_000,
    },
    WHO,
  );
  routerIds.push(source.id);
}
const clusterIds: string[] = [];
for (const [i, cluster] of plan.clusters.entries()) {
  const { source } = await createSource(
    {
      kind: "cucm",
      name: `bench-cluster-${i + 1}`,
      site: "HQ",
      urls: fleet.clusterUrls[i]!,
      username: cluster.user,
      password: cluster.password,
      pollIntervalS: CLUSTER_INTERVAL_S,
      budgetPerMinute: CLUSTER_BUDGET,
      budgetReserve: CLUSTER_RESERVE,
      replyCap: cluster.replyCap,
      timeoutMs: 30_000,
    },
    WHO,
  );
  clusterIds.push(source.id);
}
const intervalOf = new Map<string, number>([
  ...routerIds.map((id) => [id, ROUTER_INTERVAL_S * 1000] as const),
  ...clusterIds.map((id) => [id, CLUSTER_INTERVAL_S * 1000] as const),
]);

// Every secret of the run, and the scanner the API replies go through as they are served.
const runSecrets: Secret[] = [
  ...plan.routers.map((r) => passwordSecret("router passwords", r.password, r.user)),
  passwordSecret("router passwords", mistypedPassword, plan.routers[ROUTERS]!.user),
  ...plan.clusters.map((c) => passwordSecret("cluster passwords", c.password, c.user)),
  passwordSecret("person password", personPassword),
  passwordSecret("API tokens", viewerToken),
  passwordSecret("API tokens", adminToken),
  env().secretKey ? keySecret("secret key", env().secretKey!) : fileSecret("secret key", keyFilePath(), "key")!,
  textSecret("session secret", sessionSecretText),
];
const replyScanner = new SecretScanner(runSecrets);
const replyFindings: Findings = new Map();
let repliesScanned = 0;
const api: ApiServer = await startApiServer(
  { "/api/v1/phones": listPhones, "/api/v1/sources": listSourcesRoute, "/api/v1/audit": listAuditRoute },
  (body) =>
    setImmediate(() => {
      repliesScanned++;
      replyScanner.scan(body, replyFindings);
    }),
);

// ---------------------------------------------------------------- load: polling
const polls: PollRecord[] = [];
const sampler = startSampler(SAMPLE_EVERY_MS);
const t0 = Date.now();
const scheduler = startScheduler({
  instanceId: "reliability",
  jitter: JITTER,
  onPoll: (summary) => {
    const endMs = Date.now() - t0;
    polls.push({
      sourceId: summary.sourceId,
      status: summary.status,
      requests: summary.requests,
      // The summary comes after the poll is stored and its effective states updated: its start
      // is its own, not the report's time less the duration (a late report made gaps look short).
      startMs: summary.startedAt - t0,
      endMs,
      error: summary.error,
    });
    // As the server does (lib/server/start.ts): failed polls are logged.
    if (summary.status === "failed") log.warn("poll failed", { ...summary });
  },
});

let writing = true;
const targets: WriteTargets = {
  personId: person.user.id,
  routerIds: routerIds.slice(0, 10),
  passwordChange: { sourceId: routerIds[1]!, password: plan.routers[1]!.password },
};
const uiTally = emptyTally();
const uiWriters = runWriters({
  ops: uiWrites,
  targets,
  workers: 3,
  pauseMs: 100,
  actor: "ui",
  until: () => !writing,
  tally: uiTally,
});
const cliWriter = forkHelper("./writer-process.ts", (chunk) => output.append(chunk));
const writerFailed = (why: string): WriteTally => ({
  ...emptyTally(),
  errors: { locked: 0, "transaction-wait": 0, other: 1 },
  firstMessage: { other: `CLI writer: ${why}` },
});
const cliDone = new Promise<WriteTally>((resolve) => {
  cliWriter.on("message", (message: { type: string; tally?: WriteTally; message?: string }) =>
    resolve(message.type === "done" ? message.tally! : writerFailed(message.message ?? "failed")),
  );
  cliWriter.once("exit", () => resolve(writerFailed("exited early")));
});
cliWriter.send({ type: "start", targets, durationMs: RUN_MS - 3_000 });

const polledOnce = () => new Set(polls.filter((p) => p.status !== "skipped").map((p) => p.sourceId)).size;
while (polledOnce() < intervalOf.size && Date.now() - t0 < RUN_MS * 0.4) await sleep(250);
const warmMs = Date.now() - t0;
say(`every source polled once after ${(warmMs / 1000).toFixed(1)} s (${polledOnce()} of ${intervalOf.size})`);

// 50 API clients while the pollers and writers run.
const countsBeforeBurst = await fleet.counts();
const burstStart = Date.now() - t0;
const burst = await runPhoneClients({
  url: api.url,
  token: viewerToken,
  clients: API_CLIENTS,
  perClient: PER_CLIENT,
  sourceIds: [...routerIds.slice(0, 20), ...clusterIds],
});
const burstEnd = Date.now() - t0;
const countsAfterBurst = await fleet.counts();
say(`API burst: ${burst.requests} requests in ${(burst.wallMs / 1000).toFixed(1)} s`);
const otherReplies = [
  await getOnce(`${api.url}/api/v1/sources`, adminToken),
  await getOnce(`${api.url}/api/v1/audit?pageSize=200`, adminToken),
];

// The steady half: memory, descriptors and lag are judged from here to the end.
const steadyStart = Math.max(RUN_MS / 2, burstEnd + 2_000);
while (Date.now() - t0 < steadyStart) await sleep(200);
collectGarbage();
const heapAtSteady = process.memoryUsage().heapUsed;
sampler.resetLag();
say(`steady state from ${(steadyStart / 1000).toFixed(0)} s`);
while (Date.now() - t0 < RUN_MS) await sleep(500);
collectGarbage();
const heapAtEnd = process.memoryUsage().heapUsed;
const lag = sampler.lag();
const runEnd = Date.now() - t0;
sampler.stop();

writing = false;
await uiWriters;
await scheduler.stop();
const cliTally = await cliDone;
await new Promise((resolve) => (cliWriter.exitCode !== null ? resolve(null) : cliWriter.once("exit", resolve)));
const countsEnd = await fleet.counts();

// With polling stopped, another burst must not reach a single device.
const quietBurst = await runPhoneClients({
  url: api.url,
  token: viewerToken,
  clients: API_CLIENTS,
  perClient: 2,
  sourceIds: routerIds.slice(0, 20),
});
const countsAfterQuiet = await fleet.counts();

await api.close();
// Idle with the routers still up: keep-alive sockets close on their own after 4 s, or they leak.
await sleep(IDLE_WAIT_MS);
const idle = { fds: openFds(), sockets: activeResources().sockets };
await fleet.close();
await closeAgents();
await sleep(1_000);
const after = { fds: openFds(), sockets: activeResources().sockets };

// ---------------------------------------------------------------- load: figures
const samples = sampler.samples;
const windows = steadyWindows(samples, steadyStart, runEnd, SAMPLE_EVERY_MS);
const rssStart = windows.start("rss");
const rssEnd = windows.end("rss");
const rssLimit = Math.max(RSS_DRIFT_LIMIT, rssStart * 0.1);
const rssPeak = Math.max(...samples.map((s) => s.rss));
const rssFigure = `${fmtMiB(rssStart)} -> ${fmtMiB(rssEnd)} (drift ${mib(rssEnd - rssStart) >= 0 ? "+" : ""}${mib(rssEnd - rssStart).toFixed(1)} MiB, limit ${fmtMiB(rssLimit)}); peak ${fmtMiB(rssPeak)}, before polling ${fmtMiB(baseline.rss)}`;
if (RUN_MS >= JUDGE_RSS_FROM_MS)
  report.check("load", "RSS over the steady half", rssFigure, rssEnd - rssStart <= rssLimit);
else
  report.add(
    "load",
    "RSS over the steady half",
    `${rssFigure}; judged on runs of ${JUDGE_RSS_FROM_MS / 60_000} min or more (heap after GC decides here)`,
    "info",
  );
report.check(
  "load",
  "heap after full GC, steady half",
  `${fmtMiB(heapAtSteady)} -> ${fmtMiB(heapAtEnd)} (drift ${mib(heapAtEnd - heapAtSteady) >= 0 ? "+" : ""}${mib(heapAtEnd - heapAtSteady).toFixed(1)} MiB, limit ${fmtMiB(HEAP_DRIFT_LIMIT)})`,
  heapAtEnd - heapAtSteady <= HEAP_DRIFT_LIMIT,
);
const fdStart = windows.start("fds");
const fdEnd = windows.end("fds");
report.add(
  "load",
  "open file descriptors, steady half",
  `median ${fdStart} -> ${fdEnd}; max during run ${Math.max(...samples.map((s) => s.fds))} (idle keep-alive sockets come and go with the polls)`,
  "info",
);
// PostgreSQL's pool keeps up to 10 connections open (lib/db/client.ts), idle or not.
const poolSlack = provider === "postgresql" ? 10 : 0;
const fdSlack = FD_SLACK + poolSlack;
report.check(
  "load",
  "descriptors and sockets after stop",
  `fds ${withFleet.fds} before polling -> ${idle.fds} after stop and ${IDLE_WAIT_MS / 1000} s idle (slack ${fdSlack}); ${baseline.fds} -> ${after.fds} with the simulators gone; sockets ${withFleet.sockets} -> ${idle.sockets}`,
  idle.fds <= withFleet.fds + fdSlack &&
    after.fds <= baseline.fds + fdSlack &&
    idle.sockets <= withFleet.sockets + poolSlack,
);
report.add(
  "load",
  "active sockets / handles, steady half",
  `sockets median ${windows.start("sockets")} -> ${windows.end("sockets")}, handles ${windows.start("handles")} -> ${windows.end("handles")}`,
  "info",
);
report.add(
  "load",
  "event-loop lag, steady half",
  `beyond the 10 ms timer: p50 ${fmtMs(lag.p50Ms)}, p99 ${fmtMs(lag.p99Ms)}, max ${fmtMs(lag.maxMs)}`,
  "info",
);

const done = polls.filter((p) => p.status !== "skipped");
const byStatus = (status: string) => polls.filter((p) => p.status === status).length;
const routerGaps = pollGaps(done, routerIds);
const clusterGaps = pollGaps(done, clusterIds);
report.add(
  "load",
  "polls",
  `${done.length} polls in ${(runEnd / 60_000).toFixed(1)} min: ${byStatus("ok")} ok, ${byStatus("partial")} partial, ${byStatus("failed")} failed (${byStatus("skipped")} skipped, not due or stopped); all ${intervalOf.size} sources polled once after ${(warmMs / 1000).toFixed(1)} s`,
  "info",
);
const gapText = (list: number[]) =>
  list.length === 0 ? "n/a (one poll each)" : `${(median(list) / 1000).toFixed(1)} s`;
report.add(
  "load",
  "poll spacing (median gap)",
  `routers ${gapText(routerGaps)} (interval ${ROUTER_INTERVAL_S} s), clusters ${gapText(clusterGaps)} (interval ${CLUSTER_INTERVAL_S} s)`,
  "info",
);
const failedErrors = [...new Set(done.filter((p) => p.status === "failed").map((p) => p.error ?? ""))].slice(0, 2);
if (failedErrors.length > 0) report.add("load", "failed polls said", failedErrors.join(" | ").slice(0, 200), "info");

const traffic = trafficCheck({ routerIds, clusterIds, intervalOf, polls, counts: countsEnd, jitter: JITTER });
report.check(
  "load",
  "device traffic within the schedule",
  `${traffic.seen} requests seen by simulators, ${traffic.reported} reported by ${done.length} polls, ${traffic.allowed} from polls stopped at the end or failed; unexplained ${traffic.unexplained}; polls sooner than interval -5%: ${traffic.early}`,
  traffic.unexplained === 0 && traffic.early === 0,
);
if (traffic.failedSeen > traffic.failedReported) {
  report.add(
    "load",
    "requests of failed polls",
    `sources with failed polls: ${traffic.failedSeen} requests seen, ${traffic.failedReported} reported (Poll.requests under-counts failed polls)`,
    "info",
  );
}
for (const [i, cluster] of countsEnd.clusters.entries()) {
  const limited = cluster.byOutcome["rate-limited"] ?? 0;
  const share = CLUSTER_BUDGET - CLUSTER_RESERVE;
  const overShare =
    cluster.mostAcceptedPerMinute > share ? ` (${cluster.mostAcceptedPerMinute - share} into the reserve)` : "";
  report.check(
    "load",
    `cluster ${i + 1} RisPort budget`,
    `${plan.clusters[i]!.devices} devices on ${plan.clusters[i]!.nodes} nodes: most received in any 60 s ${cluster.mostAcceptedPerMinute}${overShare} (budget ${CLUSTER_BUDGET}, Linewatch's share ${share}); RateControl faults ${limited}; ${cluster.total} requests`,
    cluster.mostAcceptedPerMinute <= CLUSTER_BUDGET && limited === 0,
  );
}

// ---------------------------------------------------------------- api
const total = totalRequests;
const inBurst = done.filter((p) => p.endMs >= burstStart && p.endMs <= burstEnd);
report.check(
  "api",
  `${API_CLIENTS} concurrent clients, phones list`,
  `${burst.requests} requests in ${(burst.wallMs / 1000).toFixed(1)} s: p50 ${fmtMs(burst.p50Ms)}, p95 ${fmtMs(burst.p95Ms)}, max ${fmtMs(burst.maxMs)}; errors ${burst.errors}${burst.firstError ? ` (${burst.firstError})` : ""}`,
  burst.errors === 0,
);
report.add(
  "api",
  "device traffic during the burst",
  `${total(countsAfterBurst) - total(countsBeforeBurst)} requests, while ${inBurst.length} scheduled polls finished (${inBurst.reduce((s, p) => s + p.requests, 0)} requests reported); the whole run's accounting is in "device traffic within the schedule"`,
  "info",
);
report.check(
  "api",
  "device traffic from API reads alone",
  `${quietBurst.requests} requests with polling stopped: ${total(countsAfterQuiet) - total(countsEnd)} device requests; errors ${quietBurst.errors}`,
  total(countsAfterQuiet) === total(countsEnd) && quietBurst.errors === 0,
);

// ---------------------------------------------------------------- sqlite contention
const writes = mergeTallies(uiTally, cliTally);
const busyInPolls = polls.filter((p) => BUSY.test(p.error ?? "")).length;
const busyInApi = BUSY.test(burst.firstError ?? "") ? burst.errors : 0;
const lockedInLogs = output
  .text()
  .split("\n")
  .filter((line) => BUSY.test(line)).length;
const busy = writes.errors.locked + writes.errors["transaction-wait"];
const section = provider === "sqlite" ? "sqlite" : provider;
report.check(
  section,
  "busy errors reaching a caller",
  `${uiTally.ops} UI writes (3 in-process) + ${cliTally.ops} CLI writes (2nd process) beside the pollers: locked/SQLITE_BUSY ${writes.errors.locked}, tx wait ${writes.errors["transaction-wait"]}; in polls ${busyInPolls}, API ${busyInApi}, logs ${lockedInLogs}`,
  busy === 0 && busyInPolls === 0 && busyInApi === 0 && lockedInLogs === 0,
);
report.add(
  section,
  "other write errors",
  writes.errors.other === 0 ? "0" : `${writes.errors.other}, see note`,
  writes.errors.other === 0 ? "pass" : "info",
);
if (busy + writes.errors.other > 0) {
  report.note(
    `write errors by kind and operation: ${Object.entries(writes.byOp)
      .map(([where, n]) => `${where} ${n}`)
      .join("; ")}`,
  );
  for (const kind of ["locked", "transaction-wait", "other"] as const)
    if (writes.firstMessage[kind]) report.note(`first ${kind} error: ${writes.firstMessage[kind]}`);
}

// ---------------------------------------------------------------- hostile cases (after the load, so their
// allocations do not sit in the load's memory figures)
say("hostile cases");
try {
  const rows = await runHostileCases(HOSTILE_TIMEOUT_MS ? { timeoutMs: HOSTILE_TIMEOUT_MS } : undefined);
  for (const row of rows) {
    const figure = `${row.errorKind} in ${row.elapsedMs} of ${row.timeoutMs} ms, RSS ${row.rssDeltaMiB >= 0 ? "+" : ""}${row.rssDeltaMiB} MiB, last good ${row.lastGoodKept ? "kept" : "LOST"}, other source ${row.otherSourceMs} ms${row.detail ? `; ${row.detail}` : ""}`;
    report.check("hostile", row.case, figure, row.contained);
    if (!row.contained) report.note(`hostile ${row.case}: ${figure}`);
  }
  if (rows.length === 0) report.add("hostile", "hostile cases", "no case ran", "fail");
} catch (error) {
  report.add(
    "hostile",
    "hostile cases",
    `did not run: ${error instanceof Error ? error.message : String(error)}`,
    "fail",
  );
}
await closeAgents();

// ---------------------------------------------------------------- security (issue 15: one row per finding)
say("security findings");
for (const row of await runSecurityCases()) report.check("security", row.case, row.figure, row.pass);

// ---------------------------------------------------------------- secrets
const allSecrets: Secret[] = [...runSecrets, ...writes.tokens.map((token) => passwordSecret("API tokens", token))];
const scanner = new SecretScanner(allSecrets);
const secretsLooked = `${scanner.labels.length} kinds, ${allSecrets.length} secrets, ${scanner.needleCount} encodings`;
const database = env().database;
if (database.provider === "sqlite") {
  const file = database.file;
  const files = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
  const found = scanner.scanFiles(files);
  report.check(
    "secrets",
    "database file (+ WAL)",
    `${describeFindings(found)} in ${files.length} files (${fmtMiB(totalBytes(files))}); looked for ${secretsLooked}`,
    totalFound(found) === 0,
  );
} else {
  report.add("secrets", "database file", `${provider}: no file to read`, "skipped");
}
output.stop();
const logFindings = scanner.scan(output.text());
report.check(
  "secrets",
  "logs (this process and both helpers)",
  `${describeFindings(logFindings)} in ${output.lines()} lines`,
  totalFound(logFindings) === 0,
);
for (const reply of otherReplies) scanner.scan(reply.body, replyFindings);
report.check(
  "secrets",
  "API replies",
  `${describeFindings(replyFindings)} in ${repliesScanned} replies (phones, sources, audit)`,
  totalFound(replyFindings) === 0 && otherReplies.every((r) => r.status === 200),
);
const auditText = await new Response(listAuditCsv({})).text();
const auditFindings = scanner.scan(auditText);
report.check(
  "secrets",
  "audit rows",
  `${describeFindings(auditFindings)} in ${auditText.split("\n").length - 1} rows`,
  totalFound(auditFindings) === 0,
);

const staticDir = path.join(process.cwd(), ".next", "static");
const bundleFiles = filesUnder(staticDir);
if (bundleFiles.length === 0) {
  report.add("secrets", "client bundle (.next/static)", "not built", "skipped");
} else {
  const buildSecrets = bundleOnlySecrets(process.cwd(), givenEnv);
  const bundleScanner = new SecretScanner([...allSecrets, ...buildSecrets]);
  const found = bundleScanner.scanFiles(bundleFiles);
  report.check(
    "secrets",
    "client bundle (.next/static)",
    `${describeFindings(found)} in ${bundleFiles.length} files (${fmtMiB(totalBytes(bundleFiles))}); also looked for ${buildSecrets.map((s) => s.label).join(", ")}`,
    totalFound(found) === 0,
  );
}

await stopDatabase();
report.add(
  "run",
  "total",
  `${((performance.now() - started) / 1000).toFixed(0)} s; ${provider}; ${ROUTERS} routers (${plan.routers.slice(0, ROUTERS).reduce((s, r) => s + r.ephones + r.pools, 0)} phones) + 1 with a mistyped password, clusters of ${plan.clusters.map((c) => c.devices).join(" + ")} devices`,
  "info",
);

console.log(report.render(["hostile", "security", "load", "api", "sqlite", "postgresql", "secrets", "run"]));
const failed = report.failed();
if (failed.length > 0)
  console.log(`\n${failed.length} verdict(s) failed: ${failed.map((row) => `${row.section}/${row.case}`).join(", ")}`);
// Helpers and keep-alive timers are closed; exit without waiting on anything a library left.
process.exit(failed.length > 0 ? 1 : 0);
