// Two processes writing one SQLite file: a transaction that reads and then writes while another
// process holds the write lock waits for it (BEGIN IMMEDIATE) instead of failing with "database is
// locked" (what the CLI beside the running server would otherwise hit). SQLite only.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import { env } from "@/lib/env";
import { createToken, findActiveToken } from "./tokens";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

/** Another process takes the write lock, writes, holds it for `holdMs`, then commits. */
function holdWriteLock(file: string, holdMs: number): Promise<{ locked: Promise<void>; done: Promise<void> }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)});
    db.exec("BEGIN IMMEDIATE");
    db.prepare("INSERT INTO \\"Setting\\" (\\"key\\", \\"value\\", \\"updatedAt\\") VALUES ('other-process', '1', 0)").run();
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
    db.exec("COMMIT");
  `;
  const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  const locked = new Promise<void>((resolve) =>
    child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()),
  );
  const done = new Promise<void>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
  );
  return Promise.resolve({ locked, done });
}

test.skipIf(process.env.LINEWATCH_TEST_DATABASE_URL)(
  "a read-then-write transaction waits for another process's write lock",
  async () => {
    const config = env().database;
    if (config.provider !== "sqlite") return;
    await db().setting.count(); // the connection is open before the other process takes the lock
    const other = await holdWriteLock(config.file, 800);
    await other.locked;
    await db().$transaction(async (tx) => {
      const before = await tx.setting.count();
      await tx.setting.create({ data: { key: "this-process", value: String(before) } });
    });
    await other.done;
    // It waited for the other writer and then read its row: the count it stored includes it.
    expect((await db().setting.findUniqueOrThrow({ where: { key: "this-process" } })).value).toBe("1");
  },
);

/** Another process takes the write lock and holds it until `release()` (no clock involved). */
function holdWriteLockUntilReleased(file: string) {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)});
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    process.stdin.once("data", () => { db.exec("COMMIT"); process.exit(0); });
  `;
  const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd(), stdio: ["pipe", "pipe", "inherit"] });
  const locked = new Promise<void>((resolve) =>
    child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()),
  );
  const done = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { locked, release: () => child.stdin.write("go\n"), done };
}

test.skipIf(process.env.LINEWATCH_TEST_DATABASE_URL)(
  "a token still signs in while another process holds the write lock past the busy timeout",
  async () => {
    const config = env().database;
    if (config.provider !== "sqlite") return;
    const { token, record } = await createToken({ name: "locked-out-writes", role: "viewer" }, { actor: "test" });
    const other = holdWriteLockUntilReleased(config.file);
    await other.locked;
    try {
      // Its last use cannot be written (the busy timeout runs out); the request is answered anyway.
      expect(await findActiveToken(token)).toEqual({ id: record.id, name: "locked-out-writes", role: "viewer" });
      expect((await db().apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toBeNull();
    } finally {
      other.release();
      await other.done;
    }
    // The next request records it.
    await findActiveToken(token);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toBeInstanceOf(Date);
  },
  20_000,
);
