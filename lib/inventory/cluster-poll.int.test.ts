// Cluster polls against the CUCM simulator over loopback and a real database: nothing written
// when nothing changed (with and without this process's sweep memory), exact change events, no
// device marked missing by an incomplete sweep, CTI status changes, and failing credentials.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { db } from "@/lib/db/client";
import { createSource, getSourceWithHealth, updateSource, type SourceRecord } from "@/lib/db/sources";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { forgetSweepMemory } from "./cluster-memory";
import { pollSource } from "./poll";
import { eventsOfLatestPoll, manualClock, tableState } from "@/lib/testing/inventory";

let database: TestDatabase;
let cluster: CucmSimulator;
let source: SourceRecord;
const clock = manualClock();
const tester = { actor: "tester" };
const INTERVAL_MS = 300_000;

const poll = (options: { force?: boolean } = {}) => {
  clock.advance(INTERVAL_MS);
  return pollSource(source.id, { instanceId: "test", now: clock.now, ...options });
};
const health = async () => (await db().sourceHealth.findUnique({ where: { sourceId: source.id } }))!;
const latestPoll = async () =>
  (await db().poll.findFirst({
    where: { sourceId: source.id },
    orderBy: { startedAt: "desc" },
    select: { outcome: true, complete: true, incompleteReason: true },
  }))!;
const registeredOn = (node: string) =>
  cluster.control.deviceNames().filter((name) => {
    const device = cluster.control.device(name)!;
    return device.status === "Registered" && device.node === node;
  });

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  cluster = await startCucmSimulator({ nodes: 3, devices: 300, ctiApplications: 6, seed: 3, budgetPerMinute: 10_000 });
  source = await createSource(
    {
      kind: "cucm",
      name: "HQ cluster",
      urls: cluster.urls,
      username: "risuser",
      password: "risuser",
      timeoutMs: 2000,
      pollIntervalS: INTERVAL_MS / 1000,
      budgetPerMinute: 18,
      budgetRaised: true,
      budgetReserve: 0,
    },
    tester,
  );
});
afterAll(async () => {
  await cluster?.close();
  await database?.stop();
});

