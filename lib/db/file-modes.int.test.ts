// Issue 15: the SQLite database holds password hashes and sealed source passwords, so a fresh data
// directory is 0700 and the database, WAL and shared-memory files are 0600 (not 0644).
import { mkdtempSync, rmSync, statSync, existsSync, chmodSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { closeDb, db, secureSqliteFiles } from "./client";
import { applyMigrations } from "./migrate";

const parent = mkdtempSync(path.join(tmpdir(), "linewatch-modes-"));
const saved = { dir: process.env.LINEWATCH_DATA_DIR, url: process.env.DATABASE_URL };
afterAll(async () => {
  await closeDb();
  if (saved.dir === undefined) delete process.env.LINEWATCH_DATA_DIR;
  else process.env.LINEWATCH_DATA_DIR = saved.dir;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  resetEnvForTests();
  rmSync(parent, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

test.skipIf(!!process.env.LINEWATCH_TEST_DATABASE_URL)(
  "a new data directory is 0700; the database and its WAL files are 0600",
  async () => {
    process.env.LINEWATCH_DATA_DIR = path.join(parent, "fresh", "data");
    delete process.env.DATABASE_URL;
    resetEnvForTests();
    await closeDb();
    await applyMigrations();
    await db().setting.upsert({
      where: { key: "modes-test" },
      create: { key: "modes-test", value: "1" },
      update: { value: "2" },
    });
    const file = (env().database as { file: string }).file;
    expect(mode(path.dirname(file)).toString(8)).toBe("700");
    for (const f of [file, `${file}-wal`, `${file}-shm`].filter(existsSync)) expect(mode(f).toString(8), f).toBe("600");
    expect(existsSync(`${file}-wal`)).toBe(true);
  },
);

test("an existing world-readable database file is tightened", () => {
  const file = path.join(parent, "old.db");
  writeFileSync(file, "");
  chmodSync(file, 0o644);
  secureSqliteFiles(file);
  expect(mode(file).toString(8)).toBe("600");
});
