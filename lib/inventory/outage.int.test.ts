// Outages through the real scheduler, over loopback, on a real database (issue #7): refused,
// reset, timed-out and refused-credential routers get their health and breaker, retries come back
// spread ±20% and once per rest, a restart mid-outage polls nothing before its persisted time and
// nothing in a burst, and a flapping phone or router yields one event per transition and no log flood.
// (Single failures, the 401 hold and a healthy restart are in router-poll and scheduler tests.)
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startHostileRouter, type HostileRouter } from "@/lib/testing/hostile-router";
import { closeDb, db } from "@/lib/db/client";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { BREAKER_CAP_MS } from "./health";
import { pollSource, type PollSummary } from "./poll";
import { cmeReasons } from "./cme-reasons";
import { startScheduler, type Scheduler } from "./scheduler";
import { eventsOfLatestPoll, manualClock } from "@/lib/testing/inventory";

let database: TestDatabase;
const clock = manualClock();
const INTERVAL_MS = 60_000;
const tester = { actor: "tester" };
const running: Scheduler[] = [];
const routers: HostileRouter[] = [];
interface Site {
  router: HostileRouter;
  source: SourceRecord;
}
let refused: Site, reset: Site, timeout: Site, unauthorized: Site;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function addSite(name: string, seed: number): Promise<Site> {
  const router = await startHostileRouter({ simulator: { fleet: { seed, ephones: 6, pools: 2 } } });
  routers.push(router);
  const source = await createSource(
    {
      kind: "cme",
      name,
      urls: [router.url],
      username: "cisco",
      password: "cisco",
      timeoutMs: 1_000,
      pollIntervalS: INTERVAL_MS / 1000,
    },
    tester,
  );
  return { router, source };
}

function scheduler(instanceId: string, polls: PollSummary[]): Scheduler {
  const started = startScheduler({
    instanceId,
    now: clock.now,
    tickMs: 10,
    firstPollSpreadMs: 0,
    pruneEveryMs: 0,
    onPoll: (summary) => void (summary.status !== "skipped" && polls.push(summary)),
  });
  running.push(started);
  return started;
}
const stopAll = async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
};

const health = async (site: Site) => (await db().sourceHealth.findUnique({ where: { sourceId: site.source.id } }))!;
const pollCount = (site: Site) => db().poll.count({ where: { sourceId: site.source.id } });
/** When the schedule will next poll the source: its next poll time or the end of its rest, whichever is later. */
const dueAt = async (site: Site) => {
  const h = await health(site);
  return Math.max(h.nextPollAt?.getTime() ?? 0, h.breakerUntil?.getTime() ?? 0);
};
const storedDevices = async (site: Site) => ({
  rows: await db().device.count({ where: { sourceId: site.source.id } }),
  missing: await db().device.count({ where: { sourceId: site.source.id, missing: true } }),
});

/**
 * Moves the clock to each source's due time in turn (sources due at the same moment together): a
 * millisecond before it nothing is asked of the source, at it exactly one poll runs, and the
 * sources due later are still not asked. Returns the requests each source's poll sent.
 */
