// Gives an integration test file its own empty database, migrated with the real migrations:
// a temporary SQLite file by default, or a fresh database on the PostgreSQL server named by
// LINEWATCH_TEST_DATABASE_URL (CI's PostgreSQL lane).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { resetEnvForTests } from "@/lib/env";
import { closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

export interface TestDatabase {
  provider: "sqlite" | "postgresql";
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "linewatch-test-"));
  process.env.LINEWATCH_DATA_DIR = dataDir;
  const server = process.env.LINEWATCH_TEST_DATABASE_URL;
  let dropDatabase = async () => {};
  if (server) {
    const name = `lw_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    delete process.env.DATABASE_URL;
  }
  resetEnvForTests();
  await closeDb();
  await applyMigrations();
  return {
    provider: server ? "postgresql" : "sqlite",
    dataDir,
    async stop() {
      await closeDb();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
