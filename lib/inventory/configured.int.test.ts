// The configured inventory (AXL) in cluster polls, against the CUCM simulator over loopback and a
// real database: every configured device listed with its device pool (never-registered ones too),
// sweeps of exactly ceil(N / names per request) RisPort requests, "not seen for N days" after the
// organisation's days, the schedule and on-demand reads, and an AXL failure that keeps both the
// stored list and the RisPort poll.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { db } from "@/lib/db/client";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { countInventory } from "./summary";
import { metricsText } from "@/lib/services/metrics";
import { pollSource } from "./poll";
import { configuredForPoll } from "./configured";
import { createInventoryStore } from "@/lib/db/inventory-store";
import { sourceConnection } from "@/lib/db/sources";
import { manualClock } from "@/lib/testing/inventory";

let database: TestDatabase;
let cluster: CucmSimulator;
let source: SourceRecord;
const clock = manualClock();
const tester = { actor: "tester" };
const INTERVAL_MS = 300_000;
const DAY_MS = 86_400_000;
const REGISTERED = 2_400;
const NEVER = 300;
const PER_REQUEST = 1000;

const poll = (advance = INTERVAL_MS) => {
  clock.advance(advance);
  cluster.control.setClock(clock.now());
  return pollSource(source.id, { instanceId: "test", now: clock.now });
};
const sweepRequests = () =>
  cluster.control
    .requestLog()
    .filter((entry) => entry.method === "selectCmDevice" || entry.method === "selectCmDeviceExt");
const stored = (name: string) =>
  db().device.findUniqueOrThrow({ where: { sourceId_name: { sourceId: source.id, name } } });
const health = () => db().sourceHealth.findUniqueOrThrow({ where: { sourceId: source.id } });

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  cluster = await startCucmSimulator({
    nodes: 2,
    devices: REGISTERED,
    neverRegistered: NEVER,
    ctiApplications: 0,
    seed: 19,
    budgetPerMinute: 10_000,
    axlMaxRows: 5000,
  });
  source = await createSource(
    {
      kind: "cucm",
      name: "HQ cluster",
      urls: cluster.urls,
      username: cluster.credentials.user,
      password: cluster.credentials.password,
      timeoutMs: 5000,
      pollIntervalS: INTERVAL_MS / 1000,
      budgetPerMinute: 18,
      budgetRaised: true,
      budgetReserve: 0,
      selectItemsPerRequest: PER_REQUEST,
      axlEnabled: true,
    },
    tester,
  );
});
afterAll(async () => {
  await cluster?.close();
  await database?.stop();
});

