// The Prisma client factory: one client per process, SQLite (WAL, busy timeout) by default or
// PostgreSQL when DATABASE_URL says so. Both generated clients share the same model types.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { env, type DatabaseConfig } from "@/lib/env";
import { RememberedAdapter, rememberAdapter } from "./raw-run";
import { ThreadedSQLite, WaitingSQLite3 } from "./sqlite-adapter";

export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type Held = { db: Db; config: DatabaseConfig };
const holder = globalThis as unknown as { linewatchDb?: Held; linewatchBulkReads?: Held };

/** How long a transaction may wait to start: past SQLite's busy timeout (see below). */
const THREADED_MAX_WAIT_MS = 10_000;

export function createDb(config: DatabaseConfig): Db {
  if (config.provider === "postgresql") {
    const adapter = new RememberedAdapter(new PrismaPg({ connectionString: config.url, max: 10 }));
    // Same models from the same schema source; only the SQL dialect differs.
    const client = new PostgresClient({ adapter }) as unknown as Db;
    rememberAdapter(client, adapter);
    return client;
  }
  secureSqliteFiles(config.file);
  // timeout = SQLite busy timeout; with transactions that take the write lock at BEGIN, writers from
  // the CLI and the server wait instead of failing.
  const sqlite = { url: config.url, timeout: 5000 };
  let client: Db;
  let adapter: RememberedAdapter;
  if (env().sqliteThread) {
    // In-process, a BEGIN IMMEDIATE waiting for the lock blocked Prisma's own timers too; in a
    // thread it does not, so Prisma's 2 s start limit would cut the 5 s busy wait short.
    adapter = new RememberedAdapter(new ThreadedSQLite(sqlite));
    client = new SqliteClient({ adapter, transactionOptions: { maxWait: THREADED_MAX_WAIT_MS } });
  } else {
    adapter = new RememberedAdapter(new WaitingSQLite3(sqlite));
    client = new SqliteClient({ adapter });
  }
  // The statements every poll runs go to that adapter directly (raw-run.ts).
  rememberAdapter(client, adapter);
  return client;
}

/**
 * The database holds password hashes and sealed source passwords: a new data directory is 0700
 * and the database file 0600 before SQLite opens it (SQLite gives its -wal and -shm files the
 * database file's mode). An existing file, and its WAL, are tightened to 0600 too.
 */
export function secureSqliteFiles(file: string): void {
  // The ignore comments: the database is wherever the configuration says, never part of the build,
  // and without them the build's tracing copies the whole project (data/ included) into
  // .next/standalone.
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(/*turbopackIgnore: true*/ file)) closeSync(openSync(/*turbopackIgnore: true*/ file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`])
    if (existsSync(/*turbopackIgnore: true*/ f)) chmodSync(/*turbopackIgnore: true*/ f, 0o600);
}

/** The process-wide client (kept on globalThis so dev-mode reloads do not open new pools). */
export function db(): Db {
  const config = env().database;
  if (!holder.linewatchDb || holder.linewatchDb.config.url !== config.url) {
    holder.linewatchDb = { db: createDb(config), config };
  }
  return holder.linewatchDb.db;
}

/**
 * The client for long reads (CSV exports, window after window). With the SQLite thread, a second
 * connection with its own thread: one connection runs one query at a time, so a page of phones
 * would otherwise queue behind every export's windows. On PostgreSQL the pool already spreads
 * them, and an in-process SQLite connection blocks either way: the same client.
 */
export function bulkReads(): Db {
  const config = env().database;
  if (config.provider === "postgresql" || !env().sqliteThread) return db();
  if (!holder.linewatchBulkReads || holder.linewatchBulkReads.config.url !== config.url) {
    holder.linewatchBulkReads = { db: createDb(config), config };
  }
  return holder.linewatchBulkReads.db;
}

export function dbProvider(): DatabaseConfig["provider"] {
  return env().database.provider;
}

/** SQLite pragmas that must hold for every connection; call once after migrations. */
export async function tuneDatabase(client: Db = db()): Promise<void> {
  if (dbProvider() !== "sqlite") return;
  await client.$queryRaw`PRAGMA journal_mode = WAL`;
  await client.$queryRaw`PRAGMA synchronous = NORMAL`;
  // Gathers planner statistics where they are missing, so index choice does not depend on luck.
  await client.$queryRaw`PRAGMA optimize`;
}

export async function closeDb(): Promise<void> {
  const current = [holder.linewatchDb, holder.linewatchBulkReads];
  holder.linewatchDb = undefined;
  holder.linewatchBulkReads = undefined;
  await Promise.all(current.map((held) => held?.db.$disconnect()));
}