async function stepThroughDueTimes(sites: Site[], label: string): Promise<Map<Site, number>> {
  const due = await Promise.all(
    sites.map(async (s) => ({
      site: s,
      at: await dueAt(s),
      polls: await pollCount(s),
      requests: s.router.requestCount(),
    })),
  );
  const times = [...new Set(due.map((d) => d.at))].sort((a, b) => a - b);
  const sent = new Map<Site, number>();
  for (const at of times) {
    const group = due.filter((d) => d.at === at);
    const later = due.filter((d) => d.at > at);
    clock.set(at - 1);
    await sleep(60);
    for (const d of group)
      expect(d.site.router.requestCount(), `${label}: ${d.site.source.name} asked before its time`).toBe(d.requests);
    clock.set(at);
    for (const d of group)
      await until(async () => (await pollCount(d.site)) === d.polls + 1, `${label}: the poll of ${d.site.source.name}`);
    await sleep(60);
    for (const d of group) {
      expect(await pollCount(d.site), `${label}: ${d.site.source.name} polled more than once`).toBe(d.polls + 1);
      sent.set(d.site, d.site.router.requestCount() - d.requests);
    }
    // No burst: the sources due later were not asked yet.
    for (const d of later)
      expect(d.site.router.requestCount(), `${label}: ${d.site.source.name} asked early`).toBe(d.requests);
  }
  return sent;
}

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  refused = await addSite("Refused", 41);
  reset = await addSite("Reset", 42);
  timeout = await addSite("Timeout", 43);
  unauthorized = await addSite("Unauthorized", 44);
});
afterEach(stopAll);
afterAll(async () => {
  await stopAll();
  await Promise.all(routers.map((r) => r.close()));
  await database?.stop();
});

describe("an outage", () => {
  const failing = () => [refused, reset, timeout];

  test("refused, reset, timeout and 401 at once: each gets its health, retries spread ±20%, nothing is asked while they rest", async () => {
    const polls: PollSummary[] = [];
    scheduler("before-outage", polls);
    await until(() => polls.length === 4, "the first polls");
    expect(polls.every((p) => p.status === "ok")).toBe(true);
    const devices = await Promise.all([refused, reset, timeout, unauthorized].map(storedDevices));

    await refused.router.setMode("refused");
    await reset.router.setMode("reset");
    await timeout.router.setMode("no-reply");
    await unauthorized.router.setMode("status-401");
    for (const r of routers) r.resetCounters();
    clock.advance(INTERVAL_MS * 1.1);
    const failedAt = clock.now();
    await until(() => polls.length === 8, "the failing polls");
    expect(polls.slice(4).every((p) => p.status === "failed")).toBe(true);

    expect(await health(refused)).toMatchObject({
      status: "unreachable",
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/refused the connection/),
    });
    expect(await health(reset)).toMatchObject({
      status: "unreachable",
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/connection reset/),
    });
    expect(await health(timeout)).toMatchObject({
      status: "unreachable",
      consecutiveFailures: 1,
      lastError: "The device did not answer in time.",
    });
    expect(await health(unauthorized)).toMatchObject({
      status: "auth-failed",
      consecutiveFailures: 1,
      breakerUntil: null,
      authFailedVersion: unauthorized.source.settingsVersion,
    });
    // The last good data stays, nothing marked missing.
    expect(await Promise.all([refused, reset, timeout, unauthorized].map(storedDevices))).toEqual(devices);

    // One rest each, interval x 2 ±20%, and not the same rest for sources that failed together.
    const rests = await Promise.all(failing().map(async (s) => (await health(s)).breakerUntil!.getTime() - failedAt));
    for (const rest of rests) {
      expect(rest).toBeGreaterThanOrEqual(0.8 * 2 * INTERVAL_MS);
      expect(rest).toBeLessThanOrEqual(1.2 * 2 * INTERVAL_MS);
    }
    expect(new Set(rests).size).toBeGreaterThan(1);

    // While they rest, and past the time a 401 source would otherwise be due, nobody is asked.
    const asked = routers.map((r) => r.requestCount());
    const heldAt = unauthorized.router.requestCount();
    clock.set(failedAt + Math.min(...rests) - 1);
    await sleep(150);
    expect(routers.map((r) => r.requestCount())).toEqual(asked);
    expect(polls).toHaveLength(8);

    // The routers come back: each is probed once, at the end of its own rest, and is ok again.
    for (const s of failing()) await s.router.setMode("proxy");
    await stepThroughDueTimes(failing(), "recovery");
    for (const s of failing())
      expect(await health(s)).toMatchObject({
        status: "ok",
        consecutiveFailures: 0,
        breakerUntil: null,
        lastError: null,
      });
    // Refused credentials stay held: the schedule never asked again.
    expect(unauthorized.router.requestCount()).toBe(heldAt);
  });

  test("a router that stays down is probed once per rest, each rest doubling up to the cap, ±20%", async () => {
    const polls: PollSummary[] = [];
    scheduler("backoff", polls);
    await reset.router.setMode("reset");
    const ratios: number[] = [];
    let base = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      const at = await dueAt(reset);
      await stepThroughDueTimes([reset], `attempt ${attempt + 1}`);
      const h = await health(reset);
      expect(h).toMatchObject({ status: "unreachable", consecutiveFailures: attempt + 1 });
      base = Math.min(INTERVAL_MS * 2 ** h.consecutiveFailures, BREAKER_CAP_MS);
      const ratio = (h.breakerUntil!.getTime() - at) / base;
      expect(ratio).toBeGreaterThanOrEqual(0.8);
      expect(ratio).toBeLessThanOrEqual(1.2);
      ratios.push(ratio);
    }
    expect(base).toBe(BREAKER_CAP_MS);
    expect(new Set(ratios).size).toBeGreaterThan(1);
    expect(await storedDevices(reset)).toMatchObject({ missing: 0 });
  });
});

