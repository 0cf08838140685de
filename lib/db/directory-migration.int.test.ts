// The directory sign-in migration on an existing SQLite database: SQLite migrations run inside a
// transaction, where PRAGMA foreign_keys=OFF does nothing, so rebuilding "User" would cascade to
// every session and clear the tokens' creators. The columns are added in place instead.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { migrationsFor } from "./migrate";

test("adding directory sign-in keeps users' sessions and API tokens", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "linewatch-directory-migration-"));
  const sqlite = new Database(path.join(dir, "linewatch.db"));
  try {
    const all = migrationsFor("sqlite");
    const at = all.findIndex((m) => m.name.endsWith("_directory_sign_in"));
    expect(at).toBeGreaterThan(0);
    for (const m of all.slice(0, at)) sqlite.exec(m.sql);
    sqlite.exec(
      `INSERT INTO "User" (id, email, name, role, passwordHash, updatedAt) VALUES ('u1', 'pat@example.com', 'Pat', 'admin', 'h', 0)`,
    );
    sqlite.exec(`INSERT INTO "UserSession" (id, userId, lastSeenAt) VALUES ('s1', 'u1', 0)`);
    sqlite.exec(
      `INSERT INTO "ApiToken" (id, name, role, tokenHash, prefix, createdById) VALUES ('t1', 'script', 'viewer', 'h', 'p', 'u1')`,
    );
    // As lib/db/migrate.ts applies it: in a transaction, foreign keys on.
    sqlite.transaction(() => sqlite.exec(all[at]!.sql)).immediate();
    expect(sqlite.prepare(`SELECT id FROM "UserSession"`).all()).toEqual([{ id: "s1" }]);
    expect(sqlite.prepare(`SELECT createdById FROM "ApiToken"`).get()).toEqual({ createdById: "u1" });
    expect(sqlite.prepare(`SELECT authSource, externalId FROM "User"`).get()).toEqual({
      authSource: "local",
      externalId: null,
    });
    for (const m of all.slice(at + 1)) sqlite.exec(m.sql);
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
