// The overview's kept counts: live without a summary; the keeper's counts within the bound even
// when a device changed behind its back; live again once a poll that changed data is older than
// the bound; the keeper's next recount; kept counts stand while nothing changes. And the trend
// kept per range for the bound.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { seedFleetFixture, insertInventory, pollRow } from "@/lib/testing/seed-inventory";
import { db } from "@/lib/db/client";
import { createSummaryKeeper, KEPT_BOUND_MS, type SummaryKeeper } from "@/lib/inventory/summary";
import { getOverview } from "./overview";

let database: TestDatabase;
const start = new Date("2030-01-10T12:30:00Z");
let clock = start.getTime();
const at = (ms: number) => new Date(start.getTime() + ms);
let hqId: string;
let keeper: SummaryKeeper;

beforeAll(async () => {
  database = await startTestDatabase();
  await seedFleetFixture(start);
  hqId = (await db().source.findUniqueOrThrow({ where: { name: "cme-hq" } })).id;
  // A timer that never fires by itself: the test moves the clock and flushes.
  keeper = createSummaryKeeper({ now: () => clock, timer: () => () => {} });
});
afterAll(async () => {
  await keeper?.stop();
  await database?.stop();
});

const hqUnregistered = async (when: Date) => {
  const o = await getOverview("24h", when);
  return {
    live: o.countedAt === o.generatedAt,
    countedAt: o.countedAt,
    source: o.bySource.find((s) => s.name === "cme-hq")!.counts.unregistered,
    site: o.bySite.find((s) => s.site === "HQ")!.counts.unregistered,
    reasons: o.notRegistered.reduce((sum, r) => sum + r.count, 0),
  };
};

/** What a poll that found the HQ router's unregistered phone registered again writes. */
async function phoneRegistersAgain(when: Date) {
  await db().device.updateMany({
    where: { sourceId: hqId, name: "SEP001122334455" },
    data: { registrationStatus: "registered", statusReason: "", effectiveStatus: "registered" },
  });
  await insertInventory({ polls: [{ ...pollRow(hqId, when, { registered: 3 }), changed: 1 }] });
}

describe("overview counts kept by the poll worker", () => {
  test("with no summary (fresh install, no keeper) the overview counts live", async () => {
    expect(await db().inventorySummary.count()).toBe(0);
    expect(await hqUnregistered(at(0))).toEqual({
      live: true,
      countedAt: at(0).toISOString(),
      source: 1,
      site: 1,
      reasons: 1,
    });
  });

  test("after the keeper counted, the overview answers with its counts and says when they were made", async () => {
    keeper.changed();
    await keeper.flush();
    expect(await hqUnregistered(at(1_000))).toEqual({
      live: false,
      countedAt: at(0).toISOString(),
      source: 1,
      site: 1,
      reasons: 1,
    });
    // The same answer as counting live, part for part.
    const kept = await getOverview("24h", at(1_000));
    await db().inventorySummary.deleteMany();
    const live = await getOverview("24h", at(1_000));
    expect({ ...kept, countedAt: live.countedAt }).toEqual(live);
    keeper.changed();
    await keeper.flush();
  });

  test("a change the keeper was not told about shows the kept counts within the bound, live counts past it", async () => {
    await phoneRegistersAgain(at(2_000));
    expect(await hqUnregistered(at(KEPT_BOUND_MS))).toMatchObject({ live: false, source: 1, site: 1, reasons: 1 });
    expect(await hqUnregistered(at(KEPT_BOUND_MS + 1))).toEqual({
      live: true,
      countedAt: at(KEPT_BOUND_MS + 1).toISOString(),
      source: 0,
      site: 0,
      reasons: 0,
    });
  });

  test("after changed() the keeper's next recount carries the change", async () => {
    clock = at(12_000).getTime();
    keeper.changed();
    await keeper.flush();
    expect(await hqUnregistered(at(13_000))).toEqual({
      live: false,
      countedAt: at(12_000).toISOString(),
      source: 0,
      site: 0,
      reasons: 0,
    });
  });

  test("while nothing changes, kept counts stand however old; a poll without changes does not end that", async () => {
    expect(await hqUnregistered(at(3_600_000))).toMatchObject({ live: false, countedAt: at(12_000).toISOString() });
    await insertInventory({ polls: [pollRow(hqId, at(3_600_000), { registered: 3 })] });
    expect(await hqUnregistered(at(3_700_000))).toMatchObject({ live: false, countedAt: at(12_000).toISOString() });
  });

  test("a source whose data turned stale (its phones worked out again) or a new source ends the kept counts", async () => {
    await db().sourceHealth.update({ where: { sourceId: hqId }, data: { effectiveFresh: false } });
    expect(await hqUnregistered(at(3_800_000))).toMatchObject({ live: true });
    clock = at(3_800_000).getTime();
    keeper.changed();
    await keeper.flush();
    expect(await hqUnregistered(at(3_900_000))).toMatchObject({ live: false });
    await db().source.create({
      data: { name: "cme-new", kind: "cme", urls: "[]", username: "u", passwordCipher: "x", pollIntervalS: 60 },
    });
    expect(await hqUnregistered(at(3_900_000))).toMatchObject({ live: true });
  });

  test("a range's trend is kept for the bound and shared, then worked out again with the newer sample", async () => {
    const t0 = at(5_000_000); // 13:53:20: the 24-hour chart's third-last bucket is 13:40
    const bucket = async (when: Date) => (await getOverview("24h", when)).trend.points.at(-3)!;
    const before = await bucket(t0);
    expect(before).toMatchObject({ at: "2030-01-10T13:40:00.000Z", sampled: false });
    await db().trendSample.create({
      data: {
        resolution: "5m",
        scope: "fleet",
        at: new Date("2030-01-10T13:40:00Z"),
        registered: 50,
        inFallback: 0,
        unregistered: 0,
        rejected: 0,
        partiallyRegistered: 0,
        unknown: 0,
      },
    });
    expect(await bucket(at(5_000_000 + KEPT_BOUND_MS))).toEqual(before);
    expect(await db().inventorySummary.count({ where: { key: { startsWith: "overview:trend:24h:" } } })).toBe(1);
    expect(await bucket(at(5_000_001 + KEPT_BOUND_MS))).toMatchObject({ sampled: true, registered: 50 });
  });
});