describe("a restart in the middle of an outage", () => {
  test("restores the state from SourceHealth: nothing is polled before its persisted time, nothing in a burst", async () => {
    const down = [refused, reset, timeout];
    for (const s of down) await s.router.setMode("reset");
    for (const r of routers) r.resetCounters();
    scheduler("before-restart", []);
    // The sources that were still up fail at their next poll; the one already resting stays resting.
    const resting = await dueAt(reset);
    const wentDown = await stepThroughDueTimes([refused, timeout], "going down");
    expect(await dueAt(reset)).toBe(resting);
    await stopAll();
    for (const s of [refused, timeout])
      expect(await health(s)).toMatchObject({ status: "unreachable", consecutiveFailures: 1 });
    const perPoll = wentDown.get(refused)!;
    expect(perPoll).toBeGreaterThan(0);
    expect(wentDown.get(timeout)).toBe(perPoll);

    const persisted = new Map(await Promise.all(down.map(async (s) => [s.source.id, await dueAt(s)] as const)));
    const rows = await Promise.all(down.map(pollCount));
    for (const r of routers) r.resetCounters();
    await closeDb(); // the next db() opens a fresh client, as a restarted process would
    const restartedAt = clock.now();
    scheduler("after-restart", []);
    await sleep(200);
    expect(routers.map((r) => r.requestCount())).toEqual([0, 0, 0, 0]);
    expect(await Promise.all(down.map(pollCount))).toEqual(rows);

    const sent = await stepThroughDueTimes(down, "after the restart");
    for (const s of down) {
      // One poll's worth of requests each, and no poll started before the persisted time.
      expect(sent.get(s)).toBe(perPoll);
      const first = await db().poll.findFirst({
        where: { sourceId: s.source.id, startedAt: { gt: new Date(restartedAt) } },
        orderBy: { startedAt: "asc" },
        select: { startedAt: true },
      });
      expect(first!.startedAt.getTime()).toBeGreaterThanOrEqual(persisted.get(s.source.id)!);
    }
    expect(unauthorized.router.requestCount()).toBe(0);
  });

  test("a restart long after every rest ended spreads the overdue probes instead of sending them at once", async () => {
    const down = [refused, reset, timeout];
    clock.advance(2 * 3_600_000);
    for (const r of routers) r.resetCounters();
    const rows = await Promise.all(down.map(pollCount));
    await closeDb();
    scheduler("after-long-downtime", []);
    await sleep(200);
    expect(routers.map((r) => r.requestCount())).toEqual([0, 0, 0, 0]);
    const spread = await Promise.all(down.map(dueAt));
    for (const at of spread) expect(at).toBeGreaterThan(clock.now());
    expect(new Set(spread).size).toBeGreaterThan(1);
    clock.advance(INTERVAL_MS);
    await until(
      async () => (await Promise.all(down.map(pollCount))).every((n, i) => n === rows[i]! + 1),
      "the spread probes",
    );
    await sleep(60);
    expect(await Promise.all(down.map(pollCount))).toEqual(rows.map((n) => n + 1));
    expect(unauthorized.router.requestCount()).toBe(0);
  });
});

