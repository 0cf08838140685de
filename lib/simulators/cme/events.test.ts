// The XML event log: at most 150 entries, none older than 15 minutes (on a hand-moved clock),
// counts, and "from event id N on" reads over the wire.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventRing } from "./events";
import { startCmeSimulator, type CmeSimulator } from "./index";
import { call, manualClock, valuesOf } from "@/lib/testing/cme-sim";

const MINUTE = 60_000;

describe("EventRing", () => {
  it("keeps the newest entries up to its size, ids never repeating", () => {
    const clock = manualClock();
    const ring = new EventRing<{ id: number; at: number; n: number }>(150, 15 * MINUTE, clock.now);
    for (let n = 1; n <= 200; n++) ring.add({ n });
    expect(ring.count()).toBe(150);
    expect(ring.list()[0]).toMatchObject({ id: 51, n: 51 });
    expect(ring.list().at(-1)).toMatchObject({ id: 200 });
  });

  it("drops entries older than the retain timer", () => {
    const clock = manualClock();
    const ring = new EventRing<{ id: number; at: number }>(150, 15 * MINUTE, clock.now);
    ring.add({});
    clock.advance(10 * MINUTE);
    ring.add({});
    clock.advance(5 * MINUTE);
    expect(ring.count()).toBe(2); // exactly 15 minutes old is still kept
    clock.advance(1);
    expect(ring.list().map((event) => event.id)).toEqual([2]);
    clock.advance(10 * MINUTE);
    expect(ring.count()).toBe(0);
  });
});

describe("event methods", () => {
  let simulator: CmeSimulator;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock();
    simulator = await startCmeSimulator({ clock: clock.now, fleet: { seed: 21, ephones: 10, pools: 2 } });
  });
  afterEach(() => simulator.close());

  const counts = async () => {
    const xml = await call(simulator, "ISgetEvtCounts");
    return {
      devices: Number(valuesOf(xml, "ISDevEvtCount")[0]),
      extensions: Number(valuesOf(xml, "ISExtEvtCount")[0]),
    };
  };
  const phone = (tag: number) => simulator.control.phones().find((p) => p.protocol === "sccp" && p.tag === tag)!;

  it("logs a registration change as a device event and its lines' Up/Down", async () => {
    expect(await counts()).toEqual({ devices: 0, extensions: 0 });
    const target = phone(5);
    const next = target.status === "registered" ? "unregistered" : "registered";
    simulator.control.setPhoneStatus(target.name, next);

    const devices = await call(simulator, "ISgetDevEvts", `<ISDevName>${target.name}</ISDevName>`);
    expect(valuesOf(devices, "ISDevName")).toEqual([target.name]);
    expect(valuesOf(devices, "ISDevStatus")).toEqual([next]);
    expect(valuesOf(devices, "ISDevID")).toEqual(["5"]);

    const extensions = await call(simulator, "ISgetExtEvts", `<ISExtNumber>${target.lines[0]}</ISExtNumber>`);
    expect(valuesOf(extensions, "ISExtStatusChangeEvent")).toEqual([next === "registered" ? "Up" : "Down"]);
    expect((await counts()).devices).toBe(1);
  });

  it("a deceased phone reads unregistered and remembers deceased as its last status", async () => {
    const target = phone(3);
    simulator.control.setPhoneStatus(target.name, "deceased");
    // While down it reads as Cisco's unregistered example: unregistered, last deceased, no keepalives.
    const down = await call(simulator, "ISgetDevice", "<ISDevID>3</ISDevID>");
    expect(valuesOf(down, "ISDevStatus")).toEqual(["unregistered"]);
    expect(valuesOf(down, "ISDevLastStatus")).toEqual(["deceased"]);
    expect(valuesOf(down, "ISDevKeepAlives")).toEqual(["0"]);
    simulator.control.setPhoneStatus(target.name, "registered");
    const device = await call(simulator, "ISgetDevice", "<ISDevID>3</ISDevID>");
    expect(valuesOf(device, "ISDevStatus")).toEqual(["registered"]);
    expect(valuesOf(device, "ISDevLastStatus")).toEqual(["deceased"]);
  });

  it("reads events from a given id on, for one phone or all", async () => {
    const flipped = simulator.control.churn(6);
    expect(flipped).toHaveLength(6);
    const all = await call(simulator, "ISgetDevEvts", "<ISDevName>all</ISDevName>");
    expect(valuesOf(all, "ISDevEvtID")).toEqual(["1", "2", "3", "4", "5", "6"]);
    const since = await call(simulator, "ISgetDevEvts", "<ISDevEvtID>4</ISDevEvtID><ISDevName>all</ISDevName>");
    expect(valuesOf(since, "ISDevEvtID")).toEqual(["4", "5", "6"]);
    expect(valuesOf(since, "ISDevName")).toEqual(flipped.slice(3));
    const byTag = await call(simulator, "ISgetDevEvts", "<ISDevID>999</ISDevID>");
    expect(valuesOf(byTag, "ISDevEvtID")).toEqual([]);
  });

  it("times events in router uptime seconds", async () => {
    const before = await call(simulator, "ISgetGlobal");
    simulator.control.churn(1);
    clock.advance(90_000);
    simulator.control.churn(1);
    const times = valuesOf(await call(simulator, "ISgetDevEvts", "<ISDevName>all</ISDevName>"), "ISDevEventTime").map(
      Number,
    );
    expect(times[1]! - times[0]!).toBe(90);
    expect(before).toContain("<ISPeakDeviceRegisteredTime>");
  });

  it("holds at most 150 events per log and forgets them after 15 minutes", async () => {
    for (let i = 0; i < 100; i++) simulator.control.churn(2);
    const full = await counts();
    expect(full.devices).toBe(150);
    expect(full.extensions).toBe(150);
    const ids = valuesOf(await call(simulator, "ISgetDevEvts", "<ISDevName>all</ISDevName>"), "ISDevEvtID").map(Number);
    expect(ids).toHaveLength(150);
    expect(ids[0]).toBe(51);

    clock.advance(14 * MINUTE);
    simulator.control.churn(1);
    clock.advance(2 * MINUTE);
    expect(await counts()).toMatchObject({ devices: 1 });
    clock.advance(14 * MINUTE);
    expect(await counts()).toEqual({ devices: 0, extensions: 0 });
  });
});
