// "Refresh now" against the CME and CUCM simulators over loopback and a real database: one request
// per source, the change stored exactly as a poll would store it and nothing else touched, the
// cluster's budget spent never waited on, and the route's 404 and 403.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { db } from "@/lib/db/client";
import { createToken } from "@/lib/db/tokens";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { createDatabaseBudgetStore } from "@/lib/db/risport-budget";
import { createRateBudget } from "@/lib/risport/budget/budget";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { POST } from "@/app/api/v1/phones/[name]/refresh/route";
import { pollSource } from "./poll";
import { refreshPhone } from "./refresh-phone";

let database: TestDatabase;
let router: CmeSimulator;
let cluster: CucmSimulator;
let branch: SourceRecord;
let hq: SourceRecord;
let helpdesk: string;
let viewer: string;
const tester = { actor: "tester" };
const BUDGET = 18;

const devicesOf = async (sourceId: string) =>
  new Map(
    (
      await db().device.findMany({
        where: { sourceId },
        select: { name: true, fingerprint: true, missing: true, updatedAt: true },
      })
    ).map((d) => [d.name, d]),
  );
const eventCount = (sourceId: string) => db().changeEvent.count({ where: { sourceId } });

function refreshRequest(name: string, token: string) {
  const request = new NextRequest(`http://127.0.0.1:3000/api/v1/phones/${encodeURIComponent(name)}/refresh`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  return POST(request, { params: Promise.resolve({ name }) });
}

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  router = await startCmeSimulator({ fleet: { seed: 11, ephones: 12, pools: 2 }, router: { hostname: "branch-rtr" } });
  cluster = await startCucmSimulator({ nodes: 2, devices: 40, ctiApplications: 1, seed: 4, budgetPerMinute: 10_000 });
  branch = await createSource(
    { kind: "cme", name: "Branch router", urls: [router.url], username: "cisco", password: "cisco", timeoutMs: 2000 },
    tester,
  );
  hq = await createSource(
    {
      kind: "cucm",
      name: "Demo cluster",
      urls: cluster.urls,
      username: "risuser",
      password: "risuser",
      timeoutMs: 2000,
      budgetPerMinute: BUDGET,
      budgetRaised: true,
      budgetReserve: 0,
    },
    tester,
  );
  expect(await pollSource(branch.id, { instanceId: "test" })).toMatchObject({ status: "ok" });
  expect(await pollSource(hq.id, { instanceId: "test" })).toMatchObject({ status: "ok" });
  helpdesk = (await createToken({ name: "helpdesk", role: "helpdesk" }, tester)).token;
  viewer = (await createToken({ name: "viewer", role: "viewer" }, tester)).token;
});
afterAll(async () => {
  await router?.close().catch(() => {});
  await cluster?.close().catch(() => {});
  await database?.stop();
});

