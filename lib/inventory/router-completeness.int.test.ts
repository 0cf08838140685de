// Never destructive on doubt (issue 13), against the CME simulator behaving as Cisco's newer guide
// and large routers do, with the real database: a cut `all` whose fallback answers in a shape the
// client does not know keeps every phone and polls partial with its reason, then recovers; a phone
// really removed is confirmed one by one before it is marked missing; the event log is read without
// loss whichever way the router reads event ids; a router that refuses its event log says so once.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator, type CmeSimulatorOptions } from "@/lib/simulators/cme";
import { call } from "@/lib/testing/cme-sim";
import { db } from "@/lib/db/client";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { closeAgents } from "@/lib/soap";
import { pollSource } from "./poll";
import { manualClock } from "@/lib/testing/inventory";

let database: TestDatabase;
const routers: CmeSimulator[] = [];
const clock = manualClock();
const tester = { actor: "tester" };
const INTERVAL_MS = 60_000;

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
});
afterAll(async () => {
  for (const router of routers) await router.close().catch(() => {});
  await closeAgents();
  await database?.stop();
});

async function routerSource(name: string, options: CmeSimulatorOptions) {
  const router = await startCmeSimulator({ clock: clock.now, ...options });
  routers.push(router);
  const source = await createSource(
    {
      kind: "cme",
      name,
      urls: [router.url],
      username: "cisco",
      password: "cisco",
      timeoutMs: 2000,
      pollIntervalS: INTERVAL_MS / 1000,
    },
    tester,
  );
  return { router, source };
}

const poll = (source: SourceRecord) => {
  clock.advance(INTERVAL_MS);
  return pollSource(source.id, { instanceId: "test", now: clock.now, force: true });
};
const health = async (source: SourceRecord) =>
  (await db().sourceHealth.findUnique({ where: { sourceId: source.id } }))!;
const stored = async (source: SourceRecord) => ({
  rows: await db().device.count({ where: { sourceId: source.id } }),
  missing: await db().device.count({ where: { sourceId: source.id, missing: true } }),
});

describe("a large newer-form router whose `all` comes back cut", () => {
  let router: CmeSimulator;
  let source: SourceRecord;
  beforeAll(async () => {
    ({ router, source } = await routerSource("Large branch", {
      dialect: "2010",
      fleet: { seed: 13, ephones: 30, pools: 5 },
      behaviour: { sipInSccpMethods: "fault" },
    }));
  });

  test("reads every SCCP and SIP phone, learns the form and keeps it with the source", async () => {
    expect(await poll(source)).toMatchObject({ status: "ok", devices: 35 });
    const memory = JSON.parse((await health(source)).memory);
    expect(memory).toMatchObject({ kind: "cme", dialect: "2010" });
    expect(memory.phones).toHaveLength(35);
    // SIP selectors never went into ISgetDevice, or this router would have faulted the poll.
    expect(router.control.requestCount("ISgetSipDevice")).toBeGreaterThan(0);
  });

  test("a cut `all` whose per-tag fallback works is still read completely", async () => {
    router.control.setBehaviour({ cutAllAbove: 10 });
    expect(await poll(source)).toMatchObject({ status: "ok", devices: 35, changed: 0 });
    expect(await stored(source)).toEqual({ rows: 35, missing: 0 });
  });

  test("a cut `all` whose allTag answer has an unknown shape keeps every phone and polls partial with the reason", async () => {
    router.control.setBehaviour({ cutAllAbove: 10, tagListShape: "unexpected" });
    const summary = await poll(source);
    expect(summary.status).toBe("partial");
    expect(summary.error).toContain(
      "Phones: The router's list of SCCP phones came back cut, and its list of tags came back cut or in a shape Linewatch does not know, so the list is incomplete.",
    );
    expect(await stored(source)).toEqual({ rows: 35, missing: 0 });
    expect(await health(source)).toMatchObject({ status: "degraded" });
    const lastPoll = await db().poll.findFirst({ where: { sourceId: source.id }, orderBy: { startedAt: "desc" } });
    expect(lastPoll).toMatchObject({ outcome: "partial" });
    // Nothing changed state: no phone was marked missing, no status event was written.
    expect(await db().changeEvent.count({ where: { sourceId: source.id, change: "missing" } })).toBe(0);
  });

  test("recovers fully once the router answers normally again", async () => {
    router.control.setBehaviour({ cutAllAbove: null, tagListShape: "documented" });
    expect(await poll(source)).toMatchObject({ status: "ok", devices: 35, changed: 0 });
    expect(await health(source)).toMatchObject({ status: "ok", lastError: null });
    expect(await stored(source)).toEqual({ rows: 35, missing: 0 });
  });

  test("a phone really removed is confirmed by name, then marked missing", async () => {
    const gone = router.control.phones().find((phone) => phone.protocol === "sccp" && phone.name)!;
    await call(router, "ISexecCLI", `<CLI>no ephone ${gone.tag}</CLI>`);
    router.control.resetCounters();
    expect(await poll(source)).toMatchObject({ status: "ok", devices: 34 });
    expect(router.control.requestCount("ISgetDevice")).toBe(2); // the list, then the one phone by name
    expect(await stored(source)).toEqual({ rows: 35, missing: 1 });
    expect(await db().device.findFirst({ where: { sourceId: source.id, name: gone.name } })).toMatchObject({
      missing: true,
    });
  });
});

