// Router polls against the CME simulator over loopback and a real database: storage grows with
// change only, change events are exact, router events are stored once, and a failing router keeps
// its data while its health says why.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { createCmeClient } from "@/lib/cme";
import { db } from "@/lib/db/client";
import { createSource, updateSource, type SourceRecord } from "@/lib/db/sources";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { pollSource } from "./poll";
import { isStale } from "@/lib/domain/staleness";
import { pruneHistory } from "./retention";
import { eventsOfLatestPoll, manualClock, tableState } from "@/lib/testing/inventory";

let database: TestDatabase;
let router: CmeSimulator;
let source: SourceRecord;
const clock = manualClock();
const tester = { actor: "tester" };
const INTERVAL_MS = 60_000;

const poll = (options: { force?: boolean; scheduled?: boolean } = {}) => {
  clock.advance(INTERVAL_MS);
  return pollSource(source.id, { instanceId: "test", now: clock.now, ...options });
};
const health = async () => (await db().sourceHealth.findUnique({ where: { sourceId: source.id } }))!;

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  router = await startCmeSimulator({
    dialect: "2010",
    fleet: { seed: 7, ephones: 80, pools: 10 },
    router: { hostname: "branch-rtr" },
  });
  source = await createSource(
    {
      kind: "cme",
      name: "Branch 1",
      urls: [router.url],
      username: "cisco",
      password: "cisco",
      timeoutMs: 1000,
      pollIntervalS: INTERVAL_MS / 1000,
    },
    tester,
  );
});
afterAll(async () => {
  await router?.close().catch(() => {});
  await database?.stop();
});

