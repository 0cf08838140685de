// Prints how fast the phones list and the overview answer over 100,000 stored devices (28
// sources, 12 sites, 7 days of polls, 20,000 status changes) on a fresh SQLite database, and on
// PostgreSQL when its server binaries are installed. Figures only; nothing is asserted.
// Each database is timed as migrated: the indexes this benchmark once suggested are in the schema.
// On PostgreSQL the free-text searches are timed again without the trigram indexes (what a server
// without pg_trgm gets; issue #16's target is their p95 under 50 ms with them).
// Run: npm run bench:api -- [--devices 100000] [--sqlite-only | --postgresql-only] [--explain]
//      [--data <dir>: SQLite only, in <dir>, seeded once and reused later]
//      [--database <postgresql://…>: PostgreSQL only, in that database, seeded once and reused
//      later]. --explain prints
//      PostgreSQL's EXPLAIN ANALYZE of each search's page and count queries, as Prisma sends them.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { startTestDatabase } from "@/lib/testing/test-database";
import { resetEnvForTests } from "@/lib/env";
import { closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { countDevices, findDevices } from "@/lib/db/phones";
import { deviceRow, healthRow, insertInventory, pollRow, sourceRow, statusChange } from "@/lib/testing/seed-inventory";
import { identitiesOf } from "@/lib/db/phone-identity";
import { recomputeIdentities } from "@/lib/inventory/effective/recompute";
import {
  analyzeAfterBulkLoad,
  type ChangeEventSeedRow,
  type DeviceSeedRow,
  type PollSeedRow,
  type SourceSeedRow,
} from "@/lib/db/inventory-seed";
import { phoneFilterOptions, listPhones } from "@/lib/services/phones";
import { getOverview } from "@/lib/services/overview";
import { dottedMac } from "@/lib/domain/mac";
import { env } from "@/lib/env";
import { buildTrigramIndexes, dropTrigramIndexes, explainPhonePage } from "./pg-search";

const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const DEVICES = Number(argValue("--devices") ?? 100_000);
const ROUNDS = 40;
const now = new Date();

// A deterministic generator so every run seeds the same fleet.
let state = 42;
const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const hex = (n: number) => Array.from({ length: n }, () => "0123456789ABCDEF"[Math.floor(random() * 16)]).join("");
// Cisco OUIs and a scrambled serial: unique, but not in name order.
const ouis = ["000DBC", "001A2F", "0023EB", "00270D", "5C838F", "A4934C"];
let serial = 0;
const nextMac = () => pick(ouis) + ((serial++ * 2_654_435_761) % 2 ** 24).toString(16).toUpperCase().padStart(6, "0");

const sites = [
  "HQ",
  "Berlin",
  "Paris",
  "Madrid",
  "Rome",
  "Vienna",
  "Prague",
  "Warsaw",
  "Lisbon",
  "Dublin",
  "Oslo",
  "Zurich",
];
const models = [
  "Cisco 7821",
  "Cisco 7841",
  "Cisco 7861",
  "Cisco 8811",
  "Cisco 8841",
  "Cisco 8845",
  "Cisco 8851",
  "Cisco 8865",
  "Cisco 7945",
  "Cisco 7965",
  "Cisco 6921",
  "Cisco 8832",
  "Cisco ATA 191",
  "Cisco DX80",
  "Cisco Webex Room Kit",
];
const reasons = [
  "Keep-alive timeout",
  "Connectivity error",
  "Device-initiated reset",
  "Restart from CUCM",
  "Device unregistered",
  "Power Save Plus",
];
const firstNames = ["anna", "ben", "carla", "david", "eva", "felix", "gina", "hugo", "ines", "jonas", "karin", "lars"];

function status(): { registrationStatus: string; statusReason: string } {
  const r = random();
  if (r < 0.93) return { registrationStatus: "registered", statusReason: "" };
  if (r < 0.97) return { registrationStatus: "unregistered", statusReason: pick(reasons) };
  if (r < 0.98) return { registrationStatus: "rejected", statusReason: "Configuration mismatch" };
  if (r < 0.985) return { registrationStatus: "partially-registered", statusReason: "" };
  return { registrationStatus: "unknown", statusReason: "" };
}

interface Fleet {
  sources: SourceSeedRow[];
  sampleMac: string;
  sampleDn: string;
}

async function seed(): Promise<Fleet> {
  const clusters = Array.from({ length: 4 }, (_, i) =>
    sourceRow({
      id: randomUUID(),
      name: `cucm-${i + 1}`,
      kind: "cucm",
      site: sites[i]!,
      createdAt: new Date(now.getTime() - 30 * 86_400_000),
    }),
  );
  const routers = Array.from({ length: 24 }, (_, i) =>
    sourceRow({
      id: randomUUID(),
      name: `cme-${String(i + 1).padStart(2, "0")}`,
      kind: "cme",
      site: sites[i % sites.length]!,
      createdAt: new Date(now.getTime() - 30 * 86_400_000),
    }),
  );
  const sources = [...clusters, ...routers];
  await insertInventory({
    sources,
    health: sources.map((s) => healthRow(s.id!, { lastSuccessAt: new Date(now.getTime() - 20_000) })),
  });

  const perRouter = Math.min(500, Math.floor((DEVICES * 0.12) / routers.length));
  const perCluster = Math.floor((DEVICES - perRouter * routers.length) / clusters.length);
  let sampleMac = "";
  let sampleDn = "";
  let dn = 10_000;
  let batch: DeviceSeedRow[] = [];
  const flush = async () => {
    await insertInventory({ devices: batch });
    batch = [];
  };
  for (const source of sources) {
    const count = source.kind === "cucm" ? perCluster : perRouter;
    for (let i = 0; i < count; i++) {
      const mac = nextMac();
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ dn: String(dn++) }));
      const user = `${pick(firstNames)}${Math.floor(random() * 1000)}`;
      batch.push(
        deviceRow(source.id!, {
          name: `SEP${mac}`,
          model: pick(models),
          protocol: random() < 0.7 ? "SIP" : "SCCP",
          description: `Room ${Math.floor(random() * 900) + 100} ${source.site}`,
          userName: user,
          ipAddress: `10.${sources.indexOf(source)}.${Math.floor(i / 250)}.${i % 250}`,
          node: source.kind === "cucm" ? `cucm${1 + (i % 3)}` : source.name,
          firmware: "sip88xx.14-2-1",
          keyPhone: source.kind === "cme" ? random() < 0.05 : null,
          lines,
          statusChangedAt: new Date(now.getTime() - Math.floor(random() * 30 * 86_400_000)),
          ...status(),
        }),
      );
      if (!sampleMac && i === 777) [sampleMac, sampleDn] = [mac, lines[0]!.dn];
      if (batch.length >= 5_000) await flush();
    }
  }
  await flush();
  // Every device's effective state, worked out as the pollers do after a poll (timed: what a
  // change of site rules costs at this size).
  const recomputeStarted = performance.now();
  const recomputed = await recomputeIdentities(await identitiesOf(), now);
  console.log(
    `  effective states of ${recomputed.devices.toLocaleString("en")} devices worked out in ${((performance.now() - recomputeStarted) / 1000).toFixed(1)} s`,
  );

  // Seven days of polls at each source's interval, with counts near the seeded ones.
  let polls: PollSeedRow[] = [];
  for (const source of sources) {
    const every = source.pollIntervalS * 1000;
    const size = source.kind === "cucm" ? perCluster : perRouter;
    for (let t = now.getTime() - 7 * 86_400_000; t <= now.getTime(); t += every) {
      const unregistered = Math.floor(size * (0.03 + random() * 0.02));
      polls.push(
        pollRow(source.id!, new Date(t), {
          registered: size - unregistered,
          unregistered,
          outcome: random() < 0.01 ? "failed" : "ok",
        }),
      );
      if (polls.length >= 10_000) {
        await insertInventory({ polls });
        polls = [];
      }
    }
  }
  await insertInventory({ polls });

  const changes: ChangeEventSeedRow[] = Array.from({ length: 20_000 }, () => {
    const source = pick(sources);
    return statusChange(
      source.id!,
      `SEP${hex(4)}${"0".repeat(8)}`.slice(0, 15),
      new Date(now.getTime() - Math.floor(random() * 7 * 86_400_000)),
      "registered",
      "unregistered",
      pick(reasons),
    );
  });
  await insertInventory({ changes });
  return { sources, sampleMac, sampleDn };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(label: string, run: () => Promise<unknown>, all: number[]): Promise<void> {
  for (let i = 0; i < 3; i++) await run(); // warm up caches and the JIT
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  all.push(...samples);
  samples.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(52)} p50 ${percentile(samples, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(6)} ms`,
  );
}

function summary(label: string, all: number[]): void {
  all.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(52)} p50 ${percentile(all, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(all, 95).toFixed(1).padStart(6)} ms`,
  );
}

