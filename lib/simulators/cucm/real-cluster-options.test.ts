// The options that make the simulator behave as a real cluster may: names matched
// case-sensitively, a limit on SelectItems per request, a fixed 1000 reply cap, mixed-case names.
import { afterEach, describe, expect, it } from "vitest";
import { generateFleet } from "./fleet";
import { startCucmSimulator, type CucmSimulator } from "./index";
import { allDevices, cmQuery, post, readCmReply, readXml } from "@/lib/testing/cucm-sim";

let sim: CucmSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const devices = [
  { name: "CiscoUM1-VI1", node: "cucm1" },
  { name: "csfjdoe", node: "cucm1" },
  { name: "AN0A1B2C3D4E5F", node: "cucm2" },
  { name: "Lobby_Phone-2.b@hq/1", node: "cucm2" },
  { name: "SEP001122334455", node: "cucm1" },
];
const names = async (items: string[], method?: "selectCmDeviceExt") =>
  allDevices(readCmReply((await post(sim!, cmQuery({ items, method }))).text))
    .map((device) => device.Name as string)
    .sort();

describe("name matching", () => {
  it("is case-insensitive by default", async () => {
    sim = await startCucmSimulator({
      nodes: 2,
      devices: 0,
      ctiApplications: 0,
      explicitDevices: devices,
      budgetPerMinute: 10_000,
    });
    expect(await names(["CSF*", "ciscoum1-vi1"])).toEqual(["CiscoUM1-VI1", "csfjdoe"]);
  });

  it("compares names, prefixes and patterns exactly when case-sensitive", async () => {
    sim = await startCucmSimulator({
      nodes: 2,
      devices: 0,
      ctiApplications: 0,
      explicitDevices: devices,
      budgetPerMinute: 10_000,
      nameMatching: "case-sensitive",
    });
    expect(await names(["CSF*", "ciscoum1-vi1", "CSFJDOE"])).toEqual([]);
    expect(await names(["csf*", "CiscoUM1-VI1", "Lobby_Phone-2.b@hq/1", "*4E5F"])).toEqual([
      "AN0A1B2C3D4E5F",
      "CiscoUM1-VI1",
      "Lobby_Phone-2.b@hq/1",
      "csfjdoe",
    ]);
    expect(await names(["csfjdoe", "sep001122334455"], "selectCmDeviceExt")).toEqual(["csfjdoe"]);
    expect((await names(["*"])).length).toBe(5);
  });
});

describe("limits", () => {
  it("faults a request with more SelectItems than allowed, in the SOAP fault shape", async () => {
    sim = await startCucmSimulator({
      nodes: 1,
      devices: 0,
      ctiApplications: 0,
      explicitDevices: devices.map((d) => ({ ...d, node: "cucm1" })),
      budgetPerMinute: 10_000,
      maxSelectItems: 3,
    });
    const reply = await post(sim, cmQuery({ items: ["a", "b", "c", "d"] }));
    expect(reply.status).toBe(500);
    expect(readXml(reply.text).Envelope.Body.Fault).toMatchObject({
      faultcode: "soapenv:Server.userException",
      faultstring: "AxisFault: Too many items in the request: 4; at most 3 are allowed",
    });
    expect((await post(sim, cmQuery({ items: ["a", "b", "csfjdoe"] }))).status).toBe(200);
    sim.control.setMaxSelectItems(null);
    expect((await post(sim, cmQuery({ items: ["a", "b", "c", "d"] }))).status).toBe(200);
  });

  it("returns at most the reply cap whatever MaxReturnedDevices asks", async () => {
    sim = await startCucmSimulator({ nodes: 2, devices: 1500, ctiApplications: 0, budgetPerMinute: 10_000 });
    const reply = readCmReply((await post(sim, cmQuery({ items: ["*"], maxReturned: 2000 }))).text);
    expect(allDevices(reply)).toHaveLength(1000);
  });
});

describe("mixed-case fleet", () => {
  it("names the asked share in lower or mixed case, and changes nothing when the share is 0", () => {
    const base = { devices: 4000, nodeNames: ["cucm1", "cucm2"], seed: 9, nowSeconds: 1_700_000_000, staleShare: 0.02 };
    const plain = generateFleet(base);
    expect(generateFleet({ ...base, mixedCaseShare: 0 })).toEqual(plain);
    const mixed = generateFleet({ ...base, mixedCaseShare: 0.05 })
      .map((spec) => spec.name)
      .filter((name) => name !== name.toUpperCase());
    expect(mixed.length).toBeGreaterThan(120);
    expect(mixed.length).toBeLessThan(280);
    expect(new Set(mixed.map((name) => name.toUpperCase())).size).toBe(mixed.length);
  });
});
