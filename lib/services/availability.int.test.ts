// The monthly availability report over the seeded fleet, hourly rows, the hour under way in
// 5-minute samples, site-outage events and a source's failed polls, through the route handler.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { seedFleetFixture } from "@/lib/testing/seed-inventory";
import { db } from "@/lib/db/client";
import { GET as getAvailabilityRoute } from "@/app/api/v1/availability/route";
import { availabilityReport } from "./availability";

let database: TestDatabase;
let token: string;
let ids: { hq: string; east: string; branch: string };
const now = new Date("2030-01-10T12:30:00Z");
const row = (resolution: string, scope: string, at: string, samples: number, up: number, down: number) => ({
  resolution,
  scope,
  at: new Date(at),
  samples,
  registered: up * samples,
  inFallback: 0,
  unregistered: down * samples,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
});

beforeAll(async () => {
  database = await startTestDatabase();
  token = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  ids = await seedFleetFixture(now);
  await db().trendSample.createMany({
    data: [
      row("1h", "fleet", "2030-01-05T10:00:00Z", 12, 90, 10),
      row("1h", "fleet", "2030-01-05T11:00:00Z", 12, 100, 0),
      // The hour under way: only 5-minute samples so far.
      row("5m", "fleet", "2030-01-10T12:00:00Z", 1, 50, 50),
      row("1h", "site:HQ", "2030-01-05T10:00:00Z", 12, 2, 1),
      row("1h", `source:${ids.hq}`, "2030-01-05T10:00:00Z", 12, 3, 0),
      // December is another month.
      row("1h", "fleet", "2029-12-31T22:00:00Z", 12, 0, 100),
    ],
  });
  await db().siteEvent.createMany({
    data: [
      {
        site: "HQ",
        startedAt: new Date("2030-01-03T08:00:00Z"),
        endedAt: new Date("2030-01-03T08:45:00Z"),
        phones: 10,
        peakOut: 8,
        out: 0,
      },
      // Began in December: only its January part counts (UTC), and none of it in Chicago's January.
      {
        site: "HQ",
        startedAt: new Date("2029-12-31T23:00:00Z"),
        endedAt: new Date("2030-01-01T01:00:00Z"),
        phones: 10,
        peakOut: 10,
        out: 0,
      },
    ],
  });
});
afterAll(async () => database?.stop());

describe("the availability report", () => {
  test("per scope: registered share of phone-minutes with the hour under way, worst first after the fleet", async () => {
    const report = await availabilityReport({ month: "2030-01", scope: "fleet" }, now);
    expect(report).toMatchObject({ month: "2030-01", timeZone: "UTC", hoursInMonth: 744 });
    const fleet = report.rows[0]!;
    expect(fleet).toMatchObject({ scope: "fleet", kind: "fleet", name: "Whole fleet" });
    expect(fleet.available).toBeCloseTo((1080 + 1200 + 50) / 2500, 6);
    expect(fleet.phoneHours).toBeCloseTo((2500 * 5) / 60, 6);
    expect(report.rows.map((r) => r.name)).toEqual(["Whole fleet", "HQ", "cme-hq"]);
    expect(report.rows[1]!.available).toBeCloseTo(2 / 3, 6);
    // The worst hours: the one under way at 50 %, then 90 %; the full hour is not listed.
    expect(report.detail.worstHours).toEqual([
      { at: "2030-01-10T12:00:00.000Z", share: 0.5 },
      { at: "2030-01-05T10:00:00.000Z", share: 0.9 },
    ]);
    expect(report.detail.outages.map((o) => [o.startedAt, o.minutes])).toEqual([
      ["2030-01-01T00:00:00.000Z", 60],
      ["2030-01-03T08:00:00.000Z", 45],
    ]);
  });

  test("a source's outages are its runs of failed polls; a month in Chicago starts at its midnight", async () => {
    const source = await availabilityReport({ month: "2030-01", scope: `source:${ids.hq}` }, now);
    expect(source.detail).toMatchObject({ name: "cme-hq", available: 1 });
    // The HQ router's last poll (2 minutes ago) failed: an outage still going on.
    expect(source.detail.outages).toEqual([
      { startedAt: "2030-01-10T12:28:00.000Z", endedAt: null, minutes: 2, what: expect.any(String) },
    ]);
    const chicago = await availabilityReport({ month: "2030-01", scope: "site:HQ", tz: "America/Chicago" }, now);
    expect(chicago.from).toBe("2030-01-01T06:00:00.000Z");
    expect(chicago.detail.outages.map((o) => o.minutes)).toEqual([45]);
  });

  test("the API answers JSON and CSV, and refuses a bad month", async () => {
    const call = (query: string) =>
      getAvailabilityRoute(
        new NextRequest(`http://127.0.0.1/api/v1/availability?${query}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        { params: Promise.resolve({}) },
      );
    const json = await call("month=2030-01&scope=site:HQ");
    expect(json.status).toBe(200);
    expect((await json.json()).detail.name).toBe("HQ");
    const csv = await call("month=2030-01&format=csv");
    expect(csv.headers.get("content-disposition")).toContain("linewatch-availability-2030-01.csv");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "month,timeZone,kind,name,availablePercent,inFallbackPercent,phoneHours,coveredHours,hoursInMonth",
    );
    expect(lines[1]).toBe("2030-01,UTC,fleet,Whole fleet,93.200,0.000,208.3,2.1,744");
    expect((await call("month=2030-13")).status).toBe(400);
    expect((await call(`month=2030-01&scope=source:nope`)).status).toBe(404);
  });
});
