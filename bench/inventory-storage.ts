// Prints how much the database grows per device per day when a cluster is polled every 5 minutes
// with 1% of its devices changing registration each hour: two simulated days (288 polls each on a
// manual clock) against the CUCM simulator, through pollSource, on SQLite and, when a server is
// at hand, PostgreSQL. Figures only; nothing is asserted.
// Run: npx tsx bench/inventory-storage.ts [devices] [--no-day] [--no-scale]   (LINEWATCH_TEST_DATABASE_URL picks a PostgreSQL server;
// otherwise a throwaway one is started when PostgreSQL is installed)
import { performance } from "node:perf_hooks";
import { statSync } from "node:fs";
import { db } from "@/lib/db/client";
import { createSource } from "@/lib/db/sources";
import { pollSource } from "@/lib/inventory/poll";
import { storeSnapshot } from "@/lib/inventory/apply";
import type { SourceSnapshot } from "@/lib/inventory/snapshot";
import { createInventoryStore } from "@/lib/db/inventory-store";
import type { DeviceState } from "@/lib/db/inventory-types";
import { startCucmSimulator } from "@/lib/simulators/cucm";
import { closeAgents } from "@/lib/soap";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { startTestDatabase } from "@/lib/testing/test-database";
import { env } from "@/lib/env";

const DEVICES = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 1_900);
const DAY = !process.argv.includes("--no-day");
const SCALE = !process.argv.includes("--no-scale");
const POLL_MS = 5 * 60_000;
const POLLS_PER_HOUR = 12;
const HOURLY_CHURN = 0.01;
const DAYS = 2;
const TABLES = [
  "Device",
  "Extension",
  "CtiApp",
  "ChangeEvent",
  "RouterEvent",
  "Poll",
  "SourceHealth",
  "RisportRequest",
  "RisportBudget",
];

type Sizes = { total: number; byTable: Record<string, number> };

async function sqliteSizes(): Promise<Sizes> {
  await db().$queryRaw`PRAGMA wal_checkpoint(TRUNCATE)`;
  const [pages] = await db().$queryRaw<
    { n: bigint }[]
  >`SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()) AS n`;
  const [size] = await db().$queryRaw<{ n: bigint }[]>`SELECT page_size AS n FROM pragma_page_size()`;
  const byTable: Record<string, number> = {};
  try {
    // dbstat counts each table with its indexes ("name" is the b-tree, "tbl_name" the table it serves).
    const rows = await db().$queryRaw<
      { tbl: string; bytes: bigint }[]
    >`SELECT m.tbl_name AS tbl, SUM(s.pgsize) AS bytes FROM dbstat s JOIN sqlite_master m ON m.name = s.name GROUP BY m.tbl_name`;
    for (const row of rows) if (TABLES.includes(row.tbl)) byTable[row.tbl] = Number(row.bytes);
  } catch {
    // dbstat is not compiled in everywhere; the total still stands.
  }
  return { total: Number(pages!.n) * Number(size!.n), byTable };
}

async function postgresSizes(): Promise<Sizes> {
  // Compacted, so the figure is the data and indexes, not dead row versions autovacuum would reuse.
  await db().$executeRaw`VACUUM FULL`;
  const byTable: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await db().$queryRaw<{ n: bigint }[]>`SELECT pg_total_relation_size(${`"${table}"`}::regclass) AS n`;
    byTable[table] = Number(row!.n);
  }
  return { total: Object.values(byTable).reduce((a, b) => a + b, 0), byTable };
}