async function seeded(provider: string, reuse: boolean): Promise<Fleet> {
  if (reuse && (await countDevices({ includeMissing: true })) > 0) {
    const sample = (await findDevices({}, "name", "asc", 777, 1))[0]!;
    const sources = (await phoneFilterOptions()).sources.map((s) => ({
      ...s,
      urls: "[]",
      username: "",
      passwordCipher: "",
      pollIntervalS: 60,
    }));
    console.log(`\n${provider}: reusing the seeded database`);
    return { sources, sampleMac: sample.mac!, sampleDn: sample.primaryDn };
  }
  const started = performance.now();
  const fleet = await seed();
  console.log(
    `\n${provider}: seeded ${DEVICES.toLocaleString("en")} devices, ${fleet.sources.length} sources, 7 days of polls, 20,000 changes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return fleet;
}

async function run(provider: string, reuse = false): Promise<void> {
  const config = env().database;
  const pgUrl = config.provider === "postgresql" ? config.url : null;
  // Bulk load first and the trigram indexes after (as a restore does): seeding 100,000 devices
  // through six GIN indexes is slow and can push the recompute's transactions past their timeout.
  const trigram = pgUrl ? await dropTrigramIndexes(pgUrl) : [];
  const fleet = await seeded(provider, reuse);
  if (pgUrl && trigram.length) {
    const started = performance.now();
    await buildTrigramIndexes(pgUrl);
    console.log(`  ${trigram.length} trigram indexes built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await analyzeAfterBulkLoad();
  console.log("as migrated:");
  await timeAll(fleet);
  if (!pgUrl) return;
  if (process.argv.includes("--explain"))
    for (const { label, q } of searches(fleet)) {
      console.log(`\n EXPLAIN ANALYZE, ${label}:`);
      console.log((await explainPhonePage(pgUrl, q)).replace(/^/gm, "   "));
    }
  const dropped = await dropTrigramIndexes(pgUrl);
  if (!dropped.length) return;
  console.log(`without the trigram indexes (as where pg_trgm is unavailable; ${dropped.length} dropped):`);
  await timeSearches(fleet);
  // A database kept for the next run (--database) gets them back, as migrated.
  if (reuse) await buildTrigramIndexes(pgUrl);
}

/** The free-text searches people type: a directory number, part of a device name, a person, part of a MAC. */
function searches(fleet: Fleet): { label: string; q: string }[] {
  const macPart = fleet.sampleMac.slice(6).toLowerCase().match(/../g)!.join(":");
  return [
    { label: "q=1001 (directory number)", q: "1001" },
    {
      label: `q=sep${fleet.sampleMac.slice(0, 6).toLowerCase()} (name fragment)`,
      q: `sep${fleet.sampleMac.slice(0, 6).toLowerCase()}`,
    },
    { label: "q=karin (person's name)", q: "karin" },
    { label: `q=${macPart} (MAC fragment)`, q: macPart },
    { label: "q=zzzz (matches nothing)", q: "zzzz" },
  ];
}

async function timeSearches(fleet: Fleet): Promise<void> {
  const base = {
    view: "devices" as const,
    class: "phones" as const,
    sort: "name" as const,
    order: "asc" as const,
    page: 1,
    pageSize: 50,
  };
  const all: number[] = [];
  console.log(" phones search (page of 50 and its count):");
  for (const { label, q } of searches(fleet)) await time(label, () => listPhones({ ...base, q }), all);
  summary("phones search, all of the above", all);
}

async function timeAll(fleet: Fleet): Promise<void> {
  const base = {
    view: "devices" as const,
    class: "phones" as const,
    sort: "name" as const,
    order: "asc" as const,
    page: 1,
    pageSize: 50,
  };
  const cluster = fleet.sources[0]!;
  const router = fleet.sources[10]!;
  const phones: number[] = [];
  console.log(" phones list (page of 50):");
  await time("no filter, by name", () => listPhones(base), phones);
  await time("status=unregistered", () => listPhones({ ...base, status: ["unregistered"] }), phones);
  await time(
    "no filter, newest change first",
    () => listPhones({ ...base, sort: "lastChange", order: "desc" }),
    phones,
  );
  await time(
    "no filter, sort by status descending",
    () => listPhones({ ...base, sort: "status", order: "desc" }),
    phones,
  );
  await time(
    "cluster source, sort by status",
    () => listPhones({ ...base, source: cluster.id!, sort: "status" }),
    phones,
  );
  await time(
    "site + model, newest change first",
    () => listPhones({ ...base, site: "Berlin", model: "Cisco 8845", sort: "lastChange", order: "desc" }),
    phones,
  );
  await time(
    "router source + keyPhone=true",
    () => listPhones({ ...base, source: router.id!, keyPhone: true }),
    phones,
  );
  await time(
    `q=${dottedMac(fleet.sampleMac)} (dotted MAC)`,
    () => listPhones({ ...base, q: dottedMac(fleet.sampleMac)! }),
    phones,
  );
  await time(
    `q=SEP${fleet.sampleMac.toLowerCase()}`,
    () => listPhones({ ...base, q: `SEP${fleet.sampleMac.toLowerCase()}` }),
    phones,
  );
  await time(`q=${fleet.sampleDn} (directory number)`, () => listPhones({ ...base, q: fleet.sampleDn }), phones);
  await time("q=anna (user / description)", () => listPhones({ ...base, q: "anna" }), phones);
  await time("q=room 12 berlin (three words)", () => listPhones({ ...base, q: "room 12 berlin" }), phones);
  await time(
    "status=unregistered, q=10.3.",
    () => listPhones({ ...base, status: ["unregistered"], q: "10.3." }),
    phones,
  );
  await time("no filter, page 1000 (offset 49,950)", () => listPhones({ ...base, page: 1000 }), phones);
  summary("phones, all of the above", phones);
  await timeSearches(fleet);
  console.log(" overview:");
  const overviews: number[] = [];
  await time("range=24h", () => getOverview("24h"), overviews);
  await time("range=7d", () => getOverview("7d"), overviews);
  await time("range=30d", () => getOverview("30d"), overviews);
  summary("overview, all ranges", overviews);
}

async function main(): Promise<void> {
  // A database kept from an earlier run: SQLite in a directory, or a PostgreSQL database.
  const dataDir = argValue("--data");
  const database = argValue("--database");
  if (dataDir || database) {
    if (dataDir) {
      delete process.env.DATABASE_URL;
      process.env.LINEWATCH_DATA_DIR = dataDir;
    } else process.env.DATABASE_URL = database;
    resetEnvForTests();
    await applyMigrations();
    await run(dataDir ? "sqlite" : "postgresql", true);
    await closeDb();
    return;
  }
  const pgServer = process.env.LINEWATCH_TEST_DATABASE_URL;
  delete process.env.LINEWATCH_TEST_DATABASE_URL;
  if (!process.argv.includes("--postgresql-only")) {
    const sqlite = await startTestDatabase();
    try {
      await run(sqlite.provider);
    } finally {
      await sqlite.stop();
    }
  }
  if (process.argv.includes("--sqlite-only")) return;

  type Throwaway = { url: string; stop(): Promise<void> };
  let server: Throwaway | null = null;
  try {
    if (pgServer) server = { url: pgServer, stop: async () => {} };
    else {
      const script = pathToFileURL(path.join(process.cwd(), "scripts/throwaway-postgres.mjs")).href;
      server = await (
        (await import(script)) as { startThrowawayPostgres(): Promise<Throwaway> }
      ).startThrowawayPostgres();
    }
  } catch (error) {
    console.log(`\npostgresql: skipped (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    return;
  }
  try {
    process.env.LINEWATCH_TEST_DATABASE_URL = server.url;
    const pg = await startTestDatabase();
    try {
      await run(pg.provider);
    } finally {
      await pg.stop();
    }
  } finally {
    await server.stop();
  }
}

await main();
