// Bulk writes of inventory rows for tests, benchmarks and e2e fixtures: the pollers own the real
// writes, these only put known rows in place. Chunked so SQLite's bound-parameter limit holds.
import type { Prisma } from "./generated/sqlite/client";
import { db, dbProvider } from "./client";

export type SourceSeedRow = Prisma.SourceCreateManyInput;
export type SourceHealthSeedRow = Prisma.SourceHealthCreateManyInput;
export type DeviceSeedRow = Prisma.DeviceCreateManyInput;
export type ExtensionSeedRow = Prisma.ExtensionCreateManyInput;
export type CtiAppSeedRow = Prisma.CtiAppCreateManyInput;
export type ChangeEventSeedRow = Prisma.ChangeEventCreateManyInput;
export type PollSeedRow = Prisma.PollCreateManyInput;
export type RisportRequestSeedRow = Prisma.RisportRequestCreateManyInput;

export interface InventorySeed {
  sources?: SourceSeedRow[];
  health?: SourceHealthSeedRow[];
  devices?: DeviceSeedRow[];
  extensions?: ExtensionSeedRow[];
  ctiApps?: CtiAppSeedRow[];
  changes?: ChangeEventSeedRow[];
  polls?: PollSeedRow[];
  risportRequests?: RisportRequestSeedRow[];
}

const CHUNK = 500;

async function inChunks<T>(rows: T[] | undefined, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < (rows?.length ?? 0); i += CHUNK) await write(rows!.slice(i, i + CHUNK));
}

export async function insertInventory(seed: InventorySeed): Promise<void> {
  const client = db();
  await inChunks(seed.sources, (data) => client.source.createMany({ data }));
  await inChunks(seed.health, (data) => client.sourceHealth.createMany({ data }));
  await inChunks(seed.devices, (data) => client.device.createMany({ data }));
  await inChunks(seed.extensions, (data) => client.extension.createMany({ data }));
  await inChunks(seed.ctiApps, (data) => client.ctiApp.createMany({ data }));
  await inChunks(seed.changes, (data) => client.changeEvent.createMany({ data }));
  await inChunks(seed.polls, (data) => client.poll.createMany({ data }));
  await inChunks(seed.risportRequests, (data) => client.risportRequest.createMany({ data }));
}

/** Removes every inventory row (sources cascade to devices, extensions, apps, changes, polls). */
export async function clearInventory(): Promise<void> {
  await db().source.deleteMany({});
  await db().risportRequest.deleteMany({});
}

/** Refreshes PostgreSQL's planner statistics after a bulk load, as autovacuum would. */
export async function analyzeAfterBulkLoad(): Promise<void> {
  if (dbProvider() === "postgresql") await db().$executeRaw`ANALYZE`;
}
