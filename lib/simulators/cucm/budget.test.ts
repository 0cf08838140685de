import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RequestBudget, RequestLog } from "./budget";
import { SimulatorClock } from "./clock";
import { fixtureDevices, fixtureNow } from "./fixtures";
import { startCucmSimulator, type CucmSimulator } from "./index";
import { cmQuery, post, readXml } from "@/lib/testing/cucm-sim";

describe("RequestBudget", () => {
  it("allows the budget in any rolling 60 s and frees each slot 60 s after it was used", () => {
    const clock = new SimulatorClock();
    clock.set(1_000_000);
    const budget = new RequestBudget(clock, 15, "rolling");
    for (let index = 0; index < 15; index++) {
      expect(budget.tryConsume()).toBe(true);
      clock.advance(1_000);
    }
    expect(budget.tryConsume()).toBe(false);
    clock.set(1_000_000 + 59_999);
    expect(budget.tryConsume()).toBe(false);
    clock.advance(1);
    expect(budget.tryConsume()).toBe(true);
    expect(budget.tryConsume()).toBe(false);
    clock.advance(1_000);
    expect(budget.tryConsume()).toBe(true);
  });

  it("resets a fixed window at the minute boundary", () => {
    const clock = new SimulatorClock();
    clock.set(60_000 * 100 + 59_000);
    const budget = new RequestBudget(clock, 2, "fixed");
    expect([budget.tryConsume(), budget.tryConsume(), budget.tryConsume()]).toEqual([true, true, false]);
    clock.advance(1_000);
    expect(budget.tryConsume()).toBe(true);
  });
});

describe("RequestLog", () => {
  it("finds the busiest window of any length", () => {
    const log = new RequestLog();
    for (const at of [0, 10_000, 59_999, 60_000, 61_000, 200_000])
      log.record({ at, node: "cucm1", method: "selectCmDevice", outcome: "ok" });
    expect(log.maxInAnyWindow(60_000)).toBe(4);
    expect(log.maxInAnyWindow(1_000)).toBe(2);
    expect(log.counters()).toEqual({
      total: 6,
      byNode: { cucm1: 6 },
      byMethod: { selectCmDevice: 6 },
      byOutcome: { ok: 6 },
    });
  });
});

describe("cluster-wide budget over HTTP", () => {
  let sim: CucmSimulator;
  beforeEach(async () => {
    sim = await startCucmSimulator({
      nodes: 3,
      devices: 0,
      ctiApplications: 0,
      explicitDevices: fixtureDevices,
      budgetPerMinute: 3,
    });
    sim.control.setClock(fixtureNow);
  });
  afterEach(() => sim.close());

  it("answers HTTP 500 with Cisco's RateControl fault once the cluster's budget is spent, on any node", async () => {
    for (const node of [0, 1, 2]) expect((await post(sim, cmQuery(), { node })).status).toBe(200);
    const refused = await post(sim, cmQuery(), { node: 1 });
    expect(refused.status).toBe(500);
    const fault = readXml(refused.text).Envelope.Body.Fault;
    expect(fault.faultcode).toMatch(/Server\.RateControl$/);
    expect(fault.faultstring).toBe(
      "AxisFault: Exceeded allowed rate for Reatime information. Current allowed rate for realtime information is 3 requests per minute.",
    );
    expect(refused.text).toContain(
      '<faultcode xmlns:ns1="http://schemas.cisco.com/ast/soap">ns1:Server.RateControl</faultcode>',
    );

    sim.control.advanceClock(60_000);
    expect((await post(sim, cmQuery(), { node: 2 })).status).toBe(200);
  });

  it("reports the configured rate in the fault and takes a new budget at once", async () => {
    sim.control.setBudget(1);
    expect((await post(sim, cmQuery())).status).toBe(200);
    const refused = await post(sim, cmQuery());
    expect(readXml(refused.text).Envelope.Body.Fault.faultstring).toMatch(/is 1 requests per minute\.$/);
  });

  it("injects a one-off RateControl fault", async () => {
    sim.control.injectRateControlFault();
    expect((await post(sim, cmQuery())).status).toBe(500);
    expect((await post(sim, cmQuery())).status).toBe(200);
  });

  it("logs every request with its time, node, method and outcome", async () => {
    sim.control.clearRequestLog();
    await post(sim, cmQuery(), { node: 0 });
    sim.control.advanceClock(20_000);
    await post(sim, cmQuery({ method: "selectCmDeviceExt", items: ["CSFAADLER"] }), { node: 1 });
    await post(sim, cmQuery(), { node: 2 });
    await post(sim, cmQuery(), { node: 2 });
    await post(sim, cmQuery(), { node: 0, authorization: "Basic bm9ib2R5Om5vcGU=" });
    const log = sim.control.requestLog();
    expect(log.map((entry) => [entry.at - fixtureNow, entry.node, entry.method, entry.outcome])).toEqual([
      [0, "cucm1", "selectCmDevice", "ok"],
      [20_000, "cucm2", "selectCmDeviceExt", "ok"],
      [20_000, "cucm3", "selectCmDevice", "ok"],
      [20_000, "cucm3", "selectCmDevice", "rate-limited"],
      [20_000, "cucm1", "unknown", "unauthorized"],
    ]);
    expect(sim.control.maxRequestsInAnyWindow(60_000, ["ok"])).toBe(3);
    expect(sim.control.maxRequestsInAnyWindow(10_000)).toBe(4);
    expect(sim.control.requestCounters().byNode).toEqual({ cucm1: 2, cucm2: 1, cucm3: 2 });
  });
});