describe("refreshPhone", () => {
  test("a router phone whose status changed is updated with one request and exactly one change event", async () => {
    const phone = router.control.phones().find((p) => p.protocol === "sccp" && p.status === "registered" && p.name)!;
    router.control.setPhoneStatus(phone.name, "unregistered");
    const before = await devicesOf(branch.id);
    const eventsBefore = await eventCount(branch.id);
    router.control.resetCounters();

    const answer = await refreshPhone(phone.name, tester);
    expect(router.control.requestCount()).toBe(1);
    expect(router.control.requestCount("ISgetDevice")).toBe(1);
    expect(answer.results).toEqual([
      expect.objectContaining({
        sourceId: branch.id,
        sourceName: "Branch router",
        kind: "cme",
        outcome: "updated",
        registrationStatus: "unregistered",
      }),
    ]);
    expect(await eventCount(branch.id)).toBe(eventsBefore + 1);
    const event = await db().changeEvent.findFirst({ where: { sourceId: branch.id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      subjectKind: "device",
      subject: phone.name,
      change: "status",
      before: "registered",
      after: "unregistered",
    });
    // Only that device's row changed; nothing was marked missing.
    const after = await devicesOf(branch.id);
    expect(after.size).toBe(before.size);
    const touched = [...after.values()].filter(
      (d) =>
        d.fingerprint !== before.get(d.name)?.fingerprint ||
        d.updatedAt.getTime() !== before.get(d.name)?.updatedAt.getTime(),
    );
    expect(touched.map((d) => d.name)).toEqual([phone.name]);
    expect([...after.values()].filter((d) => d.missing)).toHaveLength(0);
    const row = await db().device.findUnique({ where: { sourceId_name: { sourceId: branch.id, name: phone.name } } });
    expect(row?.registrationStatus).toBe("unregistered");
    // The phone's effective state (lists, overview) follows at once, not at the next poll.
    expect(row?.effectiveStatus).toBe("unregistered");

    // Asked again with nothing changed: unchanged, no event.
    expect((await refreshPhone(phone.name, tester)).results[0]).toMatchObject({ outcome: "unchanged" });
    expect(await eventCount(branch.id)).toBe(eventsBefore + 1);
    // A poll afterwards finds the phone as stored: the refresh wrote what a poll would have.
    const poll = await pollSource(branch.id, { instanceId: "test", force: true });
    expect(await db().changeEvent.count({ where: { sourceId: branch.id, subject: phone.name } })).toBe(1);
    expect(poll.status).toBe("ok");
  });

  test("a cluster device refresh sends one RisPort request and reports the budget left", async () => {
    const name = cluster.control
      .deviceNames()
      .find((n) => n.startsWith("SEP") && cluster.control.device(n)!.status === "Registered")!;
    cluster.control.setDeviceStatus(name, "UnRegistered", 13);
    const sent = cluster.control.requestCounters().total;
    const eventsBefore = await eventCount(hq.id);
    const before = await devicesOf(hq.id);

    const answer = await refreshPhone(name, tester);
    expect(cluster.control.requestCounters().total).toBe(sent + 1);
    const result = answer.results[0]!;
    expect(answer.results).toHaveLength(1);
    expect(result).toMatchObject({
      sourceId: hq.id,
      sourceName: "Demo cluster",
      kind: "cucm",
      outcome: "updated",
      registrationStatus: "unregistered",
    });
    const used = await db().risportRequest.count({
      where: { clusterId: hq.id, at: { gt: new Date(Date.now() - 60_000) } },
    });
    expect(result.budget).toEqual({ remaining: BUDGET - used });
    expect(result.message).toBe(`updated — ${BUDGET - used} requests left this minute`);
    expect(await eventCount(hq.id)).toBe(eventsBefore + 1);
    const event = await db().changeEvent.findFirst({ where: { sourceId: hq.id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      subject: name,
      change: "status",
      before: "registered",
      after: "unregistered",
      reason: "Keep-alive timeout",
    });
    const after = await devicesOf(hq.id);
    expect(
      [...after.values()]
        .filter((d) => d.updatedAt.getTime() !== before.get(d.name)?.updatedAt.getTime())
        .map((d) => d.name),
    ).toEqual([name]);
  });

  test("with the cluster's budget spent, nothing is sent and the answer says when the next slot is", async () => {
    const budget = createRateBudget({
      clusterId: hq.id,
      store: createDatabaseBudgetStore(),
      perMinute: BUDGET,
      reserve: 0,
    });
    while ((await budget.tryTake()).granted);
    const name = cluster.control.deviceNames()[0]!;
    const sent = cluster.control.requestCounters().total;
    const eventsBefore = await eventCount(hq.id);

    const [result] = (await refreshPhone(name, tester)).results;
    expect(cluster.control.requestCounters().total).toBe(sent);
    expect(result).toMatchObject({
      sourceId: hq.id,
      outcome: "budget-spent",
      budget: { remaining: 0, nextSlotAt: expect.any(String) },
    });
    const nextSlotAt = Date.parse(result!.budget!.nextSlotAt!);
    expect(nextSlotAt).toBeGreaterThan(Date.now() - 1000);
    expect(nextSlotAt).toBeLessThanOrEqual(Date.now() + 61_000);
    expect(result!.message).toContain(result!.budget!.nextSlotAt!);
    expect(await eventCount(hq.id)).toBe(eventsBefore);
    await db().risportRequest.deleteMany({ where: { clusterId: hq.id } });
  });

  test("a refresh keeps to the documented 15 a minute once the cluster's rate is no longer said to be raised, as a poll does", async () => {
    await db().source.update({ where: { id: hq.id }, data: { budgetRaised: false } });
    try {
      const [result] = (await refreshPhone(cluster.control.deviceNames()[0]!, tester)).results;
      const used = await db().risportRequest.count({
        where: { clusterId: hq.id, at: { gt: new Date(Date.now() - 60_000) } },
      });
      expect(result!.budget).toEqual({ remaining: 15 - used });
    } finally {
      await db().source.update({ where: { id: hq.id }, data: { budgetRaised: true } });
      await db().risportRequest.deleteMany({ where: { clusterId: hq.id } });
    }
  });
});

describe("POST /api/v1/phones/{name}/refresh", () => {
  test("a helpdesk token refreshes a phone", async () => {
    const phone = router.control.phones().find((p) => p.protocol === "sccp" && p.name)!;
    const response = await refreshRequest(phone.name, helpdesk);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: phone.name,
      results: [{ sourceId: branch.id, kind: "cme", outcome: expect.stringMatching(/^(updated|unchanged)$/) }],
    });
  });

  test("an unknown phone is a 404 envelope", async () => {
    const response = await refreshRequest("SEPDEADBEEF0000", helpdesk);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found", message: expect.any(String) } });
  });

  test("a viewer token is refused with 403", async () => {
    const phone = router.control.phones().find((p) => p.name)!;
    const sent = router.control.requestCount();
    const response = await refreshRequest(phone.name, viewer);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(router.control.requestCount()).toBe(sent);
  });
});
