// Scenario 1-2 for one server: the five reads at N concurrent clients while polling (every source
// enabled: simulated routers and clusters in the fleet process), then idle (every source disabled
// through the API, the same phones stored), with the web process's event-loop lag in each state.
import { randomBytes } from "node:crypto";
import type { FleetPlan } from "../reliability/fleet-protocol";
import type { FleetProcess } from "../reliability/fleet";
import { runClients, type RouteFigures } from "./clients";
import type { ProcessLag } from "./lag";
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
  routes: Record<RouteKey, RouteFigures>;
  lag?: ProcessLag;
  /** Sources with a poll attempt during the measurement (polling state). */
  polledSources?: number;
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

export interface LoadShape {
  clients: number;
  routeMs: number;
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

async function setEnabled(server: ServerUnderTest, admin: string, ids: string[], enabled: boolean): Promise<void> {
  await inBatches(ids, 6, (id) => api(server, admin, "PATCH", `/api/v1/sources/${id}`, { enabled }));
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

async function measureState(
  server: ServerUnderTest,
  tokens: string[],
  shape: LoadShape,
  say: (line: string) => void,
  state: string,
): Promise<StateFigures> {
  await server.lag.reset();
  const figures = {} as Record<RouteKey, RouteFigures>;
  for (const route of routes) {
    const csv = route.key === "csv";
    // Exports are limited per caller (lib/api/limits.ts: a few a minute): a warm-up would spend
    // them uncounted, and the previous state's exports must be out of the limit's window.
    if (csv) await sleep(Math.max(0, (lastExportsAt.get(server) ?? 0) + EXPORT_WINDOW_MS - Date.now()));
    figures[route.key] = await runClients({
      url: server.url,
      path: route.path,
      tokens,
      durationMs: shape.routeMs,
      warmupMs: csv ? 0 : shape.warmupMs,
    });
    if (csv) lastExportsAt.set(server, Date.now());
    const f = figures[route.key];
    say(
      `${server.label} ${state}: ${route.label}: ${f.perSecond.toFixed(1)}/s p99 ${f.p99Ms.toFixed(0)} ms (429: ${f.limited}, errors: ${f.errors}${f.firstError ? `, first: ${f.firstError}` : ""})`,
    );
  }
  return { routes: figures, lag: await server.lag.read() };
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
  for (const route of routes.filter((r) => r.key !== "csv"))
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
  await setEnabled(server, admin, ids, true);
  // Warm-up: every source's first poll finished (the first round stores every phone: the busiest,
  // and not the steady polling the figures are about; a cluster's first sweep outlasts its start
  // by many seconds), or the cap.
  for (;;) {
    const done = succeededSince(await sourceHealth(server, admin), enabledAt);
    if (done >= ids.length || Date.now() - enabledAt > shape.pollWarmupCapMs) {
      say(
        `${server.label}: ${done} of ${ids.length} sources polled successfully ${((Date.now() - enabledAt) / 1000).toFixed(0)} s after enabling`,
      );
      break;
    }
    await sleep(2_000);
  }
  const warmupS = (Date.now() - enabledAt) / 1000;
  await warmUp(server, tokens, shape, say);
  const measuredFrom = Date.now();
  const polling = await measureState(server, tokens, shape, say, "polling");
  polling.polledSources = attemptedSince(await sourceHealth(server, admin), measuredFrom);
  // Idle is measured after polling, with the same data: every source disabled, so nothing polls,
  // but the phones the polls stored stay (measured before them, idle would read an empty fleet).
  await setEnabled(server, admin, ids, false).catch(() => undefined);
  await sleep(IDLE_SETTLE_MS);
  const idle = await measureState(server, tokens, shape, say, "idle");
  return { label: server.label, sources: ids.length, idle, polling, warmupS };
}
