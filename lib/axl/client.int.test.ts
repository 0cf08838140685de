// The AXL client against the simulated cluster over loopback HTTP: the schema version learned
// after a 599, every configured device read through the paged SQL (pages shrunk on "too large")
// with its device pool, including those RisPort never saw, listPhone paging, a restart seen in the
// cluster's registration, and the typed refusals (401, 503, 5007).
import { afterEach, describe, expect, test } from "vitest";
import { startCucmSimulator, type CucmSimulator, type CucmSimulatorOptions } from "@/lib/simulators/cucm";
import { AuthError, RateLimited } from "@/lib/soap/errors";
import { createAxlClient, type AxlClientOptions } from "./client";
import { AxlFault } from "./errors";

let sim: CucmSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const credentials = { user: "axladmin", password: "axl-secret" };
async function start(options: CucmSimulatorOptions = {}) {
  sim = await startCucmSimulator({ nodes: 2, devices: 240, seed: 7, ctiApplications: 0, credentials, ...options });
  return sim;
}
const devicesOf = (cluster: CucmSimulator) =>
  cluster.control.deviceNames().map((name) => cluster.control.device(name)!);
const clientOf = (cluster: CucmSimulator, extra: Partial<AxlClientOptions> = {}) =>
  createAxlClient({
    url: cluster.axlUrls[0]!,
    username: credentials.user,
    password: credentials.password,
    timeoutMs: 10_000,
    ...extra,
  });

describe("AXL client against the simulated cluster", () => {
  test("learns the schema after a 599 and reads every configured device, never-registered ones with their pool", async () => {
    const cluster = await start({ neverRegistered: 30, axlVersions: ["12.5", "14.0"], axlMaxRows: 120 });
    const client = clientOf(cluster, { pageSize: 500 });
    expect(await client.version()).toBe("14.0.1.11900(132)");
    const devices = await client.configuredDevices();

    const known = devicesOf(cluster).filter((d) => !d.configuredOnly);
    const spare = devicesOf(cluster).filter((d) => d.configuredOnly);
    expect(spare).toHaveLength(30);
    expect(devices.map((d) => d.name).sort()).toEqual([...known, ...spare].map((d) => d.name).sort());
    for (const device of devices) {
      const simulated = cluster.control.device(device.name)!;
      expect(device.devicePool, device.name).toBe(simulated.devicePool);
      expect(device.location, device.name).toBe(simulated.location);
      expect(
        device.lines.map((l) => l.dn),
        device.name,
      ).toEqual(simulated.lines);
    }
    // 500 was too large for the cluster (at most 120 rows): one fault, then pages below its suggestion.
    const counters = cluster.control.axlCounters();
    expect(counters.faults).toBe(1);
    expect(counters.byOperation.executeSQLQuery).toBeGreaterThanOrEqual(1 + Math.ceil(devices.length / 119));
  });

  test("listPhone pages through the phones by name with skip and first", async () => {
    const cluster = await start();
    const phones = await clientOf(cluster, { pageSize: 37 }).listPhones({ name: "SEP%" });
    const expected = devicesOf(cluster)
      .filter((d) => d.name.toUpperCase().startsWith("SEP") && d.deviceClass === "Phone")
      .map((d) => d.name.toUpperCase())
      .sort();
    expect(phones.map((p) => p.name.toUpperCase()).sort()).toEqual(expected);
    expect(new Set(phones.map((p) => p.name)).size).toBe(phones.length);
    expect(phones.every((p) => p.devicePool && p.uuid)).toBe(true);
  });

  test("a restart takes the phone out of registration until it comes back; an unknown phone is fault 5007", async () => {
    const cluster = await start();
    const client = clientOf(cluster);
    const phone = devicesOf(cluster).find((d) => d.status === "Registered" && d.deviceClass === "Phone")!;
    expect(await client.resetDevice(phone.name, "restart")).toBe(true);
    expect(cluster.control.device(phone.name)!.status).toBe("UnRegistered");
    expect(cluster.control.axlResets()).toEqual([expect.objectContaining({ name: phone.name, hard: false })]);
    cluster.control.advanceClock(60_000);
    expect(cluster.control.device(phone.name)!.status).toBe("Registered");

    const missing = await client.resetDevice("SEP000000000000", "reset").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AxlFault);
    expect((missing as AxlFault).axlCode).toBe(5007);
  });

  test("wrong credentials are an AuthError; a busy AXL service is RateLimited", async () => {
    const cluster = await start();
    await expect(clientOf(cluster, { password: "wrong" }).version()).rejects.toBeInstanceOf(AuthError);
    cluster.control.setAxlBusy(true);
    await expect(clientOf(cluster).version()).rejects.toBeInstanceOf(RateLimited);
  });
});
