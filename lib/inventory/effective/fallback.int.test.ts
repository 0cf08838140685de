// SRST fallback awareness end to end: the demo fleet's simulators (cluster and branch router share
// the branch's phones) polled by the real poller into a real database. Cutting the branch WAN moves
// exactly its phones to "in fallback" within one poll of each source and opens one site event;
// restoring ends it with a duration. Phones of other sites are untouched.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startDemoFleet, type DemoFleet } from "@/lib/server/demo/fleet";
import { BRANCH } from "@/lib/server/demo/branch";
import { listSources } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { getOverview } from "@/lib/services/overview";
import { listPhones } from "@/lib/services/phones";
import { pollSource } from "../poll";
import { afterPoll } from "./recompute";
import { identitiesOf } from "@/lib/db/phone-identity";
import * as sourceService from "@/lib/services/sources/service";

const BRANCH_PHONES = 12;
let database: TestDatabase;
let fleet: DemoFleet;
let clock = Date.UTC(2026, 10, 22, 10, 0, 0);
const now = () => clock;

/**
 * Polls at the test's clock, which the cluster simulator shares (its RisPort budget counts by it),
 * so nothing here depends on how fast the machine runs. Every poll must read its source: a skipped
 * or failed poll would leave stale data that reads as "unknown" later, far from the cause.
 */
async function pollAll(kinds: ("cme" | "cucm")[] = ["cme", "cucm"]): Promise<void> {
  fleet.cluster.control.setClock(clock);
  for (const source of await listSources()) {
    if (!kinds.includes(source.kind as "cme" | "cucm")) continue;
    const summary = await pollSource(source.id, { instanceId: "test", force: true, now });
    expect(["ok", "partial"], `${source.name}: ${summary.status} ${summary.error ?? ""}`).toContain(summary.status);
  }
}

const phones = (query: Record<string, string>) =>
  listPhones({ view: "devices", sort: "name", order: "asc", page: 1, pageSize: 500, ...query } as Parameters<
    typeof listPhones
  >[0]);
const statusesOutside = async (site: string) =>
  (
    await db().device.findMany({
      where: { listing: "shown", NOT: { site } },
      select: { name: true, effectiveStatus: true },
      orderBy: { name: "asc" },
    })
  ).map((d) => `${d.name}:${d.effectiveStatus}`);

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  fleet = (await startDemoFleet({
    clusterDevices: 300,
    phonesPerRouter: 10,
    branchPhones: BRANCH_PHONES,
    clusterChurnMs: 3_600_000,
  }))!;
  await pollAll();
}, 60_000);
afterAll(async () => {
  await fleet?.stop();
  await database?.stop();
});