describe("a cluster poll", () => {
  test("stores every device and CTI application in the users' words", async () => {
    const summary = await poll();
    const names = cluster.control.deviceNames();
    expect(summary).toMatchObject({ status: "ok", devices: names.length, requests: 3 });
    const state = await tableState(source.id);
    expect(state).toMatchObject({
      devices: names.length,
      ctiApps: cluster.control.ctiApplications().length,
      extensions: 0,
    });
    const phone = names
      .map((n) => cluster.control.device(n)!)
      .find((d) => d.name.startsWith("SEP") && d.status === "Registered" && d.lines.length > 0)!;
    const stored = await db().device.findUnique({
      where: { sourceId_name: { sourceId: source.id, name: phone.name } },
    });
    expect(stored).toMatchObject({
      registrationStatus: "registered",
      statusReason: "",
      node: phone.node,
      mac: phone.name.slice(3),
      primaryDn: phone.lines[0],
      keyPhone: null,
    });
    expect(stored!.dnIndex).toContain(` ${phone.lines[0]} `);
    const app = cluster.control.ctiApplications()[0]!;
    const storedApp = await db().ctiApp.findUnique({
      where: { sourceId_appId: { sourceId: source.id, appId: app.appId } },
    });
    expect(storedApp).toMatchObject({
      status: { Open: "open", Closed: "closed", OpenFailed: "open-failed", Unknown: "unknown" }[app.status],
      userId: app.userId,
    });
    expect(
      JSON.parse(storedApp!.devices)
        .map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual(app.devices.map((d) => d.deviceName).sort());
    // The poll's counts (the trend) are the phones': trunks, gateways and CTI ports are left out.
    const devices = names.map((n) => cluster.control.device(n)!);
    const phones = devices.filter((d) => d.deviceClass === "Phone");
    expect(phones.length).toBeLessThan(devices.length);
    const counted = (await db().poll.findFirst({ where: { sourceId: source.id }, orderBy: { startedAt: "desc" } }))!;
    expect(counted.devices).toBe(devices.length);
    expect(counted.registered).toBe(phones.filter((d) => d.status === "Registered").length);
    expect(
      counted.registered + counted.unregistered + counted.rejected + counted.partiallyRegistered + counted.unknown,
    ).toBe(phones.length);
  });

  test("polls that find nothing changed write nothing, with or without this process's sweep memory", async () => {
    const before = await tableState(source.id);
    expect(await poll()).toMatchObject({ status: "ok", changed: 0 });
    // As after a restart or on another instance: only the compact stored memory is left.
    forgetSweepMemory();
    expect(await poll()).toMatchObject({ status: "ok", changed: 0 });
    expect(await tableState(source.id)).toEqual({ ...before, polls: before.polls + 2 });
    const memory = JSON.parse((await health()).memory);
    expect(memory).toMatchObject({
      kind: "cucm",
      sweepToken: expect.any(String),
      sweep: expect.stringMatching(/^gz1:/),
    });
    // The stored memory holds no device records: it stays small however big the cluster is.
    expect((await health()).memory.length).toBeLessThan(4_000);
    // Every poll after the first rides on the node's session cookie instead of authenticating again.
    expect(cluster.control.authenticationCounters()).toMatchObject({ withCredentials: 1, refused: 0 });
    expect(cluster.control.authenticationCounters().withCookie).toBeGreaterThan(3);
  });

  test("50 devices unregistering yields exactly 50 status events with the reason in words", async () => {
    const names = registeredOn("cucm1").slice(0, 25).concat(registeredOn("cucm2").slice(0, 25));
    expect(names).toHaveLength(50);
    for (const name of names) cluster.control.setDeviceStatus(name, "UnRegistered", 13);
    expect(await poll()).toMatchObject({ status: "ok", changed: 50 });
    const { events } = await eventsOfLatestPoll(source.id);
    expect(events).toHaveLength(50);
    expect(
      events.every(
        (e) =>
          e.subjectKind === "device" &&
          e.change === "status" &&
          e.before === "registered" &&
          e.after === "unregistered" &&
          e.reason === "Keep-alive timeout",
      ),
    ).toBe(true);
    expect(new Set(events.map((e) => e.subject))).toEqual(new Set(names));
  });

  test("an incomplete sweep marks nothing missing; the next complete one does", async () => {
    const removed = registeredOn("cucm1")[0]!;
    expect(cluster.control.removeDevices([removed])).toBe(1);
    cluster.control.setNodeDown("cucm2");
    const partial = await poll();
    expect(partial).toMatchObject({ status: "partial", error: expect.stringMatching(/cucm2/) });
    expect(await health()).toMatchObject({ status: "degraded", consecutiveFailures: 0 });
    expect(await latestPoll()).toEqual({
      outcome: "partial",
      complete: false,
      incompleteReason: "Incomplete sweep: node cucm2 down (NodeNotResponding).",
    });
    expect((await getSourceWithHealth(source.id, clock.now()))!.completeness).toMatchObject({
      complete: false,
      reason: expect.stringMatching(/node cucm2 down/),
    });
    expect(await db().device.count({ where: { sourceId: source.id, missing: true } })).toBe(0);
    expect((await eventsOfLatestPoll(source.id)).events).toEqual([]);
    cluster.control.setNodeDown("cucm2", false);
    expect(await poll()).toMatchObject({ status: "ok", changed: 1 });
    expect(await latestPoll()).toEqual({ outcome: "ok", complete: true, incompleteReason: null });
    expect((await getSourceWithHealth(source.id, clock.now()))!.completeness).toMatchObject({
      complete: true,
      reason: null,
    });
    expect((await eventsOfLatestPoll(source.id)).events).toEqual([
      { subjectKind: "device", subject: removed, change: "missing", before: "registered", after: null, reason: null },
    ]);
    expect(
      await db().device.findUnique({
        where: { sourceId_name: { sourceId: source.id, name: removed } },
        select: { missing: true },
      }),
    ).toEqual({ missing: true });
    expect(await health()).toMatchObject({ status: "ok" });
  });

  test("a device added later appears; a missing one that comes back appears again", async () => {
    const gone = (await db().device.findFirst({
      where: { sourceId: source.id, missing: true },
      select: { name: true },
    }))!.name;
    cluster.control.addDevices([
      { name: "SEP00AA11BB22CC", node: "cucm3", lines: ["29999"] },
      { name: gone, node: "cucm1" },
    ]);
    expect(await poll()).toMatchObject({ status: "ok", changed: 2 });
    const { events } = await eventsOfLatestPoll(source.id);
    expect(events.map((e) => [e.subject, e.change, e.after]).sort()).toEqual(
      [
        [gone, "appeared", "registered"],
        ["SEP00AA11BB22CC", "appeared", "registered"],
      ].sort(),
    );
    expect(
      await db().device.findUnique({
        where: { sourceId_name: { sourceId: source.id, name: "SEP00AA11BB22CC" } },
        select: { mac: true, primaryDn: true, missing: true },
      }),
    ).toEqual({ mac: "00AA11BB22CC", primaryDn: "29999", missing: false });
    cluster.control.removeDevices(["SEP00AA11BB22CC", gone]);
    expect(await poll()).toMatchObject({ changed: 2 });
  });

  test("a CTI application closing is one cti-status event", async () => {
    const app = cluster.control.ctiApplications().find((a) => a.status === "Open")!;
    cluster.control.setCtiApplicationStatus(app.appId, "Closed");
    await poll();
    expect((await eventsOfLatestPoll(source.id)).events).toEqual([
      {
        subjectKind: "cti",
        subject: app.appId,
        change: "cti-status",
        before: "open",
        after: "closed",
        reason: "Reason code 2",
      },
    ]);
  });

  test("refused credentials keep the data and hold polling until the settings change", async () => {
    const devices = await db().device.count({ where: { sourceId: source.id, missing: false } });
    source = await updateSource(source.id, { password: "wrong-password" }, tester);
    expect(await poll()).toMatchObject({ status: "failed", error: "The device refused the user name or password." });
    expect(await health()).toMatchObject({ status: "auth-failed", authFailedVersion: source.settingsVersion });
    expect(await poll()).toMatchObject({ status: "skipped" });
    expect(await db().device.count({ where: { sourceId: source.id, missing: false } })).toBe(devices);
    source = await updateSource(source.id, { password: "risuser" }, tester);
    expect(await poll()).toMatchObject({ status: "ok", changed: 0 });
  });

  test("no node reachable: unreachable, data kept", async () => {
    for (const node of cluster.nodeNames) cluster.control.setNodeReachable(node, false);
    const summary = await poll();
    expect(summary.status).toBe("failed");
    expect(await health()).toMatchObject({ status: "unreachable", consecutiveFailures: 1 });
    expect(await db().device.count({ where: { sourceId: source.id, missing: true } })).toBe(2);
    for (const node of cluster.nodeNames) cluster.control.setNodeReachable(node, true);
  });
});