describe("a cluster with AXL", () => {
  test("lists every configured device with its device pool; never-registered ones have their own status", async () => {
    const configured = cluster.control.deviceNames().length;
    expect(configured).toBe(REGISTERED + NEVER);
    cluster.control.clearRequestLog();
    const summary = await poll();
    expect(summary.status).toBe("ok");
    // Exactly the configured names, a request's worth at a time.
    const requests = sweepRequests();
    expect(requests).toHaveLength(Math.ceil(configured / PER_REQUEST));
    expect(requests.every((entry) => entry.method === "selectCmDeviceExt")).toBe(true);

    const rows = await db().device.findMany({ where: { sourceId: source.id } });
    expect(rows).toHaveLength(configured);
    const never = cluster.control
      .deviceNames()
      .map((name) => cluster.control.device(name)!)
      .filter((device) => device.configuredOnly);
    expect(never).toHaveLength(NEVER);
    for (const device of never.slice(0, 20)) {
      const row = await stored(device.name);
      expect(row).toMatchObject({
        registrationStatus: "never-registered",
        effectiveStatus: "never-registered",
        listing: "shown",
        devicePool: device.devicePool,
        location: device.location,
      });
      expect(row.primaryDn).toBe(device.lines[0] ?? "");
    }
    const phone = cluster.control
      .deviceNames()
      .map((name) => cluster.control.device(name)!)
      .find((device) => !device.configuredOnly && device.status === "Registered")!;
    expect(await stored(phone.name)).toMatchObject({
      registrationStatus: "registered",
      devicePool: phone.devicePool,
      location: phone.location,
    });
    expect(await health()).toMatchObject({ configuredCount: configured, configuredError: null });

    const counts = await countInventory();
    const neverPhones = never.filter((device) => device.deviceClass === "Phone").length;
    expect(neverPhones).toBeGreaterThan(0);
    expect(counts.fleet.neverRegistered).toBe(neverPhones);
    // /metrics counts them per site, under their own status.
    const text = await metricsText(new Date(clock.now()));
    const perSite = [...text.matchAll(/^linewatch_phones\{[^}]*status="never-registered"[^}]*\} (\d+)$/gm)];
    expect(perSite.reduce((sum, match) => sum + Number(match[1]), 0)).toBe(neverPhones);
  });

  test("a steady sweep asks the same ceil(N / per request), and AXL is not read again before its interval", async () => {
    const axlBefore = cluster.control.axlCounters().byOperation.executeSQLQuery ?? 0;
    cluster.control.clearRequestLog();
    const summary = await poll();
    expect(summary).toMatchObject({ status: "ok", changed: 0 });
    expect(sweepRequests()).toHaveLength(Math.ceil((REGISTERED + NEVER) / PER_REQUEST));
    expect(cluster.control.axlCounters().byOperation.executeSQLQuery ?? 0).toBe(axlBefore);
  });

  test("a device RisPort stops reporting keeps its state, then reads 'not seen' after the organisation's days", async () => {
    const gone = cluster.control
      .deviceNames()
      .map((name) => cluster.control.device(name)!)
      .find((device) => !device.configuredOnly && device.deviceClass === "Phone" && device.status === "UnRegistered")!;
    const before = await stored(gone.name);
    expect(cluster.control.forgetRegistrations([gone.name])).toBe(1);
    await poll();
    expect(await stored(gone.name)).toMatchObject({
      registrationStatus: before.registrationStatus,
      missing: false,
      listing: "shown",
    });
    await db().setting.upsert({
      where: { key: "inventory.notSeenDays" },
      create: { key: "inventory.notSeenDays", value: "3" },
      update: { value: "3" },
    });
    await poll(2 * DAY_MS);
    expect((await stored(gone.name)).registrationStatus).toBe(before.registrationStatus);
    await poll(DAY_MS);
    expect(await stored(gone.name)).toMatchObject({
      registrationStatus: "not-seen",
      effectiveStatus: "not-seen",
      statusReason: "Not seen by RisPort for 3 days",
      listing: "shown",
      missing: false,
    });
    const events = await db().changeEvent.findMany({
      where: { sourceId: source.id, subject: gone.name, change: "status" },
    });
    expect(events.at(-1)).toMatchObject({ before: before.registrationStatus, after: "not-seen" });
  });

  test("an AXL failure keeps the stored list and the RisPort poll; the error shows on the source", async () => {
    const names = (await db().configuredDevice.count({ where: { sourceId: source.id, missing: false } })) as number;
    await db().sourceHealth.update({
      where: { sourceId: source.id },
      data: { configuredRequestedAt: new Date(clock.now() + 1) },
    });
    cluster.control.setAxlBusy(true);
    try {
      const summary = await poll();
      expect(summary.status).toBe("partial");
      expect(summary.error).toMatch(/^Configured devices \(AXL\): .*the stored list is kept\.$/);
    } finally {
      cluster.control.setAxlBusy(false);
    }
    expect(await db().configuredDevice.count({ where: { sourceId: source.id, missing: false } })).toBe(names);
    const after = await health();
    expect(after.configuredError).toMatch(/^AXL: /);
    expect(after.configuredRequestedAt).toBeNull();
    const never = await db().device.count({ where: { sourceId: source.id, registrationStatus: "never-registered" } });
    expect(never).toBe(NEVER);
  });

  test("an on-demand read picks up a newly configured phone at the next poll, and it is swept by name", async () => {
    cluster.control.addDevices([
      { name: "SEP00AA11BB22CC", node: cluster.control.nodes()[0]!.name, configuredOnly: true },
    ]);
    await db().sourceHealth.update({
      where: { sourceId: source.id },
      data: { configuredRequestedAt: new Date(clock.now() + 1) },
    });
    await poll();
    expect(await stored("SEP00AA11BB22CC")).toMatchObject({ registrationStatus: "never-registered" });
    expect(await health()).toMatchObject({ configuredError: null, configuredCount: REGISTERED + NEVER + 1 });
  });

  test("an empty answer from a cluster that had devices marks nothing missing", async () => {
    const before = await db().configuredDevice.count({ where: { sourceId: source.id, missing: false } });
    await db().sourceHealth.update({
      where: { sourceId: source.id },
      data: { configuredRequestedAt: new Date(clock.now() + 1) },
    });
    const result = await configuredForPoll(
      await sourceConnection(source.id),
      {},
      {
        store: createInventoryStore(),
        now: clock.now() + 2,
        read: async () => [],
      },
    );
    expect(result.problem?.userMessage).toMatch(/listed no configured devices.*the stored list is kept/);
    expect(result.devices).toHaveLength(before);
    expect(await db().configuredDevice.count({ where: { sourceId: source.id, missing: false } })).toBe(before);
  });
});