describe("flapping", () => {
  let lines: string[] = [];
  const capture = () => {
    lines = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    }
  };
  afterEach(() => vi.restoreAllMocks());

  test("a phone flapping between polls yields one event per subject per transition, and no log lines", async () => {
    const flapping = await addSite("Flapping phone", 45);
    const poll = () => {
      clock.advance(INTERVAL_MS);
      return pollSource(flapping.source.id, { instanceId: "flapping", now: clock.now });
    };
    expect(await poll()).toMatchObject({ status: "ok" });
    const phones = flapping.router.simulator.control.phones();
    const dnsInUse = phones.flatMap((p) => p.lines);
    const phone = phones.find(
      (p) =>
        p.protocol === "sccp" &&
        p.status === "registered" &&
        p.lines.length === 1 &&
        dnsInUse.filter((dn) => dn === p.lines[0]).length === 1,
    )!;
    expect(phone).toBeDefined();
    const dn = phone.lines[0]!;

    capture();
    const transitions = 8;
    let status: "registered" | "unregistered" = "registered";
    for (let i = 0; i < transitions; i++) {
      const next: "registered" | "unregistered" = status === "registered" ? "unregistered" : "registered";
      flapping.router.simulator.control.setPhoneStatus(phone.name, next);
      expect(await poll()).toMatchObject({ status: "ok" });
      const { events } = await eventsOfLatestPoll(flapping.source.id);
      expect(events).toEqual(
        expect.arrayContaining([
          {
            subjectKind: "device",
            subject: phone.name,
            change: "status",
            before: status,
            after: next,
            // The router says it was registered last: it signed off (cme-reasons.ts).
            reason: next === "unregistered" ? cmeReasons.signedOff : null,
          },
          {
            subjectKind: "extension",
            subject: dn,
            change: "status",
            before: next === "registered" ? "down" : "up",
            after: next === "registered" ? "up" : "down",
            reason: null,
          },
        ]),
      );
      expect(events).toHaveLength(2);
      status = next;
    }
    expect(await db().changeEvent.count({ where: { sourceId: flapping.source.id } })).toBe(2 * transitions);
    expect(lines).toEqual([]);
  });

  test("a router flapping between up and reset keeps its data, changes nothing, and logs at most a line per poll", async () => {
    const flapping = await addSite("Flapping router", 46);
    const poll = () => {
      clock.advance(INTERVAL_MS);
      return pollSource(flapping.source.id, { instanceId: "flapping", now: clock.now, force: true });
    };
    expect(await poll()).toMatchObject({ status: "ok" });
    const devices = await storedDevices(flapping);

    capture();
    const rounds = 6;
    for (let i = 0; i < rounds; i++) {
      await flapping.router.setMode("reset");
      expect(await poll()).toMatchObject({ status: "failed" });
      expect((await health(flapping)).status).toBe("unreachable");
      await flapping.router.setMode("proxy");
      expect(await poll()).toMatchObject({ status: "ok", changed: 0 });
      expect((await health(flapping)).status).toBe("ok");
    }
    // Down and up again is not "missing" then "appeared": the timeline stays quiet.
    expect(await db().changeEvent.count({ where: { sourceId: flapping.source.id } })).toBe(0);
    expect(await storedDevices(flapping)).toEqual(devices);
    expect(lines.length).toBeLessThanOrEqual(2 * rounds);
  });
});