describe("a router poll", () => {
  test("stores every phone and extension in the users' words", async () => {
    // One phone the router calls "deceased" (Cisco's word for a phone that stopped keepalives).
    const deceased = router.control.phones().find((p) => p.protocol === "sccp" && p.status === "registered")!;
    router.control.setPhoneStatus(deceased.name, "deceased");
    const summary = await poll();
    expect(summary).toMatchObject({ sourceId: source.id, status: "ok", devices: 90 });
    expect(summary.changed).toBeGreaterThan(90);
    const state = await tableState(source.id);
    expect(state).toMatchObject({ devices: 90, polls: 1 });
    expect(state.extensions).toBeGreaterThan(80);
    const simPhone = router.control
      .phones()
      .find((p) => p.protocol === "sccp" && p.status === "registered" && p.lines.length > 0)!;
    const stored = await db().device.findUnique({
      where: { sourceId_name: { sourceId: source.id, name: simPhone.name } },
    });
    expect(stored).toMatchObject({
      registrationStatus: "registered",
      protocol: "SCCP",
      node: "branch-rtr",
      keyPhone: simPhone.keyPhone,
      primaryDn: simPhone.lines[0],
      lineCount: simPhone.lines.length,
      dnIndex: ` ${[...new Set(simPhone.lines)].join(" ")} `,
      mac: simPhone.name.slice(-12),
      missing: false,
    });
    expect(JSON.parse(stored!.lines)[0]).toMatchObject({ dn: simPhone.lines[0], status: "up" });
    // Why it is down, in words worked out from the router's last status.
    expect(await db().device.findFirst({ where: { name: deceased.name } })).toMatchObject({
      registrationStatus: "unregistered",
      statusReason: "Stopped sending keepalives",
    });
    expect(await health()).toMatchObject({ status: "ok", consecutiveFailures: 0, lastError: null });
    // The first poll is Linewatch starting to watch: rows with firstSeenAt, no "appeared" flood.
    expect(state.changeEvents).toBe(0);
  });

  test("two polls that find nothing changed add a Poll row each and nothing else", async () => {
    const before = await tableState(source.id);
    for (let i = 0; i < 2; i++) expect(await poll()).toMatchObject({ status: "ok", changed: 0 });
    const after = await tableState(source.id);
    expect(after).toEqual({ ...before, polls: before.polls + 2 });
  });

  test("50 phones changing yields exactly 50 status events, and the router's events once", async () => {
    const registered = router.control.phones().filter((p) => p.status === "registered" && p.name);
    expect(registered.length).toBeGreaterThanOrEqual(50);
    const changed = registered.slice(0, 50).map((p) => p.name);
    for (const name of changed) router.control.setPhoneStatus(name, "unregistered");
    const summary = await poll();
    expect(summary.status).toBe("ok");
    const { events } = await eventsOfLatestPoll(source.id);
    const deviceEvents = events.filter((e) => e.subjectKind === "device");
    expect(deviceEvents).toHaveLength(50);
    expect(
      deviceEvents.every((e) => e.change === "status" && e.before === "registered" && e.after === "unregistered"),
    ).toBe(true);
    expect(new Set(deviceEvents.map((e) => e.subject))).toEqual(new Set(changed));
    expect(events.some((e) => e.subjectKind === "extension" && e.change === "status" && e.after === "down")).toBe(true);
    // The router's own log, stored once: exactly what its ring holds now.
    const ring = router.control.events();
    expect(await db().routerEvent.count({ where: { sourceId: source.id, kind: "device" } })).toBe(ring.devices.length);
    expect(await db().routerEvent.count({ where: { sourceId: source.id, kind: "extension" } })).toBe(
      ring.extensions.length,
    );
  });

  test("overlapping polls store router events once; a phone coming back is one event", async () => {
    const before = await tableState(source.id);
    expect(await poll()).toMatchObject({ changed: 0 });
    expect(await tableState(source.id)).toEqual({ ...before, polls: before.polls + 1 });
    const name = router.control.phones().find((p) => p.status === "unregistered" && p.name)!.name;
    router.control.setPhoneStatus(name, "registered");
    await poll();
    const { events } = await eventsOfLatestPoll(source.id);
    expect(events.filter((e) => e.subjectKind === "device")).toEqual([
      {
        subjectKind: "device",
        subject: name,
        change: "status",
        before: "unregistered",
        after: "registered",
        reason: null,
      },
    ]);
    const ring = router.control.events();
    expect(await db().routerEvent.count({ where: { sourceId: source.id, kind: "device" } })).toBe(ring.devices.length);
    const memory = JSON.parse((await health()).memory);
    expect(memory).toMatchObject({
      kind: "cme",
      deviceEventId: ring.devices.at(-1)!.id,
      system: { hostName: "branch-rtr" },
    });
  });

  test("a key-phone change is one key-phone event", async () => {
    const phone = router.control.phones().find((p) => p.protocol === "sccp" && !p.keyPhone && p.name)!;
    const client = createCmeClient({ baseUrl: router.url, username: "cisco", password: "cisco" });
    expect(await client.setKeyPhones([phone.name])).toEqual([{ phone: phone.name, ok: true }]);
    await poll();
    const { events } = await eventsOfLatestPoll(source.id);
    expect(events).toEqual([
      { subjectKind: "device", subject: phone.name, change: "key-phone", before: "false", after: "true", reason: null },
    ]);
  });
});

