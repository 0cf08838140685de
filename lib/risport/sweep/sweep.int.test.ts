// sweepCluster against the CUCM simulator over loopback, on a virtual clock shared with the
// simulator so budget waits cost no real time.
import { afterEach, describe, expect, it } from "vitest";
import { BudgetSpent } from "../budget/budget";
import type { RisportClient } from "../client/client";
import { startTestCluster, type TestCluster } from "@/lib/testing/risport-sim-harness";
import { sweepCluster, type SweepResult } from "./sweep";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const byName = (result: SweepResult) => new Map(result.devices.map((device) => [device.name.toUpperCase(), device]));

describe("sweepCluster against the simulator", () => {
  it("finds all 2,600 devices on 3 nodes, each with its merged status, within the budget", async () => {
    cluster = await startTestCluster({ nodes: 3, devices: 2600, seed: 11, staleShare: 0.05 });
    const { sim, client } = cluster;
    const result = await sweepCluster({ client });
    expect(result.complete).toBe(true);
    expect(result.devices).toHaveLength(2600);
    expect(result.nodeOutcomes.map((node) => node.node).sort()).toEqual(["cucm1", "cucm2", "cucm3"]);
    let withStaleCopies = 0;
    for (const device of result.devices) {
      const truth = sim.control.device(device.name)!;
      if (truth.staleRegistrations.length > 0) withStaleCopies++;
      expect([device.name, device.registrationStatus, device.node, device.timeStamp]).toEqual([
        truth.name,
        truth.status,
        truth.node,
        truth.timeStamp,
      ]);
    }
    expect(withStaleCopies).toBeGreaterThan(50);
    expect(sim.control.maxRequestsInAnyWindow()).toBeLessThanOrEqual(12);
    expect(sim.control.requestCounters().byOutcome["rate-limited"]).toBeUndefined();
  });

  // The seed describes NoChange for the whole query; the simulator's default answers per node.
  it.each(["node", "cluster"] as const)(
    "keeps data through NoChange (%s scope) and refreshes what changed",
    async (noChangeScope) => {
      cluster = await startTestCluster({ nodes: 3, devices: 2600, seed: 12, noChangeScope });
      const { sim, client } = cluster;
      const first = await sweepCluster({ client });
      const second = await sweepCluster({ client, memory: first.memory });
      const third = await sweepCluster({ client, memory: second.memory });
      expect(third.nodeOutcomes.reduce((sum, node) => sum + node.noChange, 0)).toBeGreaterThan(0);
      expect(byName(third)).toEqual(byName(first));

      const [changed] = sim.control.setStatusShare({ share: 0.001, seed: 3, status: "UnRegistered", statusReason: 13 });
      const fourth = await sweepCluster({ client, memory: third.memory });
      expect(fourth.complete).toBe(true);
      expect(fourth.devices).toHaveLength(2600);
      expect(byName(fourth).get(changed!.toUpperCase())).toMatchObject({
        registrationStatus: "UnRegistered",
        statusReason: { code: 13, text: "Keep-alive timeout" },
      });
    },
  );

  it("detects a full reply as cut and partitions, whatever the cap", async () => {
    cluster = await startTestCluster({ nodes: 3, devices: 2600, seed: 13, replyCap: 500 });
    const { client } = cluster;
    const sent: string[][] = [];
    const watching: RisportClient = {
      ...client,
      selectCmDevice: (criteria, options) => {
        sent.push(criteria.selectItems ?? []);
        return client.selectCmDevice(criteria, options);
      },
    };
    const result = await sweepCluster({ client: watching });
    expect(result.complete).toBe(true);
    expect(result.devices).toHaveLength(2600);
    expect(sent[0]).toEqual(["*"]);
    expect(sent.some((items) => items.some((item) => item.endsWith("*") && item !== "*"))).toBe(true);
  });

  it("waits out a RateControl fault injected mid-sweep and completes", async () => {
    cluster = await startTestCluster({ nodes: 3, devices: 2600, seed: 14 });
    const { sim, client, clock } = cluster;
    const first = await sweepCluster({ client });
    let asked = 0;
    const faulty: RisportClient = {
      ...client,
      selectCmDevice: (criteria, options) => {
        if (++asked === 2) sim.control.injectRateControlFault(1);
        return client.selectCmDevice(criteria, options);
      },
    };
    const before = clock.now();
    const result = await sweepCluster({ client: faulty, memory: first.memory });
    expect(result.complete).toBe(true);
    expect(result.devices).toHaveLength(2600);
    const log = sim.control.requestLog().filter((entry) => entry.at >= before);
    const faultIndex = log.findIndex((entry) => entry.outcome === "rate-limited");
    expect(faultIndex).toBeGreaterThanOrEqual(0);
    expect(log[faultIndex + 1]!.at - log[faultIndex]!.at).toBeGreaterThanOrEqual(60_000);
    expect(log.filter((entry) => entry.outcome === "rate-limited")).toHaveLength(1);
  });

  it("holds the budget while another process makes ad-hoc lookups", async () => {
    cluster = await startTestCluster({ nodes: 3, devices: 2600, seed: 15 });
    const { sim, client, clock } = cluster;
    const other = cluster.otherProcess();
    const names = sim.control.deviceNames().slice(0, 40);
    let answered = 0;
    let refused = 0;
    const sweeps = (async () => {
      let memory: unknown;
      for (let round = 0; round < 4; round++) memory = (await sweepCluster({ client, memory })).memory;
    })();
    const lookups = (async () => {
      for (const name of names) {
        try {
          await other.client.selectCmDevice({ selectItems: [name] }, { wait: false });
          answered++;
        } catch (error) {
          if (!(error instanceof BudgetSpent)) throw error;
          refused++;
          await clock.sleep(Math.max(1_000, error.nextSlotAt - clock.now()));
        }
      }
    })();
    await Promise.all([sweeps, lookups]);
    expect(answered).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(sim.control.requestCounters().byOutcome["rate-limited"]).toBeUndefined();
    expect(sim.control.maxRequestsInAnyWindow()).toBeLessThanOrEqual(12);
  });

  it("records a node that is down, counts the others, and marks nothing missing", async () => {
    cluster = await startTestCluster({ nodes: 3, devices: 2600, seed: 16 });
    const { sim, client } = cluster;
    const first = await sweepCluster({ client });
    sim.control.setNodeDown("cucm2");
    const result = await sweepCluster({ client, memory: first.memory });
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual([]);
    expect(result.nodeOutcomes.find((node) => node.node === "cucm2")).toMatchObject({
      lastReturnCode: "NodeNotResponding",
    });
    const onOthers = sim.control.deviceNames().filter((name) => sim.control.device(name)!.node !== "cucm2");
    expect(result.devices.length).toBeGreaterThanOrEqual(onOthers.length);
    expect(result.unconfirmed.length).toBeGreaterThan(0);

    sim.control.setNodeDown("cucm2", false);
    const back = await sweepCluster({ client, memory: result.memory });
    expect(back).toMatchObject({ complete: true, missing: [] });
    expect(back.devices).toHaveLength(2600);
  });

  it("goes on through the next node when one is off the network", async () => {
    cluster = await startTestCluster({ nodes: 3, devices: 600, seed: 17 });
    const { sim, client } = cluster;
    sim.control.setNodeReachable("cucm1", false);
    const result = await sweepCluster({ client });
    expect(result).toMatchObject({ complete: true, requests: 2 });
    expect(result.devices).toHaveLength(600);
  });

  it("finds a device added and reports one removed after a complete sweep", async () => {
    cluster = await startTestCluster({ nodes: 3, devices: 2600, seed: 18 });
    const { sim, client } = cluster;
    const first = await sweepCluster({ client });
    const gone = sim.control.deviceNames()[100]!;
    sim.control.removeDevices([gone]);
    sim.control.addDevices([{ name: "SEPABCDEF012345", node: "cucm3", model: 683 }]);
    const second = await sweepCluster({ client, memory: first.memory });
    expect(second.complete).toBe(true);
    expect(second.newDevices).toEqual(["SEPABCDEF012345"]);
    expect(second.missing).toEqual([gone]);
  });
});
