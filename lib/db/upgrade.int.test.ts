// Upgrading a database of the first release: the phone-identity migration backfills every
// device's identity, and the first freshness check after start lists each phone once with its
// effective state (SQLite; the PostgreSQL lane runs the same migrations from empty).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { closeDb, db } from "./client";
import { applyMigrations, migrationsFor } from "./migrate";
import { refreshFreshness } from "@/lib/inventory/effective/recompute";

const dataDir = mkdtempSync(path.join(tmpdir(), "linewatch-upgrade-"));
afterAll(async () => {
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

test.skipIf(process.env.LINEWATCH_TEST_DATABASE_URL)(
  "a first-release database with phones upgrades and lists each phone once",
  async () => {
    // The first release's schema and rows, written as that release would have.
    const [init] = migrationsFor("sqlite");
    const sqlite = new Database(path.join(dataDir, "linewatch.db"));
    sqlite.exec(
      `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
    );
    sqlite.exec(init!.sql);
    sqlite
      .prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('1', ?, ?, ?, ?, 1)`,
      )
      .run(init!.checksum, init!.name, Date.now(), Date.now());
    const now = Date.now();
    const source = sqlite.prepare(
      `INSERT INTO "Source" (id, name, kind, site, urls, username, passwordCipher, pollIntervalS, updatedAt) VALUES (?, ?, ?, ?, '[]', 'u', 'x', 60, ?)`,
    );
    source.run("cluster", "cucm", "cucm", "HQ", now);
    source.run("router", "leeds-srst", "cme", "Leeds", now);
    const health = sqlite.prepare(`INSERT INTO "SourceHealth" (sourceId, status, lastSuccessAt) VALUES (?, 'ok', ?)`);
    health.run("cluster", now);
    health.run("router", now);
    const device = sqlite.prepare(
      `INSERT INTO "Device" (id, sourceId, name, mac, registrationStatus, fingerprint, updatedAt) VALUES (?, ?, ?, ?, ?, 'f', ?)`,
    );
    device.run("d1", "cluster", "SEP00AA40000010", "00AA40000010", "unregistered", now);
    device.run("d2", "router", "SEP00AA40000010", "00AA40000010", "registered", now);
    device.run("d3", "cluster", "CTIPORT1", null, "registered", now);
    sqlite.close();

    process.env.LINEWATCH_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    resetEnvForTests();
    await closeDb();
    expect(await applyMigrations()).toEqual(
      migrationsFor("sqlite")
        .slice(1)
        .map((m) => m.name),
    );
    expect(
      (await db().device.findMany({ select: { id: true, identity: true }, orderBy: { id: "asc" } })).map(
        (d) => d.identity,
      ),
    ).toEqual(["mac:00AA40000010", "mac:00AA40000010", "name:CTIPORT1"]);

    await refreshFreshness(new Date());
    const shown = await db().device.findMany({
      where: { listing: "shown" },
      select: { name: true, effectiveStatus: true, fallbackSourceId: true, site: true },
      orderBy: { name: "asc" },
    });
    expect(shown).toEqual([
      { name: "CTIPORT1", effectiveStatus: "registered", fallbackSourceId: null, site: "HQ" },
      { name: "SEP00AA40000010", effectiveStatus: "in-fallback", fallbackSourceId: "router", site: "Leeds" },
    ]);
  },
);
