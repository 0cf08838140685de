import { describe, expect, it } from "vitest";
import { createFakeRisport, type FakeRisport } from "@/lib/testing/fake-risport";
import { sweepMemorySchema } from "./memory";
import { sweepCluster, type SweepResult } from "./sweep";

const NODES = ["cucm1", "cucm2", "cucm3"];

/** A deterministic mixed fleet: MAC phones, Jabber, CTI ports, gateway endpoints, odd case. */
function fleet(fake: FakeRisport, count: number, seed = 1): string[] {
  const names: string[] = [];
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  };
  for (let index = 0; index < count; index++) {
    const roll = index % 20;
    const hex = (next().toString(16) + next().toString(16)).toUpperCase().padStart(12, "0").slice(0, 12);
    const name =
      roll < 14
        ? `SEP${hex}`
        : roll < 17
          ? `CSF${hex.slice(0, 6)}${index}`
          : roll === 17
            ? `CTIP-UCCX-${index}`
            : roll === 18
              ? `AALN/S0/SU${index % 7}/${index}@br-gw${index % 5}`
              : `tct${hex.slice(0, 8).toLowerCase()}`;
    fake.add(
      name,
      NODES[index % NODES.length],
      index % 25 === 0 ? { staleOn: [NODES[(index + 1) % NODES.length] as string] } : {},
    );
    names.push(name);
  }
  return names;
}

const upper = (names: Iterable<string>) => [...names].map((name) => name.toUpperCase()).sort();
const foundNames = (result: SweepResult) => upper(result.devices.map((device) => device.name));

describe("sweepCluster on a small cluster", () => {
  it("reads everything with one `*` and keeps it through NoChange", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const names = fleet(fake, 60);
    const first = await sweepCluster({ client: fake });
    expect(first).toMatchObject({ complete: true, requests: 1, missing: [] });
    expect(foundNames(first)).toEqual(upper(names));

    const second = await sweepCluster({ client: fake, memory: first.memory });
    expect(fake.calls.at(-1)?.stateInfo).not.toBe("");
    expect(second.nodeOutcomes.every((node) => node.noChange === 1)).toBe(true);
    expect(second.devices).toEqual(first.devices);
    expect(second).toMatchObject({ complete: true, requests: 1, newDevices: [], missing: [] });
  });

  it("merges a device's stale copy: the newest record and its node win", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fake.add("SEP001122334455", "cucm2", { staleOn: ["cucm1"] });
    const result = await sweepCluster({ client: fake });
    expect(result.devices).toHaveLength(1);
    expect(result.devices[0]).toMatchObject({ node: "cucm2", registrationStatus: "Registered" });
  });

  it("counts a reply of exactly the cap as cut, and partitions", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const names = fleet(fake, 100, 3);
    const stale = [...fake.devices.values()].reduce((sum, device) => sum + device.staleOn.length, 0);
    expect(names.length + stale).toBeGreaterThanOrEqual(100);
    const result = await sweepCluster({ client: fake });
    expect(result.requests).toBeGreaterThan(1);
    expect(result.complete).toBe(true);
    expect(foundNames(result)).toEqual(upper(names));
  });
});