describe("a router that starts failing", () => {
  const stored = async () => ({
    rows: await db().device.count({ where: { sourceId: source.id } }),
    missing: await db().device.count({ where: { sourceId: source.id, missing: true } }),
  });

  test("an HTTP 500 keeps the data, reads as unreachable and trips the breaker", async () => {
    const lastGood = (await health()).lastSuccessAt!;
    router.control.setFailure("500");
    const summary = await poll();
    expect(summary).toMatchObject({ status: "failed", error: expect.stringMatching(/unexpected HTTP status|not XML/) });
    expect(await stored()).toEqual({ rows: 90, missing: 0 });
    const h = await health();
    expect(h).toMatchObject({ status: "unreachable", consecutiveFailures: 1, lastSuccessAt: lastGood });
    expect(h.lastError).toBe(summary.error);
    expect(h.breakerUntil!.getTime()).toBeGreaterThan(clock.now());
    expect(
      await db().poll.findFirst({
        where: { sourceId: source.id },
        orderBy: { startedAt: "desc" },
        select: { outcome: true, error: true },
      }),
    ).toEqual({ outcome: "failed", error: summary.error });
    // While the breaker rests, a scheduled poll does not even ask.
    const before = router.control.requestCount();
    expect(await pollSource(source.id, { instanceId: "test", now: clock.now, scheduled: true })).toMatchObject({
      status: "skipped",
    });
    expect(router.control.requestCount()).toBe(before);
    // The data stays, and is marked stale once two intervals passed without a good poll.
    expect(isStale({ ...source, lastSuccessAt: h.lastSuccessAt }, lastGood.getTime() + INTERVAL_MS)).toBe(false);
    expect(isStale({ ...source, lastSuccessAt: h.lastSuccessAt }, lastGood.getTime() + 3 * INTERVAL_MS)).toBe(true);
  });

  test("a router that hangs times out and backs off further", async () => {
    router.control.setFailure("hang");
    const summary = await poll({ force: true });
    expect(summary).toMatchObject({ status: "failed", error: "The device did not answer in time." });
    expect(await health()).toMatchObject({ status: "unreachable", consecutiveFailures: 2 });
    expect(await stored()).toEqual({ rows: 90, missing: 0 });
  });

  test("refused credentials hold polling until the settings change or someone polls now", async () => {
    router.control.setFailure("401");
    expect(await poll({ force: true })).toMatchObject({
      status: "failed",
      error: "The device refused the user name or password.",
    });
    const h = await health();
    expect(h).toMatchObject({
      status: "auth-failed",
      authFailedVersion: source.settingsVersion,
      consecutiveFailures: 3,
    });
    router.control.setFailure(null);
    // Not retried by the schedule, however long it waits.
    clock.advance(24 * 3_600_000);
    const skipped = await pollSource(source.id, { instanceId: "test", now: clock.now, scheduled: true });
    expect(skipped).toMatchObject({ status: "skipped", error: expect.stringMatching(/user name or password/) });
    // New settings: tried again.
    source = await updateSource(source.id, { password: "cisco" }, tester);
    expect(source.settingsVersion).toBe(h.authFailedVersion! + 1);
    expect(await poll({ scheduled: true })).toMatchObject({ status: "ok" });
    expect(await health()).toMatchObject({
      status: "ok",
      authFailedVersion: null,
      consecutiveFailures: 0,
      breakerUntil: null,
    });
    // Refused again, then "poll now" (forced) clears the hold without a settings change.
    router.control.setFailure("401");
    expect(await poll({ force: true })).toMatchObject({ status: "failed" });
    router.control.setFailure(null);
    expect(await poll({ force: true })).toMatchObject({ status: "ok", changed: 0 });
    expect(await health()).toMatchObject({ status: "ok", authFailedVersion: null });
  });

  test("a router that is gone (connection refused) keeps its last data", async () => {
    await router.close();
    const summary = await poll({ force: true });
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/refused|connect/i);
    expect(await health()).toMatchObject({ status: "unreachable", consecutiveFailures: 1 });
    expect(await stored()).toEqual({ rows: 90, missing: 0 });
    expect(
      isStale({ ...source, lastSuccessAt: (await health()).lastSuccessAt }, clock.now() + 2 * INTERVAL_MS + 1),
    ).toBe(true);
  });
});

describe("retention", () => {
  test("prunes change events after 90 days and polls after two years, in batches", async () => {
    const now = new Date(clock.now());
    const day = 86_400_000;
    await db().changeEvent.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        at: new Date(now.getTime() - (91 + i) * day),
        sourceId: source.id,
        subjectKind: "device",
        subject: `OLD${i}`,
        change: "status",
      })),
    });
    await db().poll.createMany({
      data: Array.from({ length: 3 }, (_, i) => ({
        sourceId: source.id,
        startedAt: new Date(now.getTime() - (731 + i) * day),
        durationMs: 1,
        outcome: "ok",
      })),
    });
    await db().poll.create({
      data: { sourceId: source.id, startedAt: new Date(now.getTime() - 400 * day), durationMs: 1, outcome: "ok" },
    });
    const events = await db().changeEvent.count();
    const polls = await db().poll.count();
    const result = await pruneHistory({ now, batchSize: 2 });
    expect(result).toMatchObject({ changeEvents: 5, polls: 3 });
    expect(await db().changeEvent.count()).toBe(events - 5);
    expect(await db().poll.count()).toBe(polls - 3);
  });
});
