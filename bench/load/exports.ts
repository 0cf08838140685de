// Scenario 4: N devices seeded straight into a fresh SQLite data directory (as bench/api-reads.ts
// does), then a server on it; 20 concurrent CSV exports of every device, and meanwhile other
// clients reading /api/v1/me and the phones list: their p99 is the figure (target < 200 ms).
import { setMaxListeners } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Agent } from "undici";
import { resetEnvForTests } from "@/lib/env";
import { closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { identitiesOf } from "@/lib/db/phone-identity";
import { recomputeIdentities } from "@/lib/inventory/effective/recompute";
import { createToken } from "@/lib/services/tokens";
import { deviceRow, healthRow, insertInventory, sourceRow } from "@/lib/testing/seed-inventory";
import type { DeviceSeedRow } from "@/lib/db/inventory-seed";
import { percentile } from "../reliability/report";
import { runClients, timedGet, type RouteFigures } from "./clients";
import type { ProcessLag } from "./lag";
import { removeDir, startServer } from "./server";

export interface ExportFigures {
  devices: number;
  seedS: number;
  exports: {
    ok: number;
    limited: number;
    errors: number;
    unfinished: number;
    firstError?: string;
    p50S: number;
    maxS: number;
    mib: number;
  };
  capS: number;
  before: Record<"me" | "list", RouteFigures>;
  during: Record<"me" | "list", RouteFigures>;
  lag?: ProcessLag;
}

const models = ["Cisco 7821", "Cisco 7841", "Cisco 8811", "Cisco 8845", "Cisco 8865", "Cisco 7945", "Cisco ATA 191"];
const statuses = ["registered", "registered", "registered", "registered", "registered", "unregistered", "rejected"];

/** A deterministic fleet of `count` devices on 4 clusters and 24 routers, all sources disabled. */
async function seed(dataDir: string, count: number, tokenCount: number): Promise<string[]> {
  const saved = { dataDir: process.env.LINEWATCH_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.LINEWATCH_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  resetEnvForTests();
  try {
    await applyMigrations();
    const now = new Date();
    const sources = [
      ...Array.from({ length: 4 }, (_, i) =>
        sourceRow({ name: `seed-cucm-${i + 1}`, kind: "cucm", site: `Site ${i}`, enabled: false }),
      ),
      ...Array.from({ length: 24 }, (_, i) =>
        sourceRow({ name: `seed-cme-${i + 1}`, kind: "cme", site: `Site ${i % 12}`, enabled: false }),
      ),
    ];
    await insertInventory({ sources, health: sources.map((s) => healthRow(s.id!)) });
    const perRouter = Math.min(500, Math.floor((count * 0.12) / 24));
    const perCluster = Math.ceil((count - perRouter * 24) / 4);
    let made = 0;
    let batch: DeviceSeedRow[] = [];
    for (const source of sources) {
      const size = source.kind === "cucm" ? perCluster : perRouter;
      for (let i = 0; i < size && made < count; i++, made++) {
        const mac = (0x00_0d_bc_00_00_00 + made * 7_919).toString(16).toUpperCase().padStart(12, "0").slice(-12);
        batch.push(
          deviceRow(source.id!, {
            name: `SEP${mac}`,
            model: models[made % models.length]!,
            protocol: made % 3 === 0 ? "SCCP" : "SIP",
            description: `Room ${100 + (made % 900)} ${source.site}`,
            userName: `user${made % 5_000}`,
            ipAddress: `10.${made >> 16}.${(made >> 8) & 255}.${made & 255}`,
            registrationStatus: statuses[made % statuses.length]!,
            lines: [{ dn: String(10_000 + made) }],
            statusChangedAt: new Date(now.getTime() - (made % 1_000) * 60_000),
          }),
        );
        if (batch.length >= 5_000) {
          await insertInventory({ devices: batch });
          batch = [];
        }
      }
    }
    await insertInventory({ devices: batch });
    await recomputeIdentities(await identitiesOf(), now);
    const tokens: string[] = [];
    for (let i = 0; i < tokenCount; i++)
      tokens.push((await createToken({ name: `load-export-${i + 1}`, role: "viewer" }, { actor: "bench-load" })).token);
    return tokens;
  } finally {
    await closeDb();
    if (saved.dataDir === undefined) delete process.env.LINEWATCH_DATA_DIR;
    else process.env.LINEWATCH_DATA_DIR = saved.dataDir;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    resetEnvForTests();
  }
}

export async function runExports(options: {
  root: string;
  devices: number;
  exporters: number;
  readers: number;
  beforeMs: number;
  capMs: number;
  serverEnv?: Record<string, string>;
  say: (line: string) => void;
}): Promise<ExportFigures> {
  const { say } = options;
  const dataDir = mkdtempSync(path.join(tmpdir(), "linewatch-load-exports-"));
  const seedStarted = performance.now();
  const tokens = await seed(dataDir, options.devices, options.exporters + options.readers);
  const seedS = (performance.now() - seedStarted) / 1000;
  say(
    `exports: ${options.devices.toLocaleString("en")} devices and ${tokens.length} tokens seeded in ${seedS.toFixed(1)} s`,
  );
  const server = await startServer({ label: "exports", root: options.root, dataDir, env: options.serverEnv, say });
  try {
    const exporterTokens = tokens.slice(0, options.exporters);
    const readerTokens = tokens.slice(options.exporters);
    const half = Math.ceil(readerTokens.length / 2);
    const readers = (stop?: () => boolean, durationMs?: number) =>
      Promise.all([
        runClients({
          url: server.url,
          path: "/api/v1/me",
          tokens: readerTokens.slice(0, half),
          durationMs,
          warmupMs: 0,
          stop,
        }),
        runClients({
          url: server.url,
          path: "/api/v1/phones?page=1&pageSize=50",
          tokens: readerTokens.slice(half),
          durationMs,
          warmupMs: 0,
          stop,
        }),
      ]);
    // Warm the routes, then the readers alone.
    await readers(undefined, 2_000);
    const [meBefore, listBefore] = await readers(undefined, options.beforeMs);
    await server.lag.reset();
    let exporting = true;
    const agent = new Agent({
      connections: options.exporters,
      bodyTimeout: options.capMs,
      headersTimeout: options.capMs,
    });
    // Exports still running at the cap are cut off (counted as unfinished): the run stays bounded.
    const cut = new AbortController();
    // Every export listens on this one signal (undici's request() adds a listener each).
    setMaxListeners(exporterTokens.length + 1, cut.signal);
    const capTimer = setTimeout(() => cut.abort(), options.capMs);
    const started = performance.now();
    const exportsDone = Promise.all(
      exporterTokens.map((token) => timedGet(agent, `${server.url}/api/v1/phones?format=csv`, token, cut.signal)),
    ).finally(() => (exporting = false));
    const [[meDuring, listDuring], results] = await Promise.all([readers(() => !exporting), exportsDone]);
    clearTimeout(capTimer);
    const lag = await server.lag.read();
    await agent.close();
    say(`exports: ${results.length} exports done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const ok = results.filter((r) => r.status === 200);
    const seconds = ok.map((r) => r.ms / 1000);
    const unfinished = cut.signal.aborted
      ? results.filter((r) => r.status === 0 || (r.status === 200 && r.error)).length
      : 0;
    const failed = results.filter(
      (r) => r.status !== 200 && r.status !== 429 && !(cut.signal.aborted && r.status === 0),
    );
    await server.stop();
    removeDir(dataDir);
    return {
      devices: options.devices,
      seedS,
      capS: options.capMs / 1000,
      exports: {
        ok: ok.length,
        limited: results.filter((r) => r.status === 429).length,
        errors: failed.length,
        unfinished,
        firstError: failed[0]?.error,
        p50S: seconds.length ? percentile(seconds, 50) : Number.NaN,
        maxS: seconds.length ? Math.max(...seconds) : Number.NaN,
        mib: ok.reduce((sum, r) => sum + r.bytes, 0) / 2 ** 20,
      },
      before: { me: meBefore, list: listBefore },
      during: { me: meDuring, list: listDuring },
      lag,
    };
  } finally {
    await server.stop();
  }
}