describe("sweepCluster on a cluster many replies big", () => {
  it("discovers every device by wildcard slices, then reads them by name batches", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const names = fleet(fake, 3000);
    const first = await sweepCluster({ client: fake });
    expect(first.complete).toBe(true);
    expect(foundNames(first)).toEqual(upper(names));
    expect(fake.calls.some((call) => call.items.some((item) => item.endsWith("*") && item !== "*"))).toBe(true);

    const calls = fake.calls.length;
    const second = await sweepCluster({ client: fake, memory: first.memory });
    const batchCalls = fake.calls.slice(calls).filter((call) => call.method === "selectCmDeviceExt");
    expect(batchCalls).toHaveLength(30);
    expect(batchCalls.every((call) => call.items.length <= 100)).toBe(true);
    expect(foundNames(second)).toEqual(upper(names));
    expect(second.complete).toBe(true);
  });

  it("keeps every record when batches answer NoChange, and refreshes only what changed", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 3000);
    const first = await sweepCluster({ client: fake });
    const second = await sweepCluster({ client: fake, memory: first.memory });
    const third = await sweepCluster({ client: fake, memory: second.memory });
    expect(third.devices).toHaveLength(second.devices.length);
    const noChangeReplies = third.nodeOutcomes.reduce((sum, node) => sum + node.noChange, 0);
    expect(noChangeReplies).toBeGreaterThanOrEqual(30 * NODES.length);

    const changed = [...fake.devices.values()].find(
      (device) => device.node === "cucm2" && device.staleOn.length === 0,
    )!;
    fake.setStatus(changed.name, false);
    const fourth = await sweepCluster({ client: fake, memory: third.memory });
    expect(fourth.devices).toHaveLength(second.devices.length);
    expect(fourth.devices.find((device) => device.name === changed.name)?.registrationStatus).toBe("UnRegistered");
    const byName = (devices: typeof second.devices) =>
      new Map(devices.filter((device) => device.name !== changed.name).map((device) => [device.name, device]));
    expect(byName(fourth.devices)).toEqual(byName(second.devices));
  });

  it("finds devices added between sweeps through the probes", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 3000);
    let result = await sweepCluster({ client: fake });
    fake.add("SEPNEW000000001", "cucm3");
    fake.add("BOTNEWPHONE", "cucm1");
    const found = new Set<string>();
    for (let sweep = 0; sweep < 40 && found.size < 2; sweep++) {
      result = await sweepCluster({ client: fake, memory: result.memory });
      for (const name of result.newDevices) found.add(name);
    }
    expect([...found].sort()).toEqual(["BOTNEWPHONE", "SEPNEW000000001"]);
    const again = await sweepCluster({ client: fake, memory: result.memory });
    expect(again.devices.map((device) => device.name)).toEqual(
      expect.arrayContaining(["BOTNEWPHONE", "SEPNEW000000001"]),
    );
  });

  it("splits a slice that grew past the cap and still finds everything", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const names = fleet(fake, 700);
    const first = await sweepCluster({ client: fake });
    expect(first.memory.batches.every((batch) => batch.method === "selectCmDevice")).toBe(true);
    const added = Array.from({ length: 60 }, (_, index) => `SEP0000000000${String(index).padStart(2, "0")}`);
    for (const name of added) fake.add(name, "cucm1");
    const second = await sweepCluster({ client: fake, memory: first.memory });
    expect(second.complete).toBe(true);
    expect(foundNames(second)).toEqual(upper([...names, ...added]));
    expect(second.newDevices.sort()).toEqual(added.sort());
  });
});

describe("sweepCluster completeness", () => {
  it("marks a device missing only after a complete sweep, then forgets it", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 3000);
    const first = await sweepCluster({ client: fake });
    const gone = [...fake.devices.values()].find(
      (device) => device.node === "cucm1" && device.staleOn.length === 0,
    )!.name;
    fake.remove(gone);
    fake.nodes[1]!.down = true;

    const incomplete = await sweepCluster({ client: fake, memory: first.memory });
    expect(incomplete.complete).toBe(false);
    expect(incomplete.missing).toEqual([]);
    expect(incomplete.unconfirmed).toContain(gone);
    expect(incomplete.nodeOutcomes.find((node) => node.node === "cucm2")).toMatchObject({
      lastReturnCode: "NodeNotResponding",
    });
    expect(incomplete.devices.length).toBeGreaterThan(1500); // the other nodes still count

    fake.nodes[1]!.down = false;
    let result = await sweepCluster({ client: fake, memory: incomplete.memory });
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([gone]);
    result = await sweepCluster({ client: fake, memory: result.memory, forgetMissingAfter: 2 });
    expect(result.missing).toEqual([gone]);
    result = await sweepCluster({ client: fake, memory: result.memory, forgetMissingAfter: 2 });
    expect(result.missing).toEqual([]);
    expect(result.complete).toBe(true);
  });

  it("an incomplete sweep (request limit) marks nothing missing and says why", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 3000);
    const first = await sweepCluster({ client: fake });
    fake.remove([...fake.devices.keys()][0]!);
    const result = await sweepCluster({ client: fake, memory: first.memory, maxRequests: 10 });
    expect(result).toMatchObject({ complete: false, missing: [], requests: 10 });
    expect(result.problems[0]?.kind).toBe("request-limit");
    expect(result.unconfirmed.length).toBeGreaterThan(0);
    const resumed = await sweepCluster({ client: fake, memory: result.memory });
    expect(resumed.complete).toBe(true);
    expect(resumed.missing).toHaveLength(1);
  });

  it("stops incomplete when the budget has no slot before the deadline", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 3000);
    const first = await sweepCluster({ client: fake });
    fake.failNext(1, "budget-spent");
    const result = await sweepCluster({ client: fake, memory: first.memory });
    expect(result).toMatchObject({ complete: false, missing: [], requests: 0 });
    expect(result.problems[0]?.kind).toBe("rate-limited");
    expect(result.memory.batches).toEqual(first.memory.batches);
  });

  it("waits out a RateControl fault mid-sweep and completes", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const names = fleet(fake, 3000);
    const first = await sweepCluster({ client: fake });
    fake.failNext(1, "rate-control");
    const result = await sweepCluster({ client: fake, memory: first.memory });
    expect(result.complete).toBe(true);
    expect(foundNames(result)).toEqual(upper(names));
  });

  it("gives up after too many RateControl faults, incomplete", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 300);
    const first = await sweepCluster({ client: fake });
    fake.failNext(10, "rate-control");
    const result = await sweepCluster({ client: fake, memory: first.memory, maxRateLimitRetries: 2 });
    expect(result).toMatchObject({ complete: false, missing: [] });
    expect(result.problems[0]?.kind).toBe("rate-limited");
  });

  it("a fault on one query leaves the sweep incomplete but reads the rest", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 3000);
    const first = await sweepCluster({ client: fake });
    fake.failNext(1, "fault");
    const result = await sweepCluster({ client: fake, memory: first.memory });
    expect(result.complete).toBe(false);
    expect(result.problems[0]?.kind).toBe("fault");
    expect(result.devices.length).toBeGreaterThan(2800);
    const next = await sweepCluster({ client: fake, memory: result.memory });
    expect(next.complete).toBe(true);
  });

  it("returns memory that survives JSON and the schema, and refuses garbage", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    fleet(fake, 500);
    const first = await sweepCluster({ client: fake });
    const stored = JSON.parse(JSON.stringify(first.memory));
    expect(sweepMemorySchema.parse(stored)).toEqual(first.memory);
    const second = await sweepCluster({ client: fake, memory: stored });
    expect(second.complete).toBe(true);
    await expect(sweepCluster({ client: fake, memory: { version: 2 } })).rejects.toThrow();
  });
});

