// Applies the checked-in SQL migrations (prisma/migrations/<provider>) in order, recording them in
// Prisma's own `_prisma_migrations` table so Prisma's tooling agrees about what ran. We apply them
// ourselves because Prisma 6's JS schema engine cannot read PostgreSQL catalogs through the pg
// adapter (prisma/orm#27403), and this also spares a CLI process at every start.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { env, type DatabaseConfig } from "@/lib/env";
import { db, secureSqliteFiles, tuneDatabase } from "./client";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFor(provider: DatabaseConfig["provider"], root = process.cwd()): Migration[] {
  const dir = path.join(root, "prisma", "migrations", provider);
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** What to do with each migration given the rows already recorded; throws on a failed one. */
export function pendingMigrations(all: Migration[], applied: AppliedRow[], warn: (line: string) => void): Migration[] {
  const done = new Map<string, AppliedRow>();
  for (const row of applied) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new Error(
        `Migration ${row.migration_name} started earlier but did not finish. Fix the database by hand, then mark it rolled back in _prisma_migrations.`,
      );
    }
    done.set(row.migration_name, row);
  }
  for (const [name, row] of done) {
    const local = all.find((m) => m.name === name);
    if (local && local.checksum !== row.checksum)
      warn(`[linewatch] Migration ${name} was edited after it was applied.`);
  }
  return all.filter((m) => !done.has(m.name));
}

const createTableSql = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};
const selectApplied = `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`;

function migrateSqlite(file: string, all: Migration[], log: (line: string) => void): string[] {
  secureSqliteFiles(file);
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(createTableSql.sqlite);
    const applied: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two starting processes apply each migration once.
    const step = sqlite.transaction((migration: Migration) => {
      const rows = sqlite.prepare(selectApplied).all() as AppliedRow[];
      if (!pendingMigrations([migration], rows, log).length) return;
      sqlite.exec(migration.sql);
      sqlite
        .prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        )
        .run(randomUUID(), migration.checksum, migration.name, Date.now(), Date.now());
      applied.push(migration.name);
    });
    const pending = pendingMigrations(all, sqlite.prepare(selectApplied).all() as AppliedRow[], log);
    for (const migration of pending) step.immediate(migration);
    return applied;
  } finally {
    sqlite.close();
  }
}

async function migratePostgres(url: string, all: Migration[], log: (line: string) => void): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    // The same advisory lock key Prisma Migrate uses: one migrator at a time per database.
    await client.query("SELECT pg_advisory_lock(72707369)");
    await client.query(createTableSql.postgresql);
    const pending = pendingMigrations(all, (await client.query(selectApplied)).rows as AppliedRow[], log);
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
        applied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
    await client.query("SELECT pg_advisory_unlock(72707369)");
    return applied;
  } finally {
    await client.end();
  }
}

export async function applyMigrations(log: (line: string) => void = () => {}): Promise<string[]> {
  const config = env().database;
  const all = migrationsFor(config.provider);
  const applied =
    config.provider === "sqlite" ? migrateSqlite(config.file, all, log) : await migratePostgres(config.url, all, log);
  log(
    applied.length
      ? `[linewatch] Applied ${applied.length} migration(s): ${applied.join(", ")}`
      : "[linewatch] Database schema is up to date.",
  );
  await tuneDatabase();
  return applied;
}

/**
 * Migrations this build has that the database lacks (the names), read through the app's own
 * connection: what /readyz checks. Throws when the database cannot be read.
 */
// The build's migrations do not change while it runs: read and hashed once, not on every probe.
const shipped = new Map<DatabaseConfig["provider"], Migration[]>();

export async function pendingMigrationNames(): Promise<string[]> {
  const provider = env().database.provider;
  const all = shipped.get(provider) ?? migrationsFor(provider);
  shipped.set(provider, all);
  const client = db();
  const table =
    env().database.provider === "sqlite"
      ? await client.$queryRaw<
          { found: number | bigint }[]
        >`SELECT COUNT(*) AS found FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`
      : await client.$queryRaw<
          { found: number | bigint }[]
        >`SELECT COUNT(*)::int AS found FROM information_schema.tables WHERE table_name = '_prisma_migrations'`;
  if (Number(table[0]?.found ?? 0) === 0) return all.map((m) => m.name);
  const rows = await client.$queryRaw<
    AppliedRow[]
  >`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`;
  return pendingMigrations(all, rows, () => {}).map((m) => m.name);
}
