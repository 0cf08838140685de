// Clusters that behave as Cisco's documents allow rather than as the simulator did before: names
// matched case-sensitively, a limit on SelectItems per request, and a reply cap of 1000 whatever
// MaxReturnedDevices asks. The client against the real simulator over loopback, on a virtual clock.
import { afterEach, describe, expect, it } from "vitest";
import { SoapFault } from "@/lib/soap/errors";
import { startTestCluster, type TestCluster } from "@/lib/testing/risport-sim-harness";
import { sweepCluster } from "./sweep";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const names = (devices: { name: string }[]) => new Set(devices.map((device) => device.name));

describe("sweepCluster on clusters as Cisco documents them", () => {
  it("sweeps a case-sensitive 20,000-device cluster with 5% mixed-case names and a 500-item limit completely", async () => {
    cluster = await startTestCluster({
      nodes: 3,
      devices: 20_000,
      seed: 31,
      mixedCaseShare: 0.05,
      nameMatching: "case-sensitive",
      maxSelectItems: 500,
      client: { maxItemsPerRequest: 500 },
    });
    const { sim, client } = cluster;
    const truth = sim.control.deviceNames();
    const mixed = truth.filter((name) => name !== name.toUpperCase());
    expect(mixed.length).toBeGreaterThan(800);
    expect(mixed.some((name) => name.startsWith("csf"))).toBe(true);
    expect(mixed.some((name) => name.startsWith("CiscoUM"))).toBe(true);
    expect(mixed.some((name) => /[_@/.]/.test(name))).toBe(true);

    const first = await sweepCluster({ client });
    expect(first.problems).toEqual([]);
    expect(first.complete).toBe(true);
    expect(first.memory.nameCase).toBe("exact");
    const found = names(first.devices);
    expect(truth.filter((name) => !found.has(name))).toEqual([]);
    expect(first.devices).toHaveLength(20_000);
    expect(sim.control.requestCounters().byOutcome.fault).toBeUndefined();

    // The steady sweeps repeat the plan; a device added in lower case is still found.
    sim.control.addDevices([{ name: "csfnewhire", node: "cucm2", model: 503 }]);
    let memory: unknown = first.memory;
    let sweeps = 0;
    let seen = false;
    while (!seen && sweeps < 10) {
      const next = await sweepCluster({ client, memory });
      sweeps++;
      expect(next).toMatchObject({ complete: true, missing: [], problems: [] });
      expect(next.devices.length).toBeGreaterThanOrEqual(20_000);
      seen = next.devices.some((device) => device.name === "csfnewhire");
      memory = next.memory;
    }
    expect(seen).toBe(true);
    expect(sim.control.requestCounters().byOutcome.fault).toBeUndefined();
  }, 400_000);

  it("learns that a cluster folds case and keeps upper-case slices there", async () => {
    cluster = await startTestCluster({ nodes: 2, devices: 3000, seed: 32, mixedCaseShare: 0.05 });
    const result = await sweepCluster({ client: cluster.client });
    expect(result.complete).toBe(true);
    expect(result.memory.nameCase).toBe("folded");
    expect(result.devices).toHaveLength(3000);
  });

  it("splits a reply of 1000 when the cap setting says 2000, instead of trusting it", async () => {
    // The cluster returns 1000 whatever MaxReturnedDevices asks; the admin set 2000 (and checked it).
    cluster = await startTestCluster({
      nodes: 3,
      devices: 2600,
      seed: 33,
      replyCap: 1000,
      client: { replyCap: 2000, replyCapChecked: true },
    });
    const { sim, client } = cluster;
    const root = await client.selectCmDevice({ selectItems: ["*"] });
    expect(root.records).toHaveLength(1000);
    expect(root.truncated).toBe(true);
    const result = await sweepCluster({ client });
    expect(result.complete).toBe(true);
    expect(names(result.devices)).toEqual(new Set(sim.control.deviceNames()));
  });

  it("keeps a cap above 1000 that was not checked at 1000", async () => {
    cluster = await startTestCluster({ nodes: 2, devices: 1500, seed: 34, replyCap: 1000, client: { replyCap: 2000 } });
    expect(cluster.client.replyCap).toBe(1000);
    const result = await sweepCluster({ client: cluster.client });
    expect(result.complete).toBe(true);
    expect(result.devices).toHaveLength(1500);
  });

  it("faults a request with more SelectItems than the cluster allows, as a SOAP fault", async () => {
    cluster = await startTestCluster({ nodes: 1, devices: 100, seed: 35, maxSelectItems: 500 });
    const items = Array.from({ length: 501 }, (_, index) => `SEP${String(index).padStart(12, "0")}`);
    await expect(cluster.client.selectCmDevice({ selectItems: items })).rejects.toBeInstanceOf(SoapFault);
    await expect(cluster.client.selectCmDevice({ selectItems: items.slice(0, 500) })).resolves.toMatchObject({
      truncated: false,
    });
    expect(cluster.sim.control.requestCounters().byOutcome.fault).toBe(1);
  });
});

describe("RisPort sessions", () => {
  it("authenticates once per node, reuses the JSESSIONID, and authenticates again once after a 401", async () => {
    cluster = await startTestCluster({ nodes: 2, devices: 100, seed: 36 });
    const { sim, client } = cluster;
    for (let index = 0; index < 5; index++) await client.selectCmDevice({ selectItems: ["SEP*"] });
    expect(sim.control.authenticationCounters()).toMatchObject({ withCredentials: 1, withCookie: 4, refused: 0 });
    sim.control.expireSessions();
    await client.selectCmDevice({ selectItems: ["SEP*"] });
    await client.selectCmDevice({ selectItems: ["SEP*"] });
    expect(sim.control.authenticationCounters()).toMatchObject({ withCredentials: 2, withCookie: 5, refused: 1 });
  });

  it("keeps sending credentials to a cluster that sets no cookie", async () => {
    cluster = await startTestCluster({ nodes: 1, devices: 100, seed: 37, sessionCookies: false });
    for (let index = 0; index < 3; index++) await cluster.client.selectCmDevice({ selectItems: ["SEP*"] });
    expect(cluster.sim.control.authenticationCounters()).toMatchObject({
      withCredentials: 3,
      withCookie: 0,
      refused: 0,
    });
  });
});