describe("sweepCluster with the configured names (AXL)", () => {
  it("asks for exactly the names, ceil(N / cap) requests on the first and every later sweep", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const registered = fleet(fake, 950, 7);
    // Configured but never registered: RisPort has no record of them.
    const configured = [
      ...registered,
      ...Array.from({ length: 50 }, (_, i) => `SEPDEAD0000${String(i).padStart(2, "0")}`),
    ];
    const bound = Math.ceil(configured.length / 100);

    const first = await sweepCluster({ client: fake, names: configured });
    expect(first).toMatchObject({ complete: true, requests: bound });
    expect(foundNames(first)).toEqual(upper(registered));
    expect(upper(first.missing)).toEqual(upper(configured.slice(950)));
    expect(fake.calls.every((call) => call.method === "selectCmDeviceExt")).toBe(true);

    const steady = await sweepCluster({ client: fake, names: configured, memory: first.memory });
    expect(steady).toMatchObject({ complete: true, requests: bound, newDevices: [] });
    expect(steady.devices).toEqual(first.devices);
  });

  it("finds no new device outside the names (that waits for the next inventory), and starts over without them", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const names = fleet(fake, 300, 9);
    const first = await sweepCluster({ client: fake, names });
    fake.add("SEPAAAABBBBCCCC", "cucm1");
    const again = await sweepCluster({ client: fake, names, memory: first.memory });
    expect(foundNames(again)).toEqual(upper(names));
    expect(again.requests).toBe(3);

    // AXL switched off: the configured batches cannot find devices, so the sweep discovers again.
    const without = await sweepCluster({ client: fake, memory: again.memory });
    expect(foundNames(without)).toEqual(upper([...names, "SEPAAAABBBBCCCC"]));
  });

  it("keeps a batch's StateInfo while its names stay, and drops it for a changed batch", async () => {
    const fake = createFakeRisport({ nodes: NODES, cap: 100 });
    const names = fleet(fake, 250, 11).sort((a, b) => (a.toUpperCase() < b.toUpperCase() ? -1 : 1));
    const first = await sweepCluster({ client: fake, names });
    const calls = fake.calls.length;
    // One more configured name at the end changes only the last batch.
    const more = [...names, "ZZZNEWPHONE"];
    await sweepCluster({ client: fake, names: more, memory: first.memory });
    const asked = fake.calls.slice(calls);
    expect(asked).toHaveLength(3);
    expect(asked.slice(0, 2).every((call) => call.stateInfo !== "")).toBe(true);
    expect(asked[2]?.stateInfo).toBe("");
  });
});