describe("SIP phones on the newer form", () => {
  test("carry a status worked out from their address, said so in the record", async () => {
    const { router, source } = await routerSource("SIP branch", {
      dialect: "2010",
      fleet: { seed: 21, ephones: 2, pools: 3 },
    });
    const [registered, dropped] = router.control.phones().filter((phone) => phone.protocol === "sip");
    router.control.setPhoneStatus(dropped!.name, "unregistered");
    expect(await poll(source)).toMatchObject({ status: "ok", devices: 5 });
    const row = (name: string) =>
      db().device.findFirst({
        where: { sourceId: source.id, name },
        select: { registrationStatus: true, detail: true },
      });
    const up = await row(registered!.name);
    expect(up?.registrationStatus).toBe("registered");
    expect(JSON.parse(up!.detail)).toMatchObject({ statusWorkedOut: "from its address" });
    const down = await row(dropped!.name);
    expect(down?.registrationStatus).toBe("unregistered");
    expect(JSON.parse(down!.detail)).toMatchObject({ statusWorkedOut: "no address" });
  });
});

describe.each(["from", "exact"] as const)("the event log, ids read as %s", (eventIdReading) => {
  test("every entry is stored once, poll after poll", async () => {
    const { router, source } = await routerSource(`Events ${eventIdReading}`, {
      dialect: "2010",
      fleet: { seed: 5, ephones: 6, pools: 1 },
      behaviour: { eventIdReading },
    });
    const sccp = router.control.phones().filter((phone) => phone.protocol === "sccp");
    expect((await poll(source)).status).toBe("ok");
    for (const round of ["unregistered", "registered"] as const) {
      for (const phone of sccp.slice(0, 3)) router.control.setPhoneStatus(phone.name, round);
      expect((await poll(source)).status).toBe("ok");
      const ring = router.control.events();
      expect(await db().routerEvent.count({ where: { sourceId: source.id, kind: "device" } })).toBe(
        ring.devices.length,
      );
      expect(await db().routerEvent.count({ where: { sourceId: source.id, kind: "extension" } })).toBe(
        ring.extensions.length,
      );
    }
    expect(router.control.events().devices).toHaveLength(6);
  });
});

describe("a router that refuses the methods the newer guide dropped", () => {
  test("its event log is reported unavailable once, and polls go on without it", async () => {
    const { source } = await routerSource("No event log", {
      dialect: "2010",
      fleet: { seed: 9, ephones: 3, pools: 1 },
      behaviour: { refuse: ["ISgetEvtCounts", "ISgetDevEvts", "ISgetExtEvts"] },
    });
    const first = await poll(source);
    expect(first.status).toBe("partial");
    expect(first.error).toBe(
      "Event log: The router does not offer its event log (The device refused to answer ISgetDevEvts: ISgetDevEvts is not supported); registration history comes from the changes between polls instead.",
    );
    expect(JSON.parse((await health(source)).memory)).toMatchObject({
      eventLogUnavailable: expect.stringContaining("does not offer its event log"),
    });
    // Said once: the next polls are ok, and the phones are all there.
    expect(await poll(source)).toMatchObject({ status: "ok", devices: 4 });
    expect(await stored(source)).toEqual({ rows: 4, missing: 0 });
  });
});
