// The overview (counts, reasons, trend buckets, drops, flapping, source freshness) and the
// Prometheus endpoint, over the seeded fleet.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken, revokeToken } from "@/lib/db/tokens";
import { seedFleetFixture } from "@/lib/testing/seed-inventory";
import { GET as getOverviewRoute } from "@/app/api/v1/overview/route";
import { GET as getMetrics } from "@/app/metrics/route";
import { getOverview } from "./overview";
import { db } from "@/lib/db/client";
import { trendCountsOf } from "@/lib/domain/status";

let database: TestDatabase;
let token: string;
let ids: { hq: string; east: string; branch: string };
const now = new Date("2030-01-10T12:30:00Z");
const trendRow = (resolution: string, scope: string, at: string, registered: number) => ({
  resolution,
  scope,
  at: new Date(at),
  registered,
  inFallback: 0,
  unregistered: 0,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
});

beforeAll(async () => {
  database = await startTestDatabase();
  token = (await createToken({ name: "helpdesk", role: "helpdesk" }, { actor: "test" })).token;
  ids = await seedFleetFixture(now);
});
afterAll(async () => database?.stop());

const request = (path: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://127.0.0.1${path}`, { headers });

describe("overview", () => {
  test("the fleet, sites, models and protocols count devices once by effective state; sources count their own records", async () => {
    const o = await getOverview("24h", now);
    // 36 phones: the lobby phone (HQ router + stale East cluster) once, in fallback on the HQ
    // router; the stale East cluster's and the auth-failed branch's phones unknown. The East
    // cluster's CTI port is infrastructure: counted in kinds, not as a phone.
    expect(o.fleet).toEqual({
      total: 36,
      counts: {
        registered: 1,
        unregistered: 1,
        rejected: 0,
        partiallyRegistered: 0,
        unknown: 33,
        inFallback: 1,
        neverRegistered: 0,
        notSeen: 0,
      },
    });
    expect(o.kinds.deskPhones).toEqual(o.fleet);
    expect(o.kinds.softClients.total).toBe(0);
    expect(o.kinds.infrastructure).toMatchObject({ total: 1, counts: { unknown: 1 } });
    expect(o.bySource.map((s) => [s.name, s.total])).toEqual([
      ["cme-branch", 30],
      ["cme-hq", 3],
      ["cucm-east", 4],
    ]);
    expect(o.bySource.find((s) => s.name === "cucm-east")!.counts).toEqual({
      registered: 1,
      unregistered: 1,
      rejected: 1,
      partiallyRegistered: 1,
      unknown: 0,
    });
    // Most phones first: Branch's 30, then East and HQ with 3 each.
    expect(o.bySite.map((s) => s.site)).toEqual(["Branch", expect.any(String), expect.any(String)]);
    expect(o.bySite.map((s) => s.site).sort()).toEqual(["Branch", "East", "HQ"]);
    expect(o.bySite.find((s) => s.site === "HQ")!.counts).toEqual({
      registered: 1,
      unregistered: 1,
      rejected: 0,
      partiallyRegistered: 0,
      unknown: 0,
      inFallback: 1,
      neverRegistered: 0,
      notSeen: 0,
    });
    expect(o.byModel[0]).toMatchObject({ model: "Cisco 7945", total: 30 });
    expect(o.byModel.find((m) => m.model === "Cisco 7960")!.counts).toMatchObject({ unregistered: 1, inFallback: 1 });
    expect(o.byProtocol.find((p) => p.protocol === "SIP")).toMatchObject({ total: 5 });
    expect(o.siteEvents).toEqual([]);
  });

  test("not-registered phones grouped by effective status and reason in words", async () => {
    const o = await getOverview("24h", now);
    expect(o.notRegistered).toEqual([
      { status: "unregistered", reason: "Keep-alive timeout", storedReason: "Keep-alive timeout", count: 1 },
    ]);
  });

  test("24 h trend: the latest 5-minute sample per bucket, gaps stay gaps, the last point is now", async () => {
    await db().trendSample.createMany({
      data: [
        trendRow("5m", "fleet", "2030-01-10T11:00:00Z", 29),
        trendRow("5m", "fleet", "2030-01-10T12:00:00Z", 30),
        trendRow("5m", "fleet", "2030-01-10T12:05:00Z", 31),
        // Within one hour the East cluster lost three phones: the drop shows, set against now.
        trendRow("5m", `source:${ids.east}`, "2030-01-10T11:00:00Z", 4),
        trendRow("5m", `source:${ids.east}`, "2030-01-10T11:40:00Z", 2),
        trendRow("5m", `source:${ids.hq}`, "2030-01-10T11:00:00Z", 2),
      ],
    });
    // The earlier tests' trend (no samples then) is kept for a few seconds: start afresh.
    await db().inventorySummary.deleteMany({ where: { key: { startsWith: "overview:trend:" } } });
    const { trend, drops, fleet } = await getOverview("24h", now);
    expect(trend).toMatchObject({ bucketMinutes: 5, timeZone: "UTC", scope: "fleet" });
    expect(trend.points).toHaveLength(288);
    const at = (iso: string) => trend.points.find((p) => p.at === iso);
    expect(at("2030-01-10T12:05:00.000Z")).toMatchObject({ sampled: true, registered: 31 });
    expect(at("2030-01-10T12:10:00.000Z")).toMatchObject({ sampled: false });
    expect(at("2030-01-10T11:00:00.000Z")).toMatchObject({ sampled: true, registered: 29 });
    // The last bucket is the counts beside the chart (configured phones RisPort does not show fold into unregistered).
    expect(trend.points.at(-1)).toEqual({
      at: "2030-01-10T12:30:00.000Z",
      sampled: true,
      ...trendCountsOf(fleet.counts),
    });
    expect(drops).toEqual([
      {
        sourceId: ids.east,
        name: "cucm-east",
        site: "East",
        peak: 4,
        peakAt: "2030-01-10T11:00:00.000Z",
        current: 1,
        drop: 3,
      },
    ]);
  });

  test("a site's trend over 90 days, in the viewer's zone: days from Chicago's midnight", async () => {
    await db().trendSample.createMany({
      data: [
        trendRow("1h", "site:HQ", "2030-01-09T05:00:00Z", 3), // 23:00 on the 8th in Chicago
        trendRow("1h", "site:HQ", "2030-01-09T07:00:00Z", 2), // 01:00 on the 9th
      ],
    });
    const o = await getOverview("90d", now, { scope: "site:HQ", timeZone: "America/Chicago" });
    expect(o.trend).toMatchObject({ bucketMinutes: 1440, timeZone: "America/Chicago", scope: "site:HQ" });
    expect(o.trend.points).toHaveLength(90);
    const at = (iso: string) => o.trend.points.find((p) => p.at === iso);
    expect(at("2030-01-08T06:00:00.000Z")).toMatchObject({ sampled: true, registered: 3 });
    expect(at("2030-01-09T06:00:00.000Z")).toMatchObject({ sampled: true, registered: 2 });
    // Now (06:30 in Chicago on the 10th) is HQ's count beside it.
    expect(o.trend.points.at(-1)).toMatchObject({ at: "2030-01-10T06:00:00.000Z", registered: 1, inFallback: 1 });
  });

  test("the API takes the viewer's zone and a scope, and refuses an unknown zone", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const none = { params: Promise.resolve({}) };
    const ok = await getOverviewRoute(request("/api/v1/overview?range=7d&tz=Asia/Kolkata&scope=site:HQ", auth), none);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.trend).toMatchObject({ bucketMinutes: 60, timeZone: "Asia/Kolkata", scope: "site:HQ" });
    expect(body.trend.points.at(-1).at).toMatch(/:30:00\.000Z$/);
    const bad = await getOverviewRoute(request("/api/v1/overview?tz=Mars/Olympus", auth), none);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("time zone");
  });

  test("flapping phones: most status changes in the window, at least three", async () => {
    expect((await getOverview("24h", now)).flapping).toEqual([
      {
        sourceId: expect.any(String),
        sourceName: "cucm-east",
        name: "SEPC0C0C0C0C0C0",
        changes: 4,
        registrationStatus: "unregistered",
        lastChangeAt: "2030-01-10T12:20:00.000Z",
      },
    ]);
    // Older changes count only in a window that reaches them.
    expect((await getOverview("30d", now)).flapping.map((f) => f.name)).toEqual(["CTIPORT1", "SEPC0C0C0C0C0C0"]);
  });

  test("source freshness: ok, stale after two intervals, failing on bad health", async () => {
    const { sources } = await getOverview("24h", now);
    expect(sources.map((s) => [s.name, s.state])).toEqual([
      ["cme-branch", "failing"],
      ["cme-hq", "ok"],
      ["cucm-east", "stale"],
    ]);
    expect(sources[0]).toMatchObject({
      health: "auth-failed",
      consecutiveFailures: 4,
      problem: expect.stringContaining("password"),
    });
    expect(sources[1]!.lastSuccessAt).toBe("2030-01-10T12:29:30.000Z");
  });

  test("GET /overview answers with the right range and 400 on a bad one, 401 without a token", async () => {
    const ok = await getOverviewRoute(request("/api/v1/overview?range=7d", { authorization: `Bearer ${token}` }), {
      params: Promise.resolve({}),
    });
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ range: "7d", fleet: { total: 36 }, trend: { bucketMinutes: 60 } });
    expect(
      (
        await getOverviewRoute(request("/api/v1/overview?range=2y", { authorization: `Bearer ${token}` }), {
          params: Promise.resolve({}),
        })
      ).status,
    ).toBe(400);
    expect((await getOverviewRoute(request("/api/v1/overview"), { params: Promise.resolve({}) })).status).toBe(401);
  });
});

