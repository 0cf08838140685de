// With LINEWATCH_SQLITE_THREAD=1 the SQLite connection runs in its own thread (issue #16): a long query leaves the event loop free,
// Prisma's errors and transactions behave as with the in-process adapter, and an idle connection
// does not keep a script's process alive. SQLite only.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Prisma } from "./generated/sqlite/client";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { bulkReads, db } from "./client";
import { env } from "@/lib/env";

const onSqlite = !process.env.LINEWATCH_TEST_DATABASE_URL;
let database: TestDatabase;
const before = process.env.LINEWATCH_SQLITE_THREAD;
beforeAll(async () => {
  // As the web server under npm start runs it (scripts/start.mjs).
  process.env.LINEWATCH_SQLITE_THREAD = "1";
  database = await startTestDatabase();
});
afterAll(async () => {
  await database?.stop();
  if (before === undefined) delete process.env.LINEWATCH_SQLITE_THREAD;
  else process.env.LINEWATCH_SQLITE_THREAD = before;
});

test.skipIf(!onSqlite)("the event loop keeps turning while a long query runs", async () => {
  // A query that reads three million generated rows: far longer than one turn of the event loop.
  const slow = db().$queryRawUnsafe<{ n: bigint }[]>(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c",
  );
  let settled = false;
  void slow.finally(() => {
    settled = true;
  });
  let turns = 0;
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    turns++;
  }
  expect(Number((await slow)[0]?.n)).toBe(3_000_000);
  // In-process, the query held the loop: a handful of turns before and after it, none during.
  expect(turns).toBeGreaterThan(100);
});

test.skipIf(!onSqlite)("a unique violation is still Prisma's P2002", async () => {
  await db().setting.create({ data: { key: "thread-unique", value: "1" } });
  const error = await db()
    .setting.create({ data: { key: "thread-unique", value: "2" } })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
});

test.skipIf(!onSqlite)("transactions commit, roll back and take turns", async () => {
  const failed = await db()
    .$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "thread-rolled-back", value: "1" } });
      throw new Error("changed my mind");
    })
    .catch((e: Error) => e.message);
  expect(failed).toBe("changed my mind");
  expect(await db().setting.findUnique({ where: { key: "thread-rolled-back" } })).toBeNull();

  // Ten read-modify-write transactions at once: each sees the one before it.
  await db().setting.create({ data: { key: "thread-counter", value: "0" } });
  await Promise.all(
    Array.from({ length: 10 }, () =>
      db().$transaction(async (tx) => {
        const row = await tx.setting.findUniqueOrThrow({ where: { key: "thread-counter" } });
        await tx.setting.update({ where: { key: "thread-counter" }, data: { value: String(Number(row.value) + 1) } });
      }),
    ),
  );
  expect((await db().setting.findUniqueOrThrow({ where: { key: "thread-counter" } })).value).toBe("10");
});

test.skipIf(!onSqlite)(
  "a script that never disconnects still exits when its work is done",
  async () => {
    const script = `
    import { db } from "./lib/db/client.ts";
    const rows = await db().setting.count();
    console.log("counted " + rows);
  `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: env().database.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(out).toMatch(/counted \d+/);
    expect(code).toBe(0);
  },
  60_000,
);

test.skipIf(!onSqlite)("a page query does not queue behind an export's long read", async () => {
  expect(bulkReads()).not.toBe(db());
  const order: string[] = [];
  const long = bulkReads()
    .$queryRawUnsafe(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c",
    )
    .then(() => order.push("export window"));
  // The long read has reached its own connection's thread before the page asks.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const page = db()
    .setting.findMany({ take: 1 })
    .then(() => order.push("page"));
  await Promise.all([long, page]);
  expect(order).toEqual(["page", "export window"]);
});
