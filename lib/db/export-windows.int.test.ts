// Issue 16: the exports' keyset windows read every row exactly once, in the list's own order,
// for every sort and direction, with ties on the sort column (walked in windows of 3 here).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { ctiAppRow, deviceRow, extensionRow, insertInventory, sourceRow } from "@/lib/testing/seed-inventory";
import { db } from "./client";
import { findDevices, type DeviceFilter, type DeviceRow, type DeviceSortField } from "./phones";
import { devicesAfter } from "./phone-export";
import { listExtensions, type ExtensionRow, type ExtensionSortField } from "./extensions";
import { extensionsAfter } from "./extension-export";
import { findCtiApps, type CtiAppRow, type CtiAppSortField } from "./cti-apps";
import { ctiAppsAfter } from "./cti-app-export";
import { listAudit } from "./audit";
import { auditEventsAfter } from "./audit-export";

let database: TestDatabase;

/** Every row, window after window of `take`, each after the last row of the one before. */
async function walk<R>(read: (after: R | undefined, take: number) => Promise<R[]>, take = 3): Promise<R[]> {
  const all: R[] = [];
  for (let after: R | undefined; ; ) {
    const rows = await read(after, take);
    all.push(...rows);
    if (rows.length < take) return all;
    after = rows.at(-1);
  }
}
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const directions = ["asc", "desc"] as const;

beforeAll(async () => {
  database = await startTestDatabase();
  // Source names sort the other way round from their ids' creation order.
  const a = sourceRow({ name: "zulu", kind: "cme" });
  const b = sourceRow({ name: "alpha", kind: "cucm" });
  const at = new Date("2030-01-01T00:00:00Z");
  const later = new Date("2030-01-02T00:00:00Z");
  const devices = [a, b].flatMap((s) =>
    Array.from({ length: 11 }, (_, i) =>
      deviceRow(s.id!, {
        // Names repeat across the two sources; models, addresses and times repeat within one.
        name: i < 8 ? `SEP00000000000${i}` : `SEP0000000000X${i}`,
        model: i % 3 ? "Cisco 8845" : "Cisco 7945",
        ipAddress: `10.0.0.${i % 4}`,
        statusChangedAt: i % 2 ? at : later,
        registrationStatus: i % 4 ? "registered" : "unregistered",
        listing: "shown",
        effectiveStatus: i % 4 ? "registered" : "unregistered",
      }),
    ),
  );
  const extensions = [a, b].flatMap((s) =>
    Array.from({ length: 10 }, (_, i) =>
      extensionRow(s.id!, {
        number: String(1000 + (i % 6)),
        tag: String(i),
        status: i % 3 ? "up" : "down",
        lastName: i % 2 ? "Smith" : "Jones",
        firstName: i % 4 ? "Ann" : "Bo",
        statusChangedAt: i % 2 ? at : later,
      }),
    ),
  );
  const ctiApps = [a, b].flatMap((s) =>
    Array.from({ length: 10 }, (_, i) =>
      ctiAppRow(s.id!, {
        appId: `app${i % 7}-${i}`,
        userId: i % 2 ? "jtapi" : "tapi",
        statusChangedAt: i % 2 ? at : later,
      }),
    ),
  );
  await insertInventory({ sources: [a, b], devices, extensions, ctiApps });
  await db().auditEvent.createMany({
    data: Array.from({ length: 14 }, (_, i) => ({
      at: i < 6 ? at : new Date(at.getTime() + i * 1000),
      actor: i % 2 ? "ann" : "bo",
      action: "phone.note",
      outcome: "success",
    })),
  });
});
afterAll(async () => database?.stop());

describe("keyset windows give the list's rows in the list's order", () => {
  const deviceSorts: Exclude<DeviceSortField, "status">[] = ["name", "model", "ipAddress", "statusChangedAt", "source"];
  const views: DeviceFilter[] = [{ view: "records" }, { view: "devices" }, { view: "records", words: [{ text: "X" }] }];
  test("phones, every plain sort, both directions, both views and a search", async () => {
    for (const filter of views)
      for (const sort of deviceSorts)
        for (const direction of directions) {
          const list = await findDevices(filter, sort, direction, 0, 1_000);
          const walked = await walk<DeviceRow>((after, take) => devicesAfter(filter, sort, direction, after, take));
          expect(ids(walked), `${filter.view} ${sort} ${direction}`).toEqual(ids(list));
          expect(list.length).toBeGreaterThan(0);
        }
  });

  test("extensions, every sort, both directions", async () => {
    const sorts: ExtensionSortField[] = ["number", "status", "name", "source", "lastChange"];
    for (const sort of sorts)
      for (const direction of directions) {
        const { rows } = await listExtensions({}, sort, direction, 0, 1_000);
        const walked = await walk<ExtensionRow>((after, take) => extensionsAfter({}, sort, direction, after, take));
        expect(ids(walked), `${sort} ${direction}`).toEqual(ids(rows));
        expect(rows).toHaveLength(20);
      }
  });

  test("CTI applications, every plain sort, both directions", async () => {
    const sorts: CtiAppSortField[] = ["appId", "user", "source", "lastChange"];
    for (const sort of sorts)
      for (const direction of directions) {
        const list = await findCtiApps({}, sort, direction, 0, 1_000);
        const walked = await walk<CtiAppRow>((after, take) => ctiAppsAfter({}, sort, direction, after, take));
        expect(ids(walked), `${sort} ${direction}`).toEqual(ids(list));
        expect(list).toHaveLength(20);
      }
  });

  test("audit events, newest first, with several at the same moment, filtered", async () => {
    for (const filter of [{}, { actor: "ann" }]) {
      const { items } = await listAudit({ ...filter, page: 1, pageSize: 500 });
      const walked = await walk<{ at: Date; id: string }>((after, take) => auditEventsAfter(filter, after, take));
      expect(ids(walked)).toEqual(ids(items));
      expect(items.length).toBeGreaterThan(5);
    }
  });
});
