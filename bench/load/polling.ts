// Scenario 1-2 for one server: the five reads at N concurrent clients while polling (every source
// enabled: simulated routers and clusters in the fleet process) and idle (every source disabled
// through the API, the same phones stored), interleaved, with the web process's event-loop lag and
// each process's CPU in each state.
import { randomBytes } from "node:crypto";
import type { FleetPlan } from "../reliability/fleet-protocol";
import type { FleetProcess } from "../reliability/fleet";
import { combine, runClients, type RouteFigures } from "./clients";
import { CpuMeter, cpuSeconds, type CpuShare } from "./cpu";
import type { LagFigures, PhaseLag, ProcessLag } from "./lag";
import type { ServerUnderTest } from "./server";

export const routes = [
  { key: "me", label: "GET /api/v1/me", path: "/api/v1/me" },
  { key: "list", label: "phones list (page 1 of 50)", path: "/api/v1/phones?page=1&pageSize=50" },
  { key: "search", label: "phones search q=1001", path: "/api/v1/phones?q=1001&page=1&pageSize=50" },
  { key: "overview", label: "overview", path: "/api/v1/overview" },
  { key: "csv", label: "CSV export (all phones)", path: "/api/v1/phones?format=csv" },
] as const;
export type RouteKey = (typeof routes)[number]["key"];

export interface StateFigures {
  /** Each route's slices together. */
  routes: Record<RouteKey, RouteFigures>;
  /** Each slice's req/s, in the order measured: their spread is the machine's noise. */
  slices: Record<RouteKey, number[]>;
  /** The web process's event-loop delay over all the state's slices. */
  lag?: LagFigures & { pid: number };
  /** The delay and the admission's limit and wait while each route was measured. */
  routeLag: Record<RouteKey, PhaseLag | undefined>;
  /** CPU seconds per second while each route was measured in this state, by process. */
  cpu: Record<RouteKey, CpuShare | undefined>;
  /** Sources with a poll attempt during each polling slice of the read routes. */
  polledSources?: number[];
}

export interface ServerFigures {
  label: string;
  sources: number;
  idle: StateFigures;
  polling: StateFigures;
  warmupS: number;
}

/** After disabling every source: polls already running finish before idle is measured. */
const IDLE_SETTLE_MS = 10_000;
/** Then the web and the worker together use less than this for QUIET_MS (or QUIET_CAP_MS passed). */
const QUIET_CORES = 0.1;
const QUIET_MS = 2_000;
const QUIET_CAP_MS = 60_000;

export interface LoadShape {
  clients: number;
  /** A read route's time per state and round: two slices of half of it. */
  routeMs: number;
  /** Rounds of polling, idle, idle, polling. */
  rounds: number;
  warmupMs: number;
  pollWarmupCapMs: number;
  routerIntervalS: number;
  clusterIntervalS: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lastLine = (text: string) => text.trim().split("\n").at(-1)!.trim();

/** Runs `task` over `items`, `width` at a time. */
export async function inBatches<T, R>(
  items: T[],
  width: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!, i);
      }
    }),
  );
  return results;
}

/** API tokens made with the server's own CLI (`token create`), one per client. */
export async function cliTokens(
  server: ServerUnderTest,
  count: number,
  role: string,
  prefix: string,
): Promise<string[]> {
  return inBatches(
    Array.from({ length: count }, (_, i) => i),
    3,
    async (i) => lastLine(await server.cli(["token", "create", "--name", `${prefix}-${i + 1}`, "--role", role])),
  );
}

