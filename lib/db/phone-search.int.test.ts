// The phones list's free-text search against a real, freshly migrated database: SQLite by default,
// PostgreSQL when LINEWATCH_TEST_DATABASE_URL is set (there also: the trigram indexes it relies on).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deviceRow, insertInventory, sourceRow } from "@/lib/testing/seed-inventory";
import { macSearchTerm, searchWords } from "@/lib/domain/mac";
import { db } from "./client";
import { countDevices, countSearch, findDevices, type SearchWord } from "./phones";

let database: TestDatabase;

// What the phones service makes of the search box (lib/services/phones.ts), from the same rules.
function words(q: string): SearchWord[] {
  return searchWords(q).map((text) => {
    const mac = macSearchTerm(text);
    return { text, ...(mac?.kind === "full" ? { mac: { full: mac.mac } } : mac ? { mac: { fragment: mac.hex } } : {}) };
  });
}

async function namesFound(q: string): Promise<string[]> {
  const rows = await findDevices({ words: words(q) }, "name", "asc", 0, 50);
  expect(await countDevices({ words: words(q) })).toBe(rows.length);
  return rows.map((r) => r.name);
}

beforeAll(async () => {
  database = await startTestDatabase();
  const source = sourceRow({ name: "cme-berlin", site: "Berlin" });
  await insertInventory({ sources: [source] });
  const shown = { listing: "shown", effectiveStatus: "registered" };
  await insertInventory({
    devices: [
      deviceRow(source.id!, {
        ...shown,
        name: "SEP000DBC80EB51",
        description: "Reception Desk",
        userName: "anna.schmidt",
        ipAddress: "10.20.30.41",
        lines: [{ dn: "1001" }, { dn: "1002" }],
      }),
      deviceRow(source.id!, {
        ...shown,
        name: "Lobby-Conference",
        mac: "00270DAB12CD",
        description: "Room 214 Berlin",
        userName: "ben.krause",
        ipAddress: "10.20.31.7",
        lines: [{ dn: "2001" }],
      }),
      deviceRow(source.id!, {
        ...shown,
        name: "ATA5C838F000001",
        description: "Fax Basement",
        userName: "",
        ipAddress: "192.168.5.9",
        lines: [{ dn: "3999" }],
      }),
      // A record that no list shows (another source's copy of a listed phone): never found.
      deviceRow(source.id!, { name: "SEP000DBC80EB52", description: "Reception Desk copy", listing: "shadow" }),
    ],
  });
});
afterAll(async () => {
  await database?.stop();
});

describe("phone search", () => {
  test("finds by a fragment of the name, in any case", async () => {
    expect(await namesFound("lobby")).toEqual(["Lobby-Conference"]);
    expect(await namesFound("sep000dbc")).toEqual(["SEP000DBC80EB51"]);
    expect(await namesFound("ATA5c8")).toEqual(["ATA5C838F000001"]);
  });

  test("finds by description and by user name, in any case", async () => {
    expect(await namesFound("RECEPTION")).toEqual(["SEP000DBC80EB51"]);
    expect(await namesFound("basement")).toEqual(["ATA5C838F000001"]);
    expect(await namesFound("Anna")).toEqual(["SEP000DBC80EB51"]);
    expect(await namesFound("KRAUSE")).toEqual(["Lobby-Conference"]);
  });

  test("finds by directory number, whole or in part", async () => {
    expect(await namesFound("1002")).toEqual(["SEP000DBC80EB51"]);
    expect(await namesFound("2001")).toEqual(["Lobby-Conference"]);
    expect(await namesFound("399")).toEqual(["ATA5C838F000001"]);
  });

  test("finds by the start of the IP address", async () => {
    expect(await namesFound("10.20.")).toEqual(["Lobby-Conference", "SEP000DBC80EB51"]);
    expect(await namesFound("10.20.31")).toEqual(["Lobby-Conference"]);
    expect(await namesFound("192.168.5.9")).toEqual(["ATA5C838F000001"]);
  });

  test("finds by a MAC fragment in any notation, also where the name carries no MAC", async () => {
    expect(await namesFound("ab12")).toEqual(["Lobby-Conference"]);
    expect(await namesFound("0d:ab:12")).toEqual(["Lobby-Conference"]);
    expect(await namesFound("bc80.eb51")).toEqual(["SEP000DBC80EB51"]);
    expect(await namesFound("000d.bc80.eb51")).toEqual(["SEP000DBC80EB51"]);
  });

  test("every word must match some field; a word nothing has finds nothing", async () => {
    expect(await namesFound("room berlin")).toEqual(["Lobby-Conference"]);
    expect(await namesFound("reception 2001")).toEqual([]);
    expect(await namesFound("zzz-nothing")).toEqual([]);
  });
});

describe("counting a search whose page is full", () => {
  test("counts exactly, or on PostgreSQL where matches are dense no further than asked", async () => {
    const all = await findDevices({ words: words("e") }, "name", "asc", 0, 50);
    // Every listed device matches "e".
    expect(all).toHaveLength(3);
    const count = (skip: number, atMost: number) =>
      countSearch({ words: words("e") }, "name", "asc", skip, all.slice(skip), atMost);
    expect(await count(0, 10)).toEqual({ total: 3, atLeast: false });
    expect(await count(0, 2)).toEqual({ total: 3, atLeast: false });
    expect(await count(0, 1)).toEqual(
      database.provider === "postgresql" ? { total: 2, atLeast: true } : { total: 3, atLeast: false },
    );
    expect(await count(1, 1)).toEqual({ total: 3, atLeast: false });
  });
});

describe("trigram indexes (PostgreSQL)", () => {
  test("exist after migration on every searched column, with finer statistics, unless pg_trgm cannot be had", async (ctx) => {
    if (database.provider !== "postgresql") ctx.skip("SQLite has no trigram indexes");
    const available = await db().$queryRaw<
      { found: number }[]
    >`SELECT COUNT(*)::int AS found FROM pg_extension WHERE extname = 'pg_trgm'`;
    if (!available[0]?.found) ctx.skip("pg_trgm could not be created on this server: search scans instead");
    const indexes = await db().$queryRaw<
      { indexname: string; indexdef: string }[]
    >`SELECT indexname::text AS indexname, indexdef FROM pg_indexes WHERE tablename = 'Device' AND indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname`;
    expect(indexes.map((i) => i.indexname)).toEqual([
      "Device_description_trgm_idx",
      "Device_dnIndex_trgm_idx",
      "Device_ipAddress_trgm_idx",
      "Device_mac_trgm_idx",
      "Device_name_trgm_idx",
      "Device_userName_trgm_idx",
    ]);
    for (const index of indexes) expect(index.indexdef).toMatch(/USING gin \("?\w+"? (\w+\.)?gin_trgm_ops\)/);
    // Finer statistics on the same columns, so the planner sees a rare word as rare (the migration says why).
    const targets = await db().$queryRaw<{ column: string; target: number }[]>`
      SELECT attname::text AS column, attstattarget::int AS target FROM pg_attribute
      WHERE attrelid = '"Device"'::regclass AND attname IN ('name', 'description', 'userName', 'dnIndex', 'ipAddress', 'mac')`;
    expect(targets.map((t) => t.target)).toEqual(Array(6).fill(1000));
  });
});