describe("the branch's WAN", () => {
  test("while it is up the branch's phones are registered (on the cluster), each listed once, at the branch's site", async () => {
    const branch = await phones({ site: BRANCH.site });
    expect(branch.total).toBe(BRANCH_PHONES);
    expect(new Set(branch.items.map((p) => p.effectiveStatus))).toEqual(new Set(["registered"]));
    expect(new Set(branch.items.map((p) => p.sourceKind))).toEqual(new Set(["cucm"]));
    // Both sources hold a record of each: the router's says unregistered, and does not show as a second phone.
    expect(await db().device.count({ where: { site: BRANCH.site } })).toBe(BRANCH_PHONES * 2);
    // The SRST router in normal times: standby, none of its phones down.
    const srst = (await getOverview("24h", new Date(clock))).bySource.find(
      (s) => s.kind === "cme" && s.site === BRANCH.site,
    )!;
    expect(srst).toMatchObject({ total: BRANCH_PHONES, standby: BRANCH_PHONES, counts: { registered: 0 } });
  });

  test("a cut moves exactly the branch's phones to in fallback within one poll of each source, with one site event", async () => {
    const others = await statusesOutside(BRANCH.site);
    fleet.branch.cut();
    clock += 120_000;
    await pollAll(["cucm"]);
    // The cluster alone: the phones left registration together, the router has not been polled yet.
    let events = await db().siteEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      site: BRANCH.site,
      phones: BRANCH_PHONES,
      out: BRANCH_PHONES,
      inFallback: 0,
      endedAt: null,
    });
    clock += 30_000;
    await pollAll(["cme"]);

    const fallback = await phones({ status: "in-fallback" });
    expect(fallback.items.map((p) => p.name).sort()).toEqual(
      fleet.branchRouter.control
        .phones()
        .map((p) => p.name)
        .sort(),
    );
    expect(new Set(fallback.items.map((p) => p.fallbackRouter))).toEqual(new Set([BRANCH.routerName]));
    expect(new Set(fallback.items.map((p) => p.site))).toEqual(new Set([BRANCH.site]));
    expect(await statusesOutside(BRANCH.site)).toEqual(others);

    events = await db().siteEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      out: BRANCH_PHONES,
      peakOut: BRANCH_PHONES,
      inFallback: BRANCH_PHONES,
      endedAt: null,
    });
    const o = await getOverview("24h", new Date(clock));
    expect(o.siteEvents).toHaveLength(1);
    expect(o.siteEvents[0]!.summary).toBe(
      `Site ${BRANCH.site}: ${BRANCH_PHONES} of ${BRANCH_PHONES} phones left registration at 10:02 UTC; ${BRANCH_PHONES} now in fallback on ${BRANCH.routerName}; ${BRANCH_PHONES} still out.`,
    );
    expect(o.fleet.counts.inFallback).toBe(BRANCH_PHONES);

    // Another poll of each changes nothing and opens nothing new.
    clock += 60_000;
    await pollAll();
    expect(await db().siteEvent.count()).toBe(1);
  });

  test("restoring brings the phones home and ends the event with its duration", async () => {
    fleet.branch.restore();
    clock += 120_000;
    await pollAll(["cucm"]);
    const event = await db().siteEvent.findFirstOrThrow();
    expect(event.endedAt?.getTime()).toBe(clock);
    expect((await phones({ site: BRANCH.site })).items.every((p) => p.effectiveStatus === "registered")).toBe(true);
    const o = await getOverview("24h", new Date(clock));
    expect(o.siteEvents[0]).toMatchObject({ durationMinutes: 4, peakInFallback: BRANCH_PHONES });
    expect(o.siteEvents[0]!.summary).toContain("recovered at 10:05 UTC after 4 min");
    clock += 30_000;
    await pollAll(["cme"]);
    expect(await db().siteEvent.count({ where: { endedAt: null } })).toBe(0);
    expect((await phones({ status: "in-fallback" })).total).toBe(0);
  });

  test("a phone off its router and not yet back on its cluster reads returning, not unregistered", async () => {
    fleet.branch.cut();
    clock += 60_000;
    await pollAll();
    expect((await phones({ status: "in-fallback" })).total).toBe(BRANCH_PHONES);
    const events = await db().siteEvent.count();
    // The WAN is back; the router is polled first: the phones left it, the cluster's last word
    // (a poll ago) still says unregistered.
    fleet.branch.restore();
    clock += 30_000;
    await pollAll(["cme"]);
    const branch = (await phones({ site: BRANCH.site })).items;
    expect(branch.map((p) => p.effectiveStatus)).toEqual(branch.map(() => "returning"));
    expect((await phones({ status: "unregistered", site: BRANCH.site })).total).toBe(0);
    // Counted with the phones in fallback, and no new site event.
    expect((await getOverview("24h", new Date(clock))).fleet.counts.inFallback).toBe(BRANCH_PHONES);
    expect(await db().siteEvent.count()).toBe(events);
    clock += 60_000;
    await pollAll(["cucm"]);
    expect((await phones({ site: BRANCH.site })).items.every((p) => p.effectiveStatus === "registered")).toBe(true);
    clock += 30_000;
    await pollAll();
    expect(await db().siteEvent.count({ where: { endedAt: null } })).toBe(0);
  });

  test("polls finishing together are worked out together, each with its own result", async () => {
    const sources = await listSources();
    const touched = await Promise.all(sources.map((s) => identitiesOf(s.id)));
    // Started in one tick: they wait for one batch, which reads the sources and rules once.
    const results = await Promise.all(sources.map((s, i) => afterPoll(s.id, touched[i]!, new Date(clock))));
    results.forEach((result, i) => {
      expect(result.devices, sources[i]!.name).toBe(new Set(touched[i]).size);
      expect(result.written, sources[i]!.name).toBe(0);
    });
  });

  test("a cut with every source polled at once ends as it does one poll after another", async () => {
    const pollAllAtOnce = async () => {
      fleet.cluster.control.setClock(clock);
      const summaries = await Promise.all(
        (await listSources()).map((s) => pollSource(s.id, { instanceId: "test", force: true, now })),
      );
      for (const summary of summaries) expect(["ok", "partial"]).toContain(summary.status);
    };
    const others = await statusesOutside(BRANCH.site);
    fleet.branch.cut();
    clock += 120_000;
    await pollAllAtOnce();
    const fallback = await phones({ status: "in-fallback" });
    expect(fallback.total).toBe(BRANCH_PHONES);
    expect(new Set(fallback.items.map((p) => p.fallbackRouter))).toEqual(new Set([BRANCH.routerName]));
    expect(await statusesOutside(BRANCH.site)).toEqual(others);
    const open = await db().siteEvent.findMany({ where: { endedAt: null } });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ site: BRANCH.site, out: BRANCH_PHONES, inFallback: BRANCH_PHONES });

    fleet.branch.restore();
    clock += 120_000;
    await pollAllAtOnce();
    expect(await db().siteEvent.count({ where: { endedAt: null } })).toBe(0);
    expect((await phones({ status: "in-fallback" })).total).toBe(0);
    expect((await phones({ site: BRANCH.site })).items.every((p) => p.effectiveStatus === "registered")).toBe(true);
  });

  test("renaming the router's site moves only router-only phones; removing the router leaves the cluster's view", async () => {
    fleet.branch.cut();
    clock += 120_000;
    await pollAll();
    expect((await phones({ status: "in-fallback" })).total).toBe(BRANCH_PHONES);
    const router = (await listSources()).find((s) => s.name === BRANCH.routerName)!;
    // The branch phones' site comes from the subnet rule, not the router's label.
    await sourceService.updateSource(router.id, { site: "Renamed" }, { actor: "test" }, new Date(clock));
    expect((await phones({ site: BRANCH.site })).total).toBe(BRANCH_PHONES);
    await sourceService.deleteSource(router.id, { actor: "test" }, new Date(clock));
    const branch = await phones({ site: BRANCH.site });
    expect(branch.total).toBe(BRANCH_PHONES);
    expect(new Set(branch.items.map((p) => `${p.effectiveStatus}:${p.fallbackRouter}`))).toEqual(
      new Set(["unregistered:null"]),
    );
  });
});