describe("GET /metrics", () => {
  test("401 without a token, with a bad or revoked token, and for a session-only caller", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer lw_nonsense" },
      { authorization: "Basic abc" },
      { cookie: "next-auth.session-token=abc" },
    ];
    for (const headers of attempts) {
      const response = await getMetrics(request("/metrics", headers));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
    const revoked = await createToken({ name: "old", role: "viewer" }, { actor: "test" });
    await revokeToken(revoked.record.id, { actor: "test" });
    expect((await getMetrics(request("/metrics", { authorization: `Bearer ${revoked.token}` }))).status).toBe(401);
  });

  test("Prometheus text: devices per source and status, last poll, budget use, health gauges", async () => {
    const response = await getMetrics(request("/metrics", { authorization: `Bearer ${token}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await response.text();
    const lines = text.trimEnd().split("\n");
    // Every line is a comment or a well-formed sample (names may hold digits: nodejs_eventloop_lag_p99_seconds).
    for (const line of lines)
      expect(line).toMatch(
        /^(# (HELP|TYPE) \w+ .+|[a-z_][a-z0-9_]*(\{([a-z_]+="([^"\\]|\\.)*",?)+\})? (-?[\d.]+(e[+-]?\d+)?|NaN))$/,
      );
    expect(lines).toContain('linewatch_devices{source="cme-hq",site="HQ",kind="cme",status="registered"} 2');
    expect(lines).toContain('linewatch_devices{source="cme-hq",site="HQ",kind="cme",status="unregistered"} 1');
    expect(lines).toContain(
      'linewatch_devices{source="cucm-east",site="East",kind="cucm",status="partially-registered"} 1',
    );
    expect(lines).toContain('linewatch_devices{source="cme-branch",site="Branch",kind="cme",status="unknown"} 5');
    expect(lines).toContain('linewatch_phones{site="HQ",status="in-fallback"} 1');
    expect(lines).toContain('linewatch_phones{site="Branch",status="unknown"} 30');
    // East's phones are 3 unknown (stale); its CTI port is infrastructure, not a phone.
    expect(lines).toContain('linewatch_phones{site="East",status="unknown"} 3');
    expect(lines).toContain('linewatch_infrastructure_devices{class="Cti",status="unknown"} 1');
    expect(lines).toContain(
      'linewatch_poll_duration_seconds{source="cme-hq",site="HQ",kind="cme",outcome="failed"} 2.5',
    );
    expect(lines).toContain('linewatch_risport_requests_last_minute{cluster="cucm-east"} 7');
    expect(lines).toContain('linewatch_risport_budget_per_minute{cluster="cucm-east"} 50');
    expect(lines).toContain(
      'linewatch_source_health{source="cme-branch",site="Branch",kind="cme",status="auth-failed"} 1',
    );
    expect(lines).toContain('linewatch_source_health{source="cme-branch",site="Branch",kind="cme",status="ok"} 0');
    expect(text).toContain("# TYPE linewatch_devices gauge");
  });
});
