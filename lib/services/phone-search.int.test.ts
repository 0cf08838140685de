// The phones list's search over more devices than PostgreSQL's bounded walk reads (lib/db/phones.ts,
// SEARCH_WALK_ROWS) and more matches than a search counts (SEARCH_COUNT_LIMIT): the same rows in the
// same order whichever way the page is found, and a total that says "at least" past the limit.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deviceRow, insertInventory, sourceRow } from "@/lib/testing/seed-inventory";
import { db } from "@/lib/db/client";
import { SEARCH_WALK_ROWS } from "@/lib/db/phones";
import { listPhones, SEARCH_COUNT_LIMIT } from "./phones";

let database: TestDatabase;
const EARLY = SEARCH_WALK_ROWS + 400;
const LATE = 200;
const pad = (n: number, width: number) => String(n).padStart(width, "0");
// A0000…: first in name order, every one used by "team-blue", every 40th described "karin's desk".
const early = Array.from({ length: EARLY }, (_, i) => `A${pad(i, 4)}`);
// Z000…: last in name order, all together, described "cluster lab".
const late = Array.from({ length: LATE }, (_, i) => `Z${pad(i, 3)}`);

beforeAll(async () => {
  database = await startTestDatabase();
  const source = sourceRow({ name: "cme-berlin", site: "Berlin" });
  const shown = { listing: "shown", effectiveStatus: "registered" };
  await insertInventory({
    sources: [source],
    devices: [
      ...early.map((name, i) =>
        deviceRow(source.id!, {
          ...shown,
          name,
          userName: "team-blue",
          description: i % 40 === 0 ? "karin's desk" : "desk",
        }),
      ),
      ...late.map((name) => deviceRow(source.id!, { ...shown, name, description: "cluster lab" })),
    ],
  });
}, 60_000);
afterAll(async () => {
  await database?.stop();
});

const base = {
  view: "devices" as const,
  class: "phones" as const,
  sort: "name" as const,
  order: "asc" as const,
  page: 1,
  pageSize: 50,
};
const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

describe("phone search over many devices", () => {
  test("matches that sit together at the end of the list are found in order, page after page", async () => {
    const first = await listPhones({ ...base, q: "CLUSTER" });
    expect(names(first)).toEqual(late.slice(0, 50));
    expect(first).toMatchObject({ total: LATE });
    expect(first.totalAtLeast).toBeUndefined();
    const last = await listPhones({ ...base, q: "cluster", page: 4 });
    expect(names(last)).toEqual(late.slice(150, 200));
    expect(last.total).toBe(LATE);
    const descending = await listPhones({ ...base, q: "cluster", order: "desc" });
    expect(names(descending)).toEqual(late.slice(-50).reverse());
  });

  test("matches spread through the list are found in order, and a short last page gives the total", async () => {
    const spread = early.filter((_, i) => i % 40 === 0);
    const first = await listPhones({ ...base, q: "karin" });
    expect(names(first)).toEqual(spread.slice(0, 50));
    expect(first.total).toBe(spread.length);
    const second = await listPhones({ ...base, q: "karin", page: 2 });
    expect(names(second)).toEqual(spread.slice(50));
    expect(second.total).toBe(spread.length);
  });

  test("a word that matches nothing, and one that matches a single device past the walk", async () => {
    expect(await listPhones({ ...base, q: "zzzz-nothing" })).toMatchObject({ items: [], total: 0 });
    const one = await listPhones({ ...base, q: "z199" });
    expect(names(one)).toEqual(["Z199"]);
    expect(one.total).toBe(1);
  });

  test("sorted by another column, a search pages in that order", async () => {
    const bySource = await listPhones({ ...base, q: "cluster", sort: "source", page: 2 });
    expect(names(bySource)).toEqual(late.slice(50, 100));
  });

  test("on PostgreSQL a search counts so far past the page's start and reports the total as at least that", async () => {
    const capped = database.provider === "postgresql";
    const first = await listPhones({ ...base, q: "team-blue" });
    expect(names(first)).toEqual(early.slice(0, 50));
    expect(first).toMatchObject(capped ? { total: SEARCH_COUNT_LIMIT, totalAtLeast: true } : { total: EARLY });
    const later = await listPhones({ ...base, q: "team-blue", page: 25 });
    expect(names(later)).toEqual(early.slice(1200, 1250));
    expect(later).toMatchObject(capped ? { total: 1200 + SEARCH_COUNT_LIMIT, totalAtLeast: true } : { total: EARLY });
    // Within the limit of the page's start, the count is exact; SQLite's always is.
    const near = await listPhones({ ...base, q: "team-blue", page: 40 });
    expect(names(near)).toEqual(early.slice(1950, 2000));
    expect(near.total).toBe(EARLY);
    for (const body of [near, ...(capped ? [] : [first, later])]) expect(body.totalAtLeast).toBeUndefined();
  });

  test("lists without words keep exact totals", async () => {
    const all = await listPhones(base);
    expect(all.total).toBe(EARLY + LATE);
    expect(all.totalAtLeast).toBeUndefined();
  });

  test("the same searches after the fleet changed answer from the new fleet: what earlier ones learnt is a hint only", async () => {
    // Learnt (on PostgreSQL): "cluster"'s page lies past the walk; "karin"'s walk ends at a bound row.
    expect(names(await listPhones({ ...base, q: "cluster" }))).toEqual(late.slice(0, 50));
    expect(names(await listPhones({ ...base, q: "karin" }))[1]).toBe("A0040");
    const source = (await db().source.findFirstOrThrow()).id;
    const added = deviceRow(source, {
      listing: "shown",
      effectiveStatus: "registered",
      name: "A0000-lab",
      description: "cluster lab, karin's desk",
    });
    await insertInventory({ devices: [added] });
    try {
      // Now the first match of both sits at the start of the list, long before the old bound.
      const cluster = await listPhones({ ...base, q: "cluster" });
      expect(names(cluster)).toEqual(["A0000-lab", ...late.slice(0, 49)]);
      expect(cluster.total).toBe(LATE + 1);
      expect(names(await listPhones({ ...base, q: "karin" })).slice(0, 3)).toEqual(["A0000", "A0000-lab", "A0040"]);
    } finally {
      await db().device.deleteMany({ where: { name: added.name } });
    }
    expect(names(await listPhones({ ...base, q: "cluster" }))).toEqual(late.slice(0, 50));
  });
});
