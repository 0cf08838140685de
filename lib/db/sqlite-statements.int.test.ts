// Kept prepared statements through Prisma's own better-sqlite3 adapter on a real SQLite file: a SQL
// text is compiled once however often it runs, each run gets its own arguments (reads and writes,
// in and out of transactions), and a connection past its limit of kept texts still answers right.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlQuery } from "@prisma/driver-adapter-utils";
import { keepStatements } from "./sqlite-statements.mjs";
import { beginImmediately } from "./sqlite-begin.mjs";

let dir: string;
let adapter: Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
/** SQL texts compiled by the connection, in order. */
let compiled: string[];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "linewatch-statements-"));
  adapter = await new PrismaBetterSQLite3({ url: `file:${path.join(dir, "t.db")}` }).connect();
  const client = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
  const prepare = client.prepare.bind(client);
  compiled = [];
  client.prepare = (sql: string) => {
    compiled.push(sql);
    return prepare(sql);
  };
  keepStatements(adapter);
  beginImmediately(adapter);
  await adapter.executeScript(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER)`);
});
afterEach(async () => {
  await adapter.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const q = (sql: string, args: unknown[]): SqlQuery =>
  ({ sql, args, argTypes: args.map(() => "Text") }) as unknown as SqlQuery;
const insert = (id: number, name: string) =>
  adapter.executeRaw({
    sql: "INSERT INTO t (id, name, n) VALUES (?, ?, ?)",
    args: [id, name, id * 10],
    argTypes: ["Int32", "Text", "Int32"],
  } as unknown as SqlQuery);
/** Rows as numbers (the adapter hands integers over as text, so 64 bits survive). */
const rowsOf = async (sql: string, args: unknown[]) =>
  (await adapter.queryRaw(q(sql, args))).rows.map((row) => row.map(Number));
const byName = (name: string) => rowsOf("SELECT id, n FROM t WHERE name = ?", [name]);

test("a SQL text is compiled once and each run binds its own arguments", async () => {
  for (const [id, name] of [
    [1, "a"],
    [2, "b"],
    [3, "a"],
  ] as const)
    expect(await insert(id, name)).toBe(1);
  expect(await byName("a")).toEqual([
    [1, 10],
    [3, 30],
  ]);
  expect(await byName("b")).toEqual([[2, 20]]);
  expect(await byName("c")).toEqual([]);
  expect(compiled.filter((sql) => sql.startsWith("INSERT"))).toHaveLength(1);
  expect(compiled.filter((sql) => sql.startsWith("SELECT"))).toHaveLength(1);
});

test("transactions use the kept statements and still begin immediately, commit and roll back", async () => {
  const tx = await adapter.startTransaction();
  await tx.executeRaw(q("INSERT INTO t (id, name) VALUES (?, ?)", [7, "kept"]));
  // Prisma ends a transaction with its own statement, then tells the adapter.
  await tx.executeRaw(q("COMMIT", []));
  await tx.commit();
  const undone = await adapter.startTransaction();
  await undone.executeRaw(q("INSERT INTO t (id, name) VALUES (?, ?)", [8, "kept"]));
  await undone.executeRaw(q("ROLLBACK", []));
  await undone.rollback();
  expect(await rowsOf("SELECT id FROM t WHERE name = ?", ["kept"])).toEqual([[7]]);
  expect(compiled).toContain("BEGIN IMMEDIATE");
  expect(compiled.filter((sql) => sql === "BEGIN IMMEDIATE")).toHaveLength(1);
});

test("past 500 kept texts the oldest is compiled again when it comes back, and answers stay right", async () => {
  await insert(1, "a");
  for (let i = 0; i < 520; i++) {
    expect(await rowsOf(`SELECT id, ${i} FROM t WHERE name = ?`, ["a"])).toEqual([[1, i]]);
  }
  const first = "SELECT id, 0 FROM t WHERE name = ?";
  expect(await rowsOf(first, ["a"])).toEqual([[1, 0]]);
  expect(compiled.filter((sql) => sql === first)).toHaveLength(2);
  // The most recent ones are still kept.
  await adapter.queryRaw(q("SELECT id, 519 FROM t WHERE name = ?", ["a"]));
  expect(compiled.filter((sql) => sql === "SELECT id, 519 FROM t WHERE name = ?")).toHaveLength(1);
});
