import { describe, expect, it } from "vitest";
import { deviceKinds } from "./device-kinds";
import { generateFleet, type FleetOptions } from "./fleet";
import { startCucmSimulator } from "./index";
import { fixtureNow } from "./fixtures";

const options = (overrides: Partial<FleetOptions> = {}): FleetOptions => ({
  devices: 3000,
  nodeNames: ["cucm1", "cucm2", "cucm3"],
  seed: 7,
  nowSeconds: Math.floor(fixtureNow / 1000),
  staleShare: 0.02,
  ...overrides,
});

describe("generateFleet", () => {
  it("gives the same fleet for the same seed and a different one for another seed", () => {
    expect(generateFleet(options())).toEqual(generateFleet(options()));
    expect(generateFleet(options({ seed: 8 })).map((spec) => spec.name)).not.toEqual(
      generateFleet(options()).map((spec) => spec.name),
    );
  });

  it("covers every kind of device, with unique names", () => {
    const fleet = generateFleet(options());
    expect(new Set(fleet.map((spec) => spec.model))).toEqual(new Set(deviceKinds.map((kind) => kind.model)));
    for (const prefix of ["SEP", "CSF", "BOT", "TCT", "TAB", "CTIP-", "CTIRP-", "AALN/"]) {
      expect(
        fleet.some((spec) => spec.name.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
    expect(new Set(fleet.map((spec) => spec.name.toUpperCase())).size).toBe(fleet.length);
  });

  it("spreads MAC names over every leading hex digit, unevenly, so prefix partitioning matters", () => {
    const macs = generateFleet(options({ devices: 20_000 }))
      .map((spec) => spec.name)
      .filter((name) => name.startsWith("SEP"));
    for (const name of macs) expect(name).toMatch(/^SEP[0-9A-F]{12}$/);
    const buckets = new Map<string, number>();
    for (const name of macs) buckets.set(name[3] as string, (buckets.get(name[3] as string) ?? 0) + 1);
    expect(buckets.size).toBe(16);
    const sizes = [...buckets.values()];
    expect(Math.max(...sizes)).toBeGreaterThan(1.5 * Math.min(...sizes));
    // Some one-digit prefixes still exceed a 1000-device reply and need splitting further; others do not.
    expect(Math.max(...sizes)).toBeGreaterThan(1000);
    expect(Math.min(...sizes)).toBeLessThan(1000);
  });

  it("varies statuses, addresses, lines, firmware and nodes, and leaves some stale copies", () => {
    const fleet = generateFleet(options());
    const statuses = new Set(fleet.map((spec) => spec.status));
    expect(statuses).toEqual(new Set(["Registered", "UnRegistered", "Rejected", "PartiallyRegistered", "Unknown"]));
    expect(fleet.some((spec) => spec.ipv6 && spec.ipv4)).toBe(true);
    expect(fleet.some((spec) => spec.ipv6 && !spec.ipv4)).toBe(true);
    expect(fleet.some((spec) => (spec.lines?.length ?? 0) > 1)).toBe(true);
    expect(new Set(fleet.map((spec) => spec.downloadStatus).filter(Boolean))).toEqual(
      new Set(["Unknown", "Successful", "Upgrading", "Failed"]),
    );
    expect(new Set(fleet.map((spec) => spec.node))).toEqual(new Set(["cucm1", "cucm2", "cucm3"]));
    const stale = fleet.filter((spec) => spec.staleRegistrations?.length);
    expect(stale.length).toBeGreaterThan(20);
    for (const spec of stale) {
      expect(spec.staleRegistrations?.[0]?.node).not.toBe(spec.node);
      expect(spec.staleRegistrations?.[0]?.timeStamp).toBeLessThan(spec.timeStamp as number);
    }
    // Jabber clients share their owner's desk-phone line.
    const deskLines = new Set(fleet.filter((spec) => spec.name.startsWith("SEP")).map((spec) => spec.lines?.[0]));
    expect(fleet.some((spec) => spec.name.startsWith("CSF") && deskLines.has(spec.lines?.[0]))).toBe(true);
  });
});

describe("a seeded cluster", () => {
  it("is the same cluster for the same seed, and picks the same share for the same share seed", async () => {
    const start = () => startCucmSimulator({ nodes: 2, devices: 500, seed: "demo", clock: () => fixtureNow });
    const [first, second] = await Promise.all([start(), start()]);
    try {
      expect(first.control.deviceNames()).toEqual(second.control.deviceNames());
      const name = first.control.deviceNames()[123] as string;
      expect(first.control.device(name)).toEqual(second.control.device(name));
      expect(first.control.ctiApplications()).toEqual(second.control.ctiApplications());
      const changed = first.control.setStatusShare({ share: 0.1, seed: 3, status: "UnRegistered" });
      expect(changed).toHaveLength(50);
      expect(second.control.setStatusShare({ share: 0.1, seed: 3, status: "UnRegistered" })).toEqual(changed);
      const moved = first.control.failoverShare({ share: 0.5, node: "cucm1", toNode: "cucm2", seed: 4 });
      expect(moved.length).toBeGreaterThan(100);
      for (const movedName of moved.slice(0, 20)) {
        const device = first.control.device(movedName);
        expect(device?.node).toBe("cucm2");
        expect(
          device?.staleRegistrations.some((stale) => stale.node === "cucm1" && stale.timeStamp < device.timeStamp),
        ).toBe(true);
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it("adds explicit devices over the generated fleet, so a demo can share phone names with a router", async () => {
    const sim = await startCucmSimulator({
      nodes: 2,
      devices: 50,
      explicitDevices: [{ name: "SEP001122334455", node: "cucm2", lines: ["7001"], description: "Shared demo phone" }],
    });
    try {
      expect(sim.control.device("sep001122334455")).toMatchObject({
        name: "SEP001122334455",
        node: "cucm2",
        lines: ["7001"],
        model: 36217,
      });
      sim.control.addDevices([{ name: "CSFDEMO", node: "cucm1" }]);
      expect(sim.control.device("CSFDEMO")).toMatchObject({ model: 503, protocol: "SIP", deviceClass: "Phone" });
      expect(sim.control.removeDevices(["CSFDEMO", "NOPE"])).toBe(1);
      expect(sim.control.deviceNames()).toHaveLength(51);
    } finally {
      await sim.close();
    }
  });
});