async function runDay(label: string): Promise<void> {
  const database = await startTestDatabase();
  forgetKeyForTests();
  const sizes = database.provider === "sqlite" ? sqliteSizes : postgresSizes;
  const cluster = await startCucmSimulator({
    nodes: 3,
    devices: DEVICES,
    replyCap: 2_000,
    budgetPerMinute: 1_000_000,
    ctiApplications: 6,
    seed: 11,
  });
  let now = Date.UTC(2026, 0, 5, 0, 0, 0);
  const clock = () => now;
  try {
    const source = await createSource(
      {
        kind: "cucm",
        name: "Bench cluster",
        urls: cluster.urls,
        username: "risuser",
        password: "risuser",
        pollIntervalS: POLL_MS / 1000,
        budgetPerMinute: 18,
        budgetRaised: true,
        budgetReserve: 0,
        replyCap: 2_000,
        replyCapChecked: true,
        timeoutMs: 60_000,
      },
      { actor: "bench" },
    );
    const first = await pollSource(source.id, { instanceId: "bench", now: clock });
    if (first.status !== "ok") throw new Error(`first poll: ${first.status} ${first.error ?? ""}`);
    const devices = first.devices;
    const names = cluster.control.deviceNames();
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const perHour = Math.round(devices * HOURLY_CHURN);
    const initial = await sizes();
    console.log(
      `\n${label}: ${devices} devices, polled every 5 minutes, ${perHour} registration changes an hour (${(HOURLY_CHURN * 100).toFixed(0)}%)`,
    );
    console.log(
      `  current state after the first poll: ${(initial.total / devices).toFixed(0)} bytes/device (${(initial.total / 1024).toFixed(0)} KiB)`,
    );
    // Day 1 includes the tables settling (rows growing into unregistered variants split pages); day 2 is the steady state.
    let before = initial;
    for (let day = 1; day <= DAYS; day++) {
      let flips = 0;
      let changed = 0;
      const started = performance.now();
      for (let hour = 0; hour < 24; hour++) {
        // This hour's 1%, spread over its polls.
        const picked = Array.from({ length: perHour }, () => names[Math.floor(random() * names.length)]!);
        for (let slot = 0; slot < POLLS_PER_HOUR; slot++) {
          for (const name of picked.filter((_, i) => i % POLLS_PER_HOUR === slot)) {
            const device = cluster.control.device(name);
            if (!device) continue;
            cluster.control.setDeviceStatus(
              name,
              device.status === "Registered" ? "UnRegistered" : "Registered",
              device.status === "Registered" ? 13 : 0,
            );
            flips++;
          }
          now += POLL_MS;
          const summary = await pollSource(source.id, { instanceId: "bench", now: clock });
          if (summary.status !== "ok") throw new Error(`poll: ${summary.status} ${summary.error ?? ""}`);
          changed += summary.changed;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const after = await sizes();
      const growth = after.total - before.total;
      console.log(
        `  day ${day}: ${24 * POLLS_PER_HOUR} polls in ${seconds.toFixed(0)} s (${((seconds * 1000) / (24 * POLLS_PER_HOUR)).toFixed(0)} ms each), ${flips} flips, ${changed} rows written`,
      );
      console.log(`    growth: ${(growth / 1024).toFixed(1)} KiB = ${(growth / devices).toFixed(1)} bytes/device/day`);
      const deltas = TABLES.filter((t) => after.byTable[t] !== undefined && after.byTable[t] !== before.byTable[t]).map(
        (t) =>
          `${t} ${after.byTable[t]! - (before.byTable[t] ?? 0) >= 0 ? "+" : ""}${after.byTable[t]! - (before.byTable[t] ?? 0)}`,
      );
      if (deltas.length > 0) console.log(`    by table (bytes): ${deltas.join(", ")}`);
      before = after;
    }
    const events = await db().changeEvent.count({ where: { change: "status" } });
    const polls = await db().poll.count();
    console.log(`  rows after ${DAYS} days: ${events} status events, ${polls} Poll rows`);
    const config = env().database;
    if (config.provider === "sqlite")
      console.log(`  SQLite file on disk: ${(statSync(config.file).size / 1024).toFixed(0)} KiB`);
  } finally {
    await cluster.close();
    await database.stop();
  }
}

const SCALE_DEVICES = 40_000;

function syntheticDevice(index: number, status: string): DeviceState {
  const mac = (0x00_1b_54_00_00_00 + index).toString(16).toUpperCase().padStart(12, "0");
  const dn = String(200_000 + index);
  return {
    name: `SEP${mac}`,
    mac,
    deviceClass: "Phone",
    model: "Cisco 8845",
    protocol: "SIP",
    description: `User ${index} 8845`,
    devicePool: "",
    location: "",
    userName: "",
    registrationStatus: status,
    statusReason: status === "registered" ? "" : "Keep-alive timeout",
    ipAddress: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
    ipv6Address: "",
    firmware: "sip88xx.14-2-1-0101-24",
    node: `cucm${(index % 4) + 1}`,
    keyPhone: null,
    primaryDn: dn,
    lineCount: 1,
    dnIndex: ` ${dn} `,
    lines: JSON.stringify([{ dn, status }]),
    detail: JSON.stringify({
      modelCode: 36217,
      product: 36217,
      statusReasonCode: status === "registered" ? 0 : 13,
      httpd: "Yes",
      registrationAttempts: 0,
      isCtiControllable: true,
      lastChangeAt: 1_767_000_000 + index,
    }),
  };
}

/** How long storing a 40,000-device cluster's polls takes: the first, an unchanged one, 1% changed, all changed (an outage). */
async function scale(label: string): Promise<void> {
  const database = await startTestDatabase();
  forgetKeyForTests();
  try {
    const source = await createSource(
      {
        kind: "cucm",
        name: "Scale cluster",
        urls: ["https://cucm.example.net:8443"],
        username: "ris",
        password: "ris",
      },
      { actor: "bench" },
    );
    const store = createInventoryStore();
    const statuses = Array.from({ length: SCALE_DEVICES }, () => "registered");
    const snapshot = (): SourceSnapshot => ({
      devices: { items: statuses.map((status, i) => syntheticDevice(i, status)), complete: true },
      extensions: null,
      cti: null,
      routerEvents: [],
      requests: 0,
      problems: [],
      memory: {},
    });
    const timed = async (what: string) => {
      const started = performance.now();
      const result = await storeSnapshot(
        store,
        { sourceId: source.id, pollId: what, at: new Date(), firstPoll: what === "first poll" },
        snapshot(),
      );
      console.log(
        `    ${what.padEnd(22)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  (${result.changed} rows written, ${result.events} events)`,
      );
    };
    console.log(`\n${label}: storing polls of ${SCALE_DEVICES} devices`);
    await timed("first poll");
    await timed("nothing changed");
    for (let i = 0; i < SCALE_DEVICES; i += 100) statuses[i] = "unregistered";
    await timed("1% changed");
    statuses.fill("unregistered");
    await timed("all changed (outage)");
  } finally {
    await database.stop();
  }
}

async function withPostgres(run: () => Promise<void>): Promise<void> {
  if (process.env.LINEWATCH_TEST_DATABASE_URL) return run();
  let pg: { url: string; stop(): Promise<void> };
  try {
    // @ts-expect-error: a plain .mjs script without types
    const { startThrowawayPostgres } = await import("@/scripts/throwaway-postgres.mjs");
    pg = await startThrowawayPostgres();
  } catch (error) {
    console.log(`\nPostgreSQL: skipped (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    return;
  }
  process.env.LINEWATCH_TEST_DATABASE_URL = pg.url;
  try {
    await run();
  } finally {
    delete process.env.LINEWATCH_TEST_DATABASE_URL;
    await pg.stop();
  }
}

const server = process.env.LINEWATCH_TEST_DATABASE_URL;
delete process.env.LINEWATCH_TEST_DATABASE_URL;
if (DAY) await runDay("SQLite");
if (SCALE) await scale("SQLite");
if (server) process.env.LINEWATCH_TEST_DATABASE_URL = server;
await withPostgres(async () => {
  if (DAY) await runDay("PostgreSQL");
  if (SCALE) await scale("PostgreSQL");
});
await closeAgents();
process.exit(0);