/** One admin or setup call; a connection the server closed while idle is tried again. */
async function api(
  server: ServerUnderTest,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(server.url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          connection: "close",
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (attempt < 3) {
        await sleep(500 * attempt);
        continue;
      }
      throw new Error(`${method} ${path}: ${String(error)}${cause ? ` (${String(cause)})` : ""}`);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
}

/** The plan's routers and clusters as sources of this server, created disabled. */
async function createSources(
  server: ServerUnderTest,
  admin: string,
  plan: FleetPlan,
  fleet: FleetProcess,
  shape: LoadShape,
): Promise<string[]> {
  const bodies = [
    ...plan.routers.map((router, i) => ({
      kind: "cme",
      name: `load-router-${String(i + 1).padStart(4, "0")}`,
      site: `Site ${i % 12}`,
      urls: [fleet.routerUrls[i]!],
      username: router.user,
      password: router.password,
      pollIntervalS: shape.routerIntervalS,
      timeoutMs: 10_000,
      enabled: false,
    })),
    ...plan.clusters.map((cluster, i) => ({
      kind: "cucm",
      name: `load-cluster-${i + 1}`,
      site: "HQ",
      urls: fleet.clusterUrls[i]!,
      username: cluster.user,
      password: cluster.password,
      pollIntervalS: shape.clusterIntervalS,
      budgetPerMinute: cluster.budgetPerMinute,
      budgetReserve: 3,
      replyCap: cluster.replyCap,
      timeoutMs: 30_000,
      enabled: false,
    })),
  ];
  return inBatches(bodies, 6, async (body) => {
    const created = (await api(server, admin, "POST", "/api/v1/sources", body)) as { source: { id: string } };
    return created.source.id;
  });
}

async function disableAll(server: ServerUnderTest, admin: string, ids: string[]): Promise<void> {
  await inBatches(ids, 6, (id) => api(server, admin, "PATCH", `/api/v1/sources/${id}`, { enabled: false }));
}

/**
 * Enables the sources one after another across `spreadMs` (one poll interval), so their polls fall
 * due spread over the interval, as in a deployment that has run a while (sources added over time,
 * a restart spread by the scheduler). Enabled together, every poll fell due within a few seconds
 * of the others each interval (jitter ±5%): the worker's CPU came as one burst a minute, and the
 * route slice that met it measured it alone (slices of one state differed up to 2x).
 */
async function enableAcross(server: ServerUnderTest, admin: string, ids: string[], spreadMs: number): Promise<void> {
  const start = Date.now();
  await inBatches(ids, 6, async (id, i) => {
    const at = start + (i * spreadMs) / ids.length;
    if (at > Date.now()) await sleep(at - Date.now());
    await api(server, admin, "PATCH", `/api/v1/sources/${id}`, { enabled: true });
  });
}

type Health = { id: string; health: { lastAttemptAt: string | null; lastSuccessAt: string | null } };
async function sourceHealth(server: ServerUnderTest, admin: string): Promise<Health[]> {
  return ((await api(server, admin, "GET", "/api/v1/sources")) as { items: Health[] }).items;
}
const attemptedSince = (items: Health[], since: number) =>
  items.filter((s) => s.health.lastAttemptAt && Date.parse(s.health.lastAttemptAt) >= since).length;
const succeededSince = (items: Health[], since: number) =>
  items.filter((s) => s.health.lastSuccessAt && Date.parse(s.health.lastSuccessAt) >= since).length;

/** When each server last served the bench's exports, and the export limit's window (+1 s). */
const lastExportsAt = new Map<ServerUnderTest, number>();
const EXPORT_WINDOW_MS = 61_000;

type State = "idle" | "polling";
type Slices = Record<RouteKey, RouteFigures[]>;
const readRoutes = routes.filter((r) => r.key !== "csv");

/** What one server's measurement shares: its clients, the lag probe and the CPU meter. */
interface Run {
  server: ServerUnderTest;
  tokens: string[];
  shape: LoadShape;
  say: (line: string) => void;
  cpu: CpuMeter;
}

/** Runs one route's clients with the lag probe and the CPU meter recording as "<state> <route>". */
async function metered(run: Run, state: State, key: RouteKey, measure: () => Promise<RouteFigures>) {
  const phase = `${state} ${key}`;
  await run.server.lag.phase(phase);
  run.cpu.start(phase);
  try {
    return await measure();
  } finally {
    run.cpu.stop();
    await run.server.lag.phase("");
  }
}

function report(run: Run, state: string, label: string, f: RouteFigures): void {
  run.say(
    `${run.server.label} ${state}: ${label}: ${f.perSecond.toFixed(1)}/s p99 ${f.p99Ms.toFixed(0)} ms (429: ${f.limited}, errors: ${f.errors}${f.firstError ? `, first: ${f.firstError}` : ""})`,
  );
}

/** One slice of every read route (half a route's time per round), added to `into`. */
async function readSlice(run: Run, state: State, slice: string, into: Slices): Promise<void> {
  for (const route of readRoutes) {
    const f = await metered(run, state, route.key, () =>
      runClients({
        url: run.server.url,
        path: route.path,
        tokens: run.tokens,
        durationMs: run.shape.routeMs / 2,
        warmupMs: run.shape.warmupMs,
      }),
    );
    into[route.key].push(f);
    report(run, `${state} ${slice}`, route.label, f);
  }
}

/** The CSV export for a route's whole time, once per state. */
async function exportSlice(run: Run, state: State, into: Slices): Promise<void> {
  // Exports are limited per caller (lib/api/limits.ts: a few a minute): a warm-up would spend
  // them uncounted, and the previous state's exports must be out of the limit's window.
  await sleep(Math.max(0, (lastExportsAt.get(run.server) ?? 0) + EXPORT_WINDOW_MS - Date.now()));
  const f = await metered(run, state, "csv", () =>
    runClients({
      url: run.server.url,
      path: "/api/v1/phones?format=csv",
      tokens: run.tokens,
      durationMs: run.shape.routeMs,
      warmupMs: 0,
    }),
  );
  lastExportsAt.set(run.server, Date.now());
  into.csv.push(f);
  report(run, state, "CSV export (all phones)", f);
}

const noSlices = (): Slices => ({ me: [], list: [], search: [], overview: [], csv: [] });

function stateFigures(run: Run, state: State, slices: Slices, web: ProcessLag | undefined): StateFigures {
  const byRoute = Object.fromEntries(routes.map((r) => [r.key, web?.phases[`${state} ${r.key}`]])) as Record<
    RouteKey,
    PhaseLag | undefined
  >;
  const lag = web?.groups[state];
  return {
    routes: Object.fromEntries(routes.map((r) => [r.key, combine(slices[r.key])])) as Record<RouteKey, RouteFigures>,
    slices: Object.fromEntries(routes.map((r) => [r.key, slices[r.key].map((f) => f.perSecond)])) as Record<
      RouteKey,
      number[]
    >,
    lag: web && lag ? { pid: web.pid, ...lag } : undefined,
    routeLag: byRoute,
    cpu: Object.fromEntries(routes.map((r) => [r.key, run.cpu.share(`${state} ${r.key}`)])) as Record<
      RouteKey,
      CpuShare | undefined
    >,
  };
}

/**
 * Every read route once, uncounted, before either state: the JIT and the server's caches are warm
 * for both. Without it the first state measured (polling) paid for a cold server: 0.65-0.80 of
 * idle in quick runs, 0.97-1.07 with it. Exports are left out: they are limited per caller.
 */
async function warmUp(
  server: ServerUnderTest,
  tokens: string[],
  shape: LoadShape,
  say: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  for (const route of readRoutes)
    await runClients({ url: server.url, path: route.path, tokens, durationMs: shape.warmupMs * 5, warmupMs: 0 });
  say(`${server.label}: every read route warmed up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export async function measureServer(input: {
  server: ServerUnderTest;
  plan: FleetPlan;
  fleet: FleetProcess;
  shape: LoadShape;
  say: (line: string) => void;
}): Promise<ServerFigures> {
  const { server, plan, fleet, shape, say } = input;
  const t0 = Date.now();
  const admin = lastLine(
    await server.cli(["token", "create", "--name", `load-admin-${randomBytes(3).toString("hex")}`, "--role", "admin"]),
  );
  const tokens = await cliTokens(server, shape.clients, "viewer", "load-client");
  say(
    `${server.label}: ${tokens.length + 1} tokens created with the CLI in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const ids = await createSources(server, admin, plan, fleet, shape);
  say(`${server.label}: ${ids.length} sources created (disabled)`);

  const enabledAt = Date.now();
  await enableAcross(server, admin, ids, shape.routerIntervalS * 1000);
  // Warm-up: every source's first poll finished (the first round stores every phone: the busiest,
  // and not the steady polling the figures are about; a cluster's first sweep outlasts its start
  // by many seconds), or the cap.
  await firstRound(server, admin, ids, enabledAt, shape, say);
  const warmupS = (Date.now() - enabledAt) / 1000;
  await warmUp(server, tokens, shape, say);

  // Rounds of polling, idle, idle, polling (ABBA): each read route is measured in slices of half
  // its time, as many per state in a round, idle's in the middle, so both states' slices lie
  // around the same moments on average and a machine that drifts over minutes weighs on both
  // alike. More rounds (the full run: five) average out the host's swings between slices: this
  // VM's two vCPUs change speed independently by 30-45% over minutes (a pinned loop timed on
  // each), which hit one slice in a run of one round. Idle is nothing polling with the same
  // phones stored: every source disabled through the API. The exports come once per state, in
  // the first round.
  // The server's processes as they are now (a restarted worker has a new pid).
  const processes = () => {
    const web = server.lag.web();
    const worker = server.lag.all().find((p) => p.pid !== web?.pid && p.argv.includes("worker"));
    return {
      web: web && { pid: web.pid },
      "web main": web && { pid: web.pid, main: true },
      worker: worker && { pid: worker.pid },
      fleet: { pid: fleet.pid },
      clients: { pid: process.pid },
    };
  };
  const run: Run = { server, tokens, shape, say, cpu: new CpuMeter(processes) };
  const polling = noSlices();
  const idle = noSlices();
  const polled: number[] = [];
  const perState = 2 * shape.rounds;
  const label = (into: Slices) => `${into.me.length + 1}/${perState}`;
  const pollingSlice = async () => {
    const from = Date.now();
    await readSlice(run, "polling", label(polling), polling);
    polled.push(attemptedSince(await sourceHealth(server, admin), from));
  };
  await server.lag.reset();
  for (let round = 1; round <= shape.rounds; round++) {
    if (round === 1) await exportSlice(run, "polling", polling);
    await pollingSlice();

    await disableAll(server, admin, ids);
    // Polls already running finish, and what disabling set off (the phones' states worked out
    // again, in the web and the worker) is done, before idle is measured.
    await sleep(IDLE_SETTLE_MS);
    const quietS = await untilQuiet(() => {
      const { web, worker } = processes();
      return [web?.pid, worker?.pid].filter((pid): pid is number => pid !== undefined);
    });
    say(`${server.label}: the web and the worker were quiet ${quietS.toFixed(0)} s after the settle time`);
    await readSlice(run, "idle", label(idle), idle);
    if (round === 1) await exportSlice(run, "idle", idle);
    await readSlice(run, "idle", label(idle), idle);

    // Enabled again, across one interval: that round is over before polling is measured.
    const enabledAgainAt = Date.now();
    await enableAcross(server, admin, ids, shape.routerIntervalS * 1000);
    await firstRound(server, admin, ids, enabledAgainAt, shape, say);
    await pollingSlice();
  }
  await disableAll(server, admin, ids).catch(() => undefined);

  const web = await server.lag.read();
  return {
    label: server.label,
    sources: ids.length,
    idle: stateFigures(run, "idle", idle, web),
    polling: { ...stateFigures(run, "polling", polling, web), polledSources: polled },
    warmupS,
  };
}

/** Seconds until `pids` spent under QUIET_CORES for QUIET_MS together (at most QUIET_CAP_MS). */
async function untilQuiet(pids: () => number[]): Promise<number> {
  const started = Date.now();
  const total = () => pids().reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  for (;;) {
    const before = total();
    await sleep(QUIET_MS);
    if ((total() - before) / (QUIET_MS / 1000) < QUIET_CORES || Date.now() - started > QUIET_CAP_MS)
      return (Date.now() - started) / 1000;
  }
}

/** Waits until every source has polled successfully since `since`, or the cap. */
async function firstRound(
  server: ServerUnderTest,
  admin: string,
  ids: string[],
  since: number,
  shape: LoadShape,
  say: (line: string) => void,
): Promise<void> {
  for (;;) {
    const done = succeededSince(await sourceHealth(server, admin), since);
    if (done >= ids.length || Date.now() - since > shape.pollWarmupCapMs) {
      say(
        `${server.label}: ${done} of ${ids.length} sources polled successfully ${((Date.now() - since) / 1000).toFixed(0)} s after enabling`,
      );
      return;
    }
    await sleep(2_000);
  }
}
