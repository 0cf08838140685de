// The hand-written statements run on the driver Prisma connected (raw-run.ts), on SQLite and, in its
// lane, PostgreSQL: they read and write exactly what `$queryRaw` and `$executeRaw` would, a batch
// is all or nothing and leaves the connection usable, and a transaction client still goes through
// Prisma (so it sees its own transaction's writes).
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { rawBatch, rawExecute, rawQuery } from "./raw-run";
import { insertSql, updateSql } from "./raw-sql";
import { createSource } from "./sources";

let database: TestDatabase;
let sourceId: string;
beforeAll(async () => {
  database = await startTestDatabase();
  sourceId = (
    await createSource(
      {
        kind: "cme",
        name: "Driver",
        urls: ["http://127.0.0.1:9/"],
        username: "u",
        password: "p",
        timeoutMs: 1000,
        pollIntervalS: 60,
      },
      { actor: "test" },
    )
  ).id;
  await db().device.create({
    data: {
      sourceId,
      name: "SEP0000000000A1",
      registrationStatus: "registered",
      fingerprint: "a",
      keyPhone: true,
      lineCount: 2,
      description: "Lobby",
      statusChangedAt: new Date("2026-12-06T08:00:00.123Z"),
    },
  });
  await db().device.create({
    data: { sourceId, name: "SEP0000000000A2", registrationStatus: "unregistered", fingerprint: "b", mac: null },
  });
});
afterAll(async () => database?.stop());

const devices = () => Prisma.sql`SELECT * FROM "Device" WHERE "sourceId" = ${sourceId} ORDER BY "name"`;

test("a read on the driver gives what $queryRaw gives: dates, booleans, numbers, nulls and counts", async () => {
  const queried = vi.spyOn(db(), "$queryRaw");
  const direct = await rawQuery<Record<string, unknown>>(db(), devices());
  const counts = await rawQuery<Record<string, unknown>>(
    db(),
    Prisma.sql`SELECT "registrationStatus", COUNT(*) AS "n" FROM "Device" WHERE "sourceId" = ${sourceId}
      GROUP BY "registrationStatus" ORDER BY "registrationStatus"`,
  );
  const health = await rawQuery<Record<string, unknown>>(
    db(),
    Prisma.sql`SELECT * FROM "SourceHealth" WHERE "sourceId" = ${sourceId}`,
  );
  // Not one of those went through Prisma's client.
  expect(queried).not.toHaveBeenCalled();
  queried.mockRestore();

  expect(direct).toEqual(await db().$queryRaw(devices()));
  expect(direct[0]).toMatchObject({
    keyPhone: true,
    lineCount: 2,
    description: "Lobby",
    statusChangedAt: new Date("2026-12-06T08:00:00.123Z"),
  });
  expect(direct[1]).toMatchObject({ keyPhone: null, mac: null });
  expect(counts).toEqual([
    { registrationStatus: "registered", n: 1n },
    { registrationStatus: "unregistered", n: 1n },
  ]);
  expect(health).toEqual(await db().$queryRaw`SELECT * FROM "SourceHealth" WHERE "sourceId" = ${sourceId}`);
});

test("a write on the driver binds values as Prisma's own raw write does", async () => {
  const [first, second] = await db().device.findMany({ where: { sourceId }, orderBy: { name: "asc" } });
  const values = {
    description: "Hall 'north'",
    lineCount: 4,
    keyPhone: false,
    mac: null,
    missing: true,
    statusChangedAt: new Date("2026-12-07T01:02:03.456Z"),
  };
  expect(await rawExecute(db(), updateSql("Device", values, Prisma.sql`"id" = ${first!.id}`))).toBe(1);
  await db().$executeRaw(updateSql("Device", values, Prisma.sql`"id" = ${second!.id}`));
  const [a, b] = await db().device.findMany({ where: { sourceId }, orderBy: { name: "asc" } });
  expect(a).toMatchObject(values);
  expect(b).toMatchObject(values);
  // Stored alike, to the text of the cell (a date in another form would compare wrongly in SQL).
  const cells = await db().$queryRaw<Array<Record<string, string | null>>>`
    SELECT CAST("statusChangedAt" AS TEXT) AS "at", CAST("keyPhone" AS TEXT) AS "key",
      CAST("missing" AS TEXT) AS "missing", CAST("lineCount" AS TEXT) AS "lines", "mac"
    FROM "Device" WHERE "sourceId" = ${sourceId} ORDER BY "name"`;
  expect(cells[0]).toEqual(cells[1]);
  // Dates written on the driver compare as dates in SQL.
  const later = await rawQuery(
    db(),
    Prisma.sql`SELECT "name" FROM "Device" WHERE "sourceId" = ${sourceId}
      AND "statusChangedAt" > ${new Date("2026-12-07T01:02:03.000Z")}`,
  );
  expect(later).toHaveLength(2);
});

test("a batch is all or nothing, and the connection is free for the next one", async () => {
  const [first] = await db().device.findMany({ where: { sourceId }, orderBy: { name: "asc" } });
  const taken = first!.name;
  await expect(
    rawBatch(db(), [
      updateSql("Device", { description: "never kept" }, Prisma.sql`"id" = ${first!.id}`),
      // (sourceId, name) is unique: this one fails, so the UPDATE before it is rolled back.
      insertSql("Device", {
        id: "dup",
        sourceId,
        name: taken,
        registrationStatus: "registered",
        fingerprint: "x",
        updatedAt: new Date(),
      }),
    ]),
  ).rejects.toThrow();
  expect((await db().device.findUniqueOrThrow({ where: { id: first!.id } })).description).not.toBe("never kept");
  expect(await db().device.findUnique({ where: { id: "dup" } })).toBeNull();

  expect(
    await rawBatch(db(), [
      updateSql("Device", { description: "kept" }, Prisma.sql`"id" = ${first!.id}`),
      updateSql("Device", { lineCount: 9 }, Prisma.sql`"id" = ${first!.id}`),
    ]),
  ).toEqual([1, 1]);
  expect(await db().device.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
    description: "kept",
    lineCount: 9,
  });
  // Prisma's own transactions still start: the batch gave the connection (and its lock) back.
  await db().$transaction(async (tx) => tx.device.update({ where: { id: first!.id }, data: { lineCount: 10 } }));
  expect((await db().device.findUniqueOrThrow({ where: { id: first!.id } })).lineCount).toBe(10);
});

test("a transaction client goes through Prisma and sees its own transaction's writes", async () => {
  const [first] = await db().device.findMany({ where: { sourceId }, orderBy: { name: "asc" } });
  const seen = await db().$transaction(async (tx) => {
    await tx.device.update({ where: { id: first!.id }, data: { description: "inside" } });
    return rawQuery<{ description: string }>(
      tx,
      Prisma.sql`SELECT "description" FROM "Device" WHERE "id" = ${first!.id}`,
    );
  });
  expect(seen).toEqual([{ description: "inside" }]);
});

test("after Prisma disconnects, the next statement connects again", async () => {
  await db().$disconnect();
  const rows = await rawQuery<{ name: string }>(
    db(),
    Prisma.sql`SELECT "name" FROM "Device" WHERE "sourceId" = ${sourceId} ORDER BY "name"`,
  );
  expect(rows.map((r) => r.name)).toEqual(["SEP0000000000A1", "SEP0000000000A2"]);
  expect(await db().device.count({ where: { sourceId } })).toBe(2);
});
