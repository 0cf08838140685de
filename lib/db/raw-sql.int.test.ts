// The hand-written statements on the database itself (SQLite, and PostgreSQL in its lane): what
// they write reads back through Prisma's models exactly as Prisma's own writes would.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { inList, insertRowsSql, updateSql } from "./raw-sql";
import { createSource } from "./sources";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

test("an UPDATE binds text, numbers, booleans, nulls and dates as the models read them", async () => {
  const source = await createSource(
    {
      kind: "cme",
      name: "Raw",
      urls: ["http://127.0.0.1:9/"],
      username: "u",
      password: "p",
      timeoutMs: 1000,
      pollIntervalS: 60,
    },
    { actor: "test" },
  );
  const made = await db().device.create({
    data: {
      sourceId: source.id,
      name: "SEP000000000001",
      registrationStatus: "registered",
      fingerprint: "a",
      keyPhone: true,
    },
  });
  const other = await db().device.create({
    data: { sourceId: source.id, name: "SEP000000000002", registrationStatus: "registered", fingerprint: "b" },
  });
  const changedAt = new Date("2026-12-06T12:34:56.789Z");
  const written = await db().$executeRaw(
    updateSql(
      "Device",
      {
        description: "Lobby 'east' phone",
        lineCount: 3,
        keyPhone: false,
        mac: null,
        missing: true,
        statusChangedAt: changedAt,
      },
      Prisma.sql`"id" = ${made.id}`,
      { touch: true },
    ),
  );
  expect(written).toBe(1);
  const read = await db().device.findUniqueOrThrow({ where: { id: made.id } });
  expect(read).toMatchObject({
    description: "Lobby 'east' phone",
    lineCount: 3,
    keyPhone: false,
    mac: null,
    missing: true,
    statusChangedAt: changedAt,
  });
  expect(read.updatedAt.getTime()).toBeGreaterThan(made.updatedAt.getTime() - 1);
  // Untouched: the other row.
  expect(await db().device.findUniqueOrThrow({ where: { id: other.id } })).toEqual(other);
  // A date compares as a date in SQL on both databases.
  const later = await db().$queryRaw<Array<{ n: bigint }>>`
    SELECT COUNT(*) AS "n" FROM "Device" WHERE ${inList("id", [made.id, other.id])} AND "statusChangedAt" < ${new Date(changedAt.getTime() + 1)}
      AND "statusChangedAt" >= ${changedAt}`;
  expect(Number(later[0]?.n)).toBe(1);

  const at = new Date("2026-12-06T13:00:00Z");
  await db().$executeRaw(
    insertRowsSql(
      "ChangeEvent",
      ["at", "sourceId", "pollId", "subjectKind", "subject", "change", "before", "after", "reason"],
      [
        {
          at,
          sourceId: source.id,
          subjectKind: "device",
          subject: "SEP000000000001",
          change: "status",
          before: "registered",
          after: "unregistered",
        },
        { at, sourceId: source.id, subjectKind: "device", subject: "SEP000000000002", change: "missing" },
      ],
    ),
  );
  const events = await db().changeEvent.findMany({ where: { sourceId: source.id }, orderBy: { id: "asc" } });
  expect(events.map((e) => [e.subject, e.change, e.before, e.after, e.pollId, e.at.getTime()])).toEqual([
    ["SEP000000000001", "status", "registered", "unregistered", null, at.getTime()],
    ["SEP000000000002", "missing", null, null, null, at.getTime()],
  ]);
});
