// Issue 16: exports read in keyset windows of 2,000 rows. An export longer than one window, sorted
// by status (status groups walked in problem order), has every row once, in the list's order.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { ctiAppRow, deviceRow, insertInventory, sourceRow } from "@/lib/testing/seed-inventory";
import { CSV_BATCH } from "@/lib/api/csv";
import * as contracts from "@/lib/api/contracts/inventory";
import { listPhones, listPhonesCsv } from "./phones";
import { listCtiApps, listCtiAppsCsv } from "./cti-apps";

let database: TestDatabase;
const ROWS = CSV_BATCH + 150;
const deviceStatuses = ["registered", "unregistered", "rejected", "unknown"];
const ctiStatuses = ["open", "closed", "open-failed", "unknown"];

beforeAll(async () => {
  database = await startTestDatabase();
  const router = sourceRow({ name: "cme-hq", kind: "cme" });
  const cluster = sourceRow({ name: "cucm", kind: "cucm" });
  await insertInventory({
    sources: [router, cluster],
    devices: Array.from({ length: ROWS }, (_, i) =>
      deviceRow(router.id!, {
        name: `SEP${(i * 7919).toString(16).toUpperCase().padStart(12, "0")}`,
        registrationStatus: deviceStatuses[i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : i % 13 === 0 ? 3 : 0],
      }),
    ),
    ctiApps: Array.from({ length: ROWS }, (_, i) =>
      ctiAppRow(cluster.id!, { appId: `app-${(i * 7919) % 100_003}`, status: ctiStatuses[i % 4] }),
    ),
  });
});
afterAll(async () => database?.stop());

const csvColumn = async (stream: ReadableStream<Uint8Array>) =>
  (await new Response(stream).text())
    .trimEnd()
    .split("\r\n")
    .slice(1)
    .map((line) => line.split(",")[0]);

async function everyPage<T>(read: (page: number) => Promise<{ items: T[] }>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { items } = await read(page);
    all.push(...items);
    if (items.length < 500) return all;
  }
}

/** The query as the route parses it: every default filled in. */
const phoneQuery = (q: Record<string, string>) => contracts.listPhones.query.parse(q);
const ctiQuery = (q: Record<string, string>) => contracts.listCtiApps.query.parse(q);

test("phones by status, both directions: the export is the list, page after page", async () => {
  for (const order of ["asc", "desc"]) {
    const query = { view: "records", sort: "status", order };
    const exported = await csvColumn(listPhonesCsv(phoneQuery({ ...query, format: "csv" })));
    const listed = await everyPage((page) => listPhones(phoneQuery({ ...query, page: `${page}`, pageSize: "500" })));
    expect(exported).toHaveLength(ROWS);
    expect(exported).toEqual(listed.map((p) => p.name));
  }
});

test("CTI applications by status, both directions: the export is the list, page after page", async () => {
  for (const order of ["asc", "desc"]) {
    const query = { sort: "status", order };
    const exported = await csvColumn(listCtiAppsCsv(ctiQuery({ ...query, format: "csv" })));
    const listed = await everyPage((page) => listCtiApps(ctiQuery({ ...query, page: `${page}`, pageSize: "500" })));
    expect(exported).toHaveLength(ROWS);
    expect(exported).toEqual(listed.map((a) => a.appId));
  }
});
