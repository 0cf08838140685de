// The hand-written statements' builder: names are checked, values are always bound, never spliced.
import { describe, expect, test } from "vitest";
import { Prisma } from "./generated/sqlite/client";
import { inList, insertRowsSql, insertSql, quoted, updateSql } from "./raw-sql";

describe("raw SQL", () => {
  test("identifiers are double-quoted, and only plain names are accepted", () => {
    expect(quoted("registrationStatus").sql).toBe('"registrationStatus"');
    for (const bad of ['a"b', "a b", "1a", "", "Device; DROP TABLE x", "a-b"])
      expect(() => quoted(bad), bad).toThrow(/not a table or column name/);
  });

  test("an UPDATE binds every value, leaves undefined ones out and touches updatedAt on request", () => {
    const at = new Date("2026-12-06T12:00:00Z");
    const sql = updateSql(
      "Device",
      { model: "CP-8845", keyPhone: true, mac: null, site: undefined },
      Prisma.sql`"id" = ${"d1"}`,
      {
        touch: true,
      },
    );
    expect(sql.sql).toBe('UPDATE "Device" SET "model" = ?, "keyPhone" = ?, "mac" = ?, "updatedAt" = ? WHERE "id" = ?');
    expect(sql.values.slice(0, 3)).toEqual(["CP-8845", true, null]);
    expect(sql.values[3]).toBeInstanceOf(Date);
    expect(sql.values[4]).toBe("d1");
    expect(updateSql("Poll", { at }, Prisma.sql`"id" = ${"p"}`).values).toEqual([at, "p"]);
    expect(() => updateSql("Device", { site: undefined }, Prisma.sql`"id" = ${"d1"}`)).toThrow(/at least one column/);
  });

  test("a value that looks like SQL stays a bound value", () => {
    const sql = updateSql("Device", { description: "x' OR '1'='1" }, inList("id", ["a", "b"]));
    expect(sql.sql).toBe('UPDATE "Device" SET "description" = ? WHERE "id" IN (?,?)');
    expect(sql.values).toEqual(["x' OR '1'='1", "a", "b"]);
  });

  test("INSERTs name their columns; rows without a value get null", () => {
    expect(insertSql("Poll", { id: "p", error: null, skipped: undefined }).sql).toBe(
      'INSERT INTO "Poll" ("id", "error") VALUES (?,?)',
    );
    const rows = insertRowsSql(
      "ChangeEvent",
      ["subject", "before"],
      [{ subject: "SEP1" }, { subject: "SEP2", before: "x" }],
    );
    expect(rows.sql).toBe('INSERT INTO "ChangeEvent" ("subject", "before") VALUES (?,?), (?,?)');
    expect(rows.values).toEqual(["SEP1", null, "SEP2", "x"]);
    expect(() => insertRowsSql("ChangeEvent", ["subject"], [])).toThrow(/at least one row/);
    expect(() => inList("id", [])).toThrow(/at least one value/);
  });
});
