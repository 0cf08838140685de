// Backup and restore on the lane's real database (SQLite file, or PostgreSQL in CI's second lane):
// a backup taken while polls write restores into an empty database with every row, and a restore
// that does not match its manifest, or that would land on live data, is refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { env, type DatabaseConfig } from "@/lib/env";
import { createDb, db } from "@/lib/db/client";
import { createSource } from "@/lib/db/sources";
import { createUser } from "@/lib/db/users";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { pollSource } from "@/lib/inventory/poll";
import { manifestPathOf, restoreBackup, takeBackup } from "./backup";

let database: TestDatabase;
let router: CmeSimulator;
let scratch: string;
const cleanups: (() => Promise<void>)[] = [];
const actor = { actor: "test" };
const at = new Date(Date.UTC(2026, 11, 4, 9, 0, 0));

/** An empty database of the lane's kind to restore into. */
async function emptyTarget(): Promise<DatabaseConfig> {
  const server = process.env.LINEWATCH_TEST_DATABASE_URL;
  if (!server) {
    const file = path.join(mkdtempSync(path.join(scratch, "restore-")), "linewatch.db");
    return { provider: "sqlite", file, url: `file:${file}` };
  }
  const name = `lw_restore_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { provider: "postgresql", url: url.toString() };
}

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  scratch = mkdtempSync(path.join(tmpdir(), "lw-backup-"));
  router = await startCmeSimulator({ fleet: { seed: 5, ephones: 40, pools: 4 } });
  await createUser(
    { email: "helpdesk@example.com", name: "Helpdesk", role: "helpdesk", password: "a long enough password" },
    actor,
  );
  const source = await createSource(
    { kind: "cme", name: "Leeds", urls: [router.url], username: "cisco", password: "cisco", timeoutMs: 5000 },
    actor,
  );
  expect(await pollSource(source.id, { instanceId: "test", force: true, now: () => at.getTime() })).toMatchObject({
    status: "ok",
  });
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await router?.close();
  await database?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("backup and restore", () => {
  test("a backup taken while a poll writes restores into an empty database with every row", async () => {
    const source = (await db().source.findFirstOrThrow({ select: { id: true } })).id;
    // Phones change on the router and a poll stores them while the backup runs.
    for (const phone of router.control.phones().slice(0, 10)) router.control.setPhoneStatus(phone.name, "unregistered");
    const polling = pollSource(source, { instanceId: "test", force: true, now: () => at.getTime() + 60_000 });
    const file = path.join(scratch, "online.backup");
    const manifest = await takeBackup(env().database, file, at);
    await polling;

    expect(manifest.takenAt).toBe(at.toISOString());
    expect(manifest.rows.User).toBe(1);
    expect(manifest.rows.Device).toBeGreaterThanOrEqual(40);
    expect(manifest.migrations.length).toBeGreaterThanOrEqual(3);

    const target = await emptyTarget();
    expect(await restoreBackup(target, file)).toEqual(manifest);
    // The restored database is a working Linewatch database: the app's own client reads it.
    const restored = createDb(target);
    try {
      expect(await restored.user.findMany({ select: { email: true } })).toEqual([{ email: "helpdesk@example.com" }]);
      expect(await restored.device.count()).toBe(manifest.rows.Device);
      expect(await restored.source.findFirst({ select: { name: true, passwordCipher: true } })).toMatchObject({
        name: "Leeds",
        passwordCipher: expect.any(String),
      });
    } finally {
      await restored.$disconnect();
    }
  });

  test("a restore onto live data, without its manifest, or that does not match the manifest is refused", async () => {
    const file = path.join(scratch, "checked.backup");
    await takeBackup(env().database, file, at);
    await expect(takeBackup(env().database, file, at)).rejects.toThrow(/exists already/);
    // Onto the running database: refused, and the live data is untouched.
    const devices = await db().device.count();
    await expect(restoreBackup(env().database, file)).rejects.toThrow(/exists|not empty/);
    expect(await db().device.count()).toBe(devices);

    // A manifest that promises more than the file holds: the restore says what is missing.
    const manifestFile = manifestPathOf(file);
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    manifest.rows.Device += 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await expect(restoreBackup(await emptyTarget(), file)).rejects.toThrow(
      /incomplete: Device: \d+ rows in the backup/,
    );

    rmSync(manifestFile);
    await expect(restoreBackup(await emptyTarget(), file)).rejects.toThrow(/manifest.json is missing/);
  });
});
