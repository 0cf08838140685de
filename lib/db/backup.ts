// Backups an operator can trust: a consistent online copy taken while the app polls, and a restore
// that proves it is complete. SQLite uses SQLite's own backup API (safe beside running writers);
// PostgreSQL uses pg_dump, pinned to the snapshot the row counts were taken in. Each backup has a
// manifest (row counts per table, applied migrations) that the restore checks against.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "@/lib/env";

export interface BackupManifest {
  format: "linewatch-backup/1";
  provider: DatabaseConfig["provider"];
  takenAt: string;
  /** Finished migrations, in order. */
  migrations: string[];
  /** Rows per table (Prisma's migration table excluded). */
  rows: Record<string, number>;
}

export const manifestPathOf = (file: string) => `${file}.manifest.json`;

const MIGRATIONS = `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
// Table names come from the catalog, never from input; quoting still keeps odd names intact.
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function sqliteCensus(file: string): Pick<BackupManifest, "migrations" | "rows"> {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const rows = Object.fromEntries(
      tables.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${quoted(t)}`).get() as { n: number }).n]),
    );
    const migrations = (sqlite.prepare(MIGRATIONS).all() as { migration_name: string }[]).map((m) => m.migration_name);
    return { migrations, rows };
  } finally {
    sqlite.close();
  }
}

async function postgresCensus(client: pg.Client): Promise<Pick<BackupManifest, "migrations" | "rows">> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    )
  ).rows.map((t) => t.name);
  const rows: Record<string, number> = {};
  for (const table of tables)
    rows[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(table)}`)).rows[0]!.n);
  const migrations = (await client.query<{ migration_name: string }>(MIGRATIONS)).rows.map((m) => m.migration_name);
  return { migrations, rows };
}

/** pg_dump / pg_restore from PATH, else the newest Debian server install. */
export function postgresTool(name: "pg_dump" | "pg_restore"): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter))
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], "bin", name);
  throw new Error(
    `${name} was not found: install PostgreSQL's client tools (Debian: postgresql-client) or put ${name} on PATH.`,
  );
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: "utf8", timeout: 30 * 60_000 });
  if (result.status !== 0)
    throw new Error(`${path.basename(tool)} failed: ${(result.stderr || result.error?.message || "").trim()}`);
}

/** Takes a backup to `file` (and its manifest beside it); `now` stamps the manifest. */
export async function takeBackup(config: DatabaseConfig, file: string, now: Date): Promise<BackupManifest> {
  if (existsSync(file)) throw new Error(`${file} exists already; choose a new file name.`);
  let census: Pick<BackupManifest, "migrations" | "rows">;
  if (config.provider === "sqlite") {
    const source = new Database(config.file, { fileMustExist: true });
    try {
      await source.backup(file);
    } finally {
      source.close();
    }
    // Counted in the copy itself, so the manifest describes exactly what was saved.
    census = sqliteCensus(file);
  } else {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      // One snapshot for the counts and for pg_dump: the app may write on while this runs.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
      census = await postgresCensus(client);
      run(postgresTool("pg_dump"), [
        "--format=custom",
        "--no-owner",
        `--snapshot=${snapshot}`,
        `--file=${file}`,
        config.url,
      ]);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  }
  const manifest: BackupManifest = {
    format: "linewatch-backup/1",
    provider: config.provider,
    takenAt: now.toISOString(),
    ...census,
  };
  writeFileSync(manifestPathOf(file), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export function readManifest(file: string): BackupManifest {
  const manifestFile = manifestPathOf(file);
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  if (!existsSync(manifestFile))
    throw new Error(`${manifestFile} is missing: a backup is checked against its manifest.`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as BackupManifest;
  if (manifest.format !== "linewatch-backup/1") throw new Error(`${manifestFile} is not a Linewatch backup manifest.`);
  return manifest;
}

/** What differs between a manifest and a restored database ([] when complete). */
export function compareCensus(
  expected: Pick<BackupManifest, "migrations" | "rows">,
  actual: Pick<BackupManifest, "migrations" | "rows">,
): string[] {
  const problems: string[] = [];
  if (expected.migrations.join(",") !== actual.migrations.join(","))
    problems.push(
      `migrations differ: backup has ${expected.migrations.length}, restored has ${actual.migrations.length}`,
    );
  for (const [table, count] of Object.entries(expected.rows)) {
    if (actual.rows[table] !== count)
      problems.push(`${table}: ${count} rows in the backup, ${actual.rows[table] ?? "no table"} restored`);
  }
  return problems;
}

/**
 * Restores `file` into the configured database, which must be empty (a fresh data directory or an
 * empty PostgreSQL database): a restore never merges into live data. Throws with what is missing
 * when the restored database does not match the manifest.
 */
export async function restoreBackup(config: DatabaseConfig, file: string): Promise<BackupManifest> {
  const manifest = readManifest(file);
  if (manifest.provider !== config.provider)
    throw new Error(`This is a ${manifest.provider} backup; the configured database is ${config.provider}.`);
  let actual: Pick<BackupManifest, "migrations" | "rows">;
  if (config.provider === "sqlite") {
    if (existsSync(config.file))
      throw new Error(
        `${config.file} exists: restore into an empty data directory (stop Linewatch, move the old file away).`,
      );
    copyFileSync(file, config.file);
    for (const extra of ["-wal", "-shm"]) rmSync(config.file + extra, { force: true });
    actual = sqliteCensus(config.file);
  } else {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      const tables = (await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = current_schema()`)).rowCount ?? 0;
      if (tables > 0)
        throw new Error("The configured PostgreSQL database is not empty: restore into a new, empty database.");
      run(postgresTool("pg_restore"), ["--no-owner", "--exit-on-error", `--dbname=${config.url}`, file]);
      actual = await postgresCensus(client);
    } finally {
      await client.end();
    }
  }
  const problems = compareCensus(manifest, actual);
  if (problems.length) throw new Error(`The restore is incomplete: ${problems.join("; ")}`);
  return manifest;
}
