// The trend sampler over the seeded fleet and a real database: one slot, one set of samples
// (however many workers try), the whole hour kept as the hourly sample, old samples pruned.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { seedFleetFixture } from "@/lib/testing/seed-inventory";
import { db } from "@/lib/db/client";
import { FIVE_MINUTE_KEPT_MS, sampleTrend } from "./trend-sampler";

let database: TestDatabase;
let ids: { hq: string; east: string; branch: string };
const now = new Date("2030-01-10T12:30:00Z");

beforeAll(async () => {
  database = await startTestDatabase();
  ids = await seedFleetFixture(now);
});
afterAll(async () => database?.stop());

const samples = (resolution: string) =>
  db().trendSample.findMany({ where: { resolution }, orderBy: [{ at: "asc" }, { scope: "asc" }] });

describe("trend samples", () => {
  test("a slot's samples: the fleet, each site and each source, phones only, written once", async () => {
    // Two workers in the same 5-minute slot: one writes.
    const taken = await Promise.all([
      sampleTrend(new Date("2030-01-10T12:31:00Z")),
      sampleTrend(new Date("2030-01-10T12:33:00Z")),
    ]);
    expect(taken.sort()).toEqual(["taken", "written"]);
    const written = await samples("5m");
    expect(new Set(written.map((s) => s.at.toISOString()))).toEqual(new Set(["2030-01-10T12:30:00.000Z"]));
    const scope = (name: string) => written.find((s) => s.scope === name);
    expect(scope("fleet")).toMatchObject({ registered: 1, inFallback: 1, unregistered: 1, unknown: 33 });
    expect(scope("site:HQ")).toMatchObject({ registered: 1, inFallback: 1, unregistered: 1 });
    // The East cluster's own records: its CTI port is not a phone.
    expect(scope(`source:${ids.east}`)).toMatchObject({ registered: 1, unregistered: 1, rejected: 1 });
    expect(scope(`source:${ids.branch}`)).toMatchObject({ registered: 25, unknown: 5 });
    expect(await samples("1h")).toEqual([]);
    // An earlier slot is never written after a later one.
    expect(await sampleTrend(new Date("2030-01-10T12:26:00Z"))).toBe("taken");
  });

  test("on a whole hour the hour just ended is rolled up per scope, and old 5-minute samples go", async () => {
    await db().trendSample.create({
      data: {
        resolution: "5m",
        scope: "fleet",
        at: new Date(Date.parse("2030-01-10T13:00:00Z") - FIVE_MINUTE_KEPT_MS - 300_000),
        registered: 1,
        inFallback: 0,
        unregistered: 0,
        rejected: 0,
        partiallyRegistered: 0,
        unknown: 0,
      },
    });
    // One more 5-minute sample in the 12:00 hour, with 3 more registered than the 12:30 one.
    const fleet12 = (await samples("5m")).find(
      (s) => s.scope === "fleet" && s.at.toISOString() === "2030-01-10T12:30:00.000Z",
    )!;
    await db().trendSample.create({
      data: { ...fleet12, id: undefined, at: new Date("2030-01-10T12:45:00Z"), registered: fleet12.registered + 3 },
    });
    expect(await sampleTrend(new Date("2030-01-10T13:00:10Z"))).toBe("written");
    const hourly = await samples("1h");
    expect(hourly.length).toBeGreaterThan(3);
    expect(new Set(hourly.map((s) => s.at.toISOString()))).toEqual(new Set(["2030-01-10T12:00:00.000Z"]));
    // Sums and how many samples: the hour's average is 1 + 1.5 registered phones.
    expect(hourly.find((s) => s.scope === "fleet")).toMatchObject({
      samples: 2,
      registered: 2 * fleet12.registered + 3,
      unknown: 2 * fleet12.unknown,
    });
    const kept = await samples("5m");
    expect(kept.every((s) => s.at.getTime() >= Date.parse("2030-01-08T13:00:00Z"))).toBe(true);
  });
});
