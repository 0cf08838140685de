// The RisPort client against the CUCM simulator over loopback: field by field, CTI classes,
// credentials, and the budget as a person waiting sees it.
import { afterEach, describe, expect, it } from "vitest";
import { AuthError } from "@/lib/soap/errors";
import { BudgetSpent } from "../budget/budget";
import { startTestCluster, type TestCluster } from "@/lib/testing/risport-sim-harness";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const now = Math.floor(Date.UTC(2025, 0, 6, 9, 0, 0) / 1000);

const explicitDevices = [
  {
    name: "SEP0A1111111111",
    node: "cucm1",
    model: 683,
    protocol: "SIP" as const,
    lines: ["1001", "+14085551002"],
    ipv4: "10.0.0.1",
    ipv6: "2001:db8::1",
    description: "Anna Adler 8841",
    loginUserId: "aadler",
    downloadStatus: "Upgrading" as const,
    inactiveLoadId: "sip88xx.14-3-1-0001-10",
    downloadServer: "10.0.0.21",
    timeStamp: now - 100,
  },
  {
    name: "SEPB0B0B0B0B0B0",
    node: "cucm2",
    model: 7,
    protocol: "SCCP" as const,
    lines: ["2001"],
    ipv4: "10.0.1.1",
    description: "Lobby 7960",
    status: "UnRegistered" as const,
    statusReason: 10,
    timeStamp: now - 50,
    staleRegistrations: [{ node: "cucm1", timeStamp: now - 5000, statusReason: 13 }],
  },
  {
    name: "CTIP-UCCX-0001",
    node: "cucm3",
    model: 72,
    lines: ["5001"],
    ipv4: "10.0.2.1",
    description: "UCCX port 1",
    timeStamp: now - 60,
  },
  {
    name: "CTIRP-IVR-0001",
    node: "cucm3",
    model: 73,
    lines: ["5000"],
    ipv4: "10.0.2.1",
    description: "IVR trigger",
    timeStamp: now - 60,
  },
  {
    name: "AALN/S0/SU0/0@br-gw01",
    node: "cucm3",
    model: 30,
    lines: ["4001"],
    ipv4: "10.0.3.1",
    description: "Fax line",
    timeStamp: now - 70,
  },
];

const explicitCtiApplications = [
  {
    userId: "jtapi_uccx",
    ipv4: "10.200.0.1",
    port: 4963,
    node: "cucm3",
    status: "Open" as const,
    deviceNames: ["CTIP-UCCX-0001", "CTIRP-IVR-0001"],
  },
  {
    userId: "cuac_console",
    ipv4: "10.200.0.2",
    ipv6: "2001:db8:cafe::2",
    port: 5100,
    node: "cucm1",
    status: "Closed" as const,
    deviceNames: ["SEP0A1111111111"],
  },
  {
    userId: "recorder_app",
    ipv4: "10.200.0.3",
    port: 6200,
    node: "cucm2",
    status: "OpenFailed" as const,
    deviceNames: ["SEPB0B0B0B0B0B0"],
  },
  // Open, but its phone is unregistered: the device fails to open.
  {
    userId: "tapi_crm",
    ipv4: "10.200.0.4",
    port: 7300,
    node: "cucm1",
    status: "Open" as const,
    deviceNames: ["SEPB0B0B0B0B0B0"],
  },
];

const small = () =>
  startTestCluster({ nodes: 3, devices: 0, explicitDevices, ctiApplications: 0, explicitCtiApplications });

describe("RisPort client against the simulator", () => {
  it("reads every field of a device as the simulator holds it, stale copies merged away", async () => {
    cluster = await small();
    const { sim, client } = cluster;
    const result = await client.selectCmDevice({ selectItems: ["*"] });
    expect(result.records).toHaveLength(6);
    expect(result.devices).toHaveLength(5);
    for (const device of result.devices) {
      const truth = sim.control.device(device.name)!;
      expect(device).toEqual({
        name: truth.name,
        description: truth.description,
        model: { code: truth.model, name: expect.any(String) },
        product: truth.product,
        boxProduct: false,
        deviceClass: truth.deviceClass,
        protocol: truth.protocol,
        registrationStatus: truth.status,
        statusReason: { code: truth.statusReason, text: expect.any(String) },
        node: truth.node,
        lines: truth.lines.map((dn, index) => ({ dn, status: truth.lineStatuses[index] })),
        addresses: truth.addresses.map((address) => ({
          ip: address.ip,
          type: address.type,
          attribute: address.attribute === "Adminstrative" ? "Administrative" : address.attribute,
        })),
        firmware: {
          active: truth.firmware.activeLoadId,
          inactive: truth.firmware.inactiveLoadId,
          downloadStatus: truth.firmware.downloadStatus,
          downloadFailureReason: truth.firmware.downloadFailureReason,
          downloadServer: truth.firmware.downloadServer,
        },
        loginUserId: truth.loginUserId,
        httpd: truth.httpd,
        registrationAttempts: truth.registrationAttempts,
        isCtiControllable: truth.isCtiControllable,
        perfMonObject: truth.perfMonObject,
        dChannel: truth.dChannel,
        h323Trunk: null,
        timeStamp: truth.timeStamp,
      });
    }
    const anna = result.devices.find((device) => device.name === "SEP0A1111111111")!;
    expect(anna).toMatchObject({
      model: { code: 683, name: "Cisco 8841" },
      loginUserId: "aadler",
      lines: [
        { dn: "1001", status: "Registered" },
        { dn: "+14085551002", status: "Registered" },
      ],
      firmware: { downloadStatus: "Upgrading", inactive: "sip88xx.14-3-1-0001-10", downloadServer: "10.0.0.21" },
    });
    expect(anna.addresses.map((address) => address.type)).toEqual(["ipv4", "ipv6"]);
    expect(result.devices.find((device) => device.name === "SEPB0B0B0B0B0B0")).toMatchObject({
      node: "cucm2",
      registrationStatus: "UnRegistered",
      statusReason: { code: 10, text: "Device unregistered" },
    });
  });

  it("filters by every criterion the simulator understands", async () => {
    cluster = await small();
    const { client } = cluster;
    const names = async (criteria: Parameters<typeof client.selectCmDevice>[0]) =>
      (await client.selectCmDevice(criteria)).devices.map((device) => device.name).sort();
    expect(await names({ selectBy: "DirNumber", selectItems: ["500*"] })).toEqual(["CTIP-UCCX-0001", "CTIRP-IVR-0001"]);
    expect(await names({ selectBy: "IPV4Address", selectItems: ["10.0.0.1"] })).toEqual(["SEP0A1111111111"]);
    expect(await names({ selectBy: "IPV6Address", selectItems: ["2001:db8::1"] })).toEqual(["SEP0A1111111111"]);
    expect(await names({ selectBy: "Description", selectItems: ["Lobby*"] })).toEqual(["SEPB0B0B0B0B0B0"]);
    expect(await names({ selectItems: ["*"], deviceClass: "Cti" })).toEqual(["CTIP-UCCX-0001", "CTIRP-IVR-0001"]);
    expect(await names({ selectItems: ["*"], model: 30 })).toEqual(["AALN/S0/SU0/0@br-gw01"]);
    expect(await names({ selectItems: ["SEP*"], protocol: "SCCP" })).toEqual(["SEPB0B0B0B0B0B0"]);
    expect(await names({ selectItems: ["*"], downloadStatus: "Upgrading" })).toEqual(["SEP0A1111111111"]);
    expect(await names({ selectItems: ["*"], nodeName: "cucm3" })).toEqual([
      "AALN/S0/SU0/0@br-gw01",
      "CTIP-UCCX-0001",
      "CTIRP-IVR-0001",
    ]);
    const unregistered = await client.selectCmDevice({ selectItems: ["*"], status: "UnRegistered" });
    expect(unregistered.records.map((record) => [record.name, record.node])).toEqual([
      ["SEPB0B0B0B0B0B0", "cucm1"],
      ["SEPB0B0B0B0B0B0", "cucm2"],
    ]);
    const ext = await client.selectCmDeviceExt({ selectItems: ["SEPB0B0B0B0B0B0", "sep0a1111111111"] });
    expect(ext.records).toHaveLength(2);
    const unknownNode = await client.selectCmDevice({ selectItems: ["*"], nodeName: "cucm9" });
    expect(unknownNode.nodes).toEqual([{ node: "cucm9", returnCode: "InvalidNodeName", noChange: false, records: 0 }]);
  });

  it("reads CTI items by each class and status", async () => {
    cluster = await small();
    const { client } = cluster;
    const providers = await client.selectCtiItem({ ctiManagerClass: "Provider" });
    expect(providers.items.map((item) => [item.userId, item.status, item.node]).sort()).toEqual([
      ["cuac_console", "Closed", "cucm1"],
      ["jtapi_uccx", "Open", "cucm3"],
      ["recorder_app", "OpenFailed", "cucm2"],
      ["tapi_crm", "Open", "cucm1"],
    ]);
    expect(providers.items.find((item) => item.userId === "cuac_console")).toMatchObject({
      appId: "cuac_console-10.200.0.2-5100",
      ipv4Address: "10.200.0.2",
      ipv6Address: "2001:db8:cafe::2",
      statusReason: 2,
      devices: [],
      lines: [],
    });
    for (const [status, count] of [
      ["Open", 2],
      ["Closed", 1],
      ["OpenFailed", 1],
      ["Unknown", 0],
    ] as const) {
      const filtered = await client.selectCtiItem({ ctiManagerClass: "Provider", status });
      expect(filtered.items.map((item) => item.status)).toEqual(Array(count).fill(status));
    }
    const devices = await client.selectCtiItem({ ctiManagerClass: "Device" });
    expect(devices.items.flatMap((item) => item.devices.map((device) => [device.name, device.status])).sort()).toEqual([
      ["CTIP-UCCX-0001", "Open"],
      ["CTIRP-IVR-0001", "Open"],
      ["SEP0A1111111111", "Closed"],
      ["SEPB0B0B0B0B0B0", "Closed"],
      ["SEPB0B0B0B0B0B0", "OpenFailed"],
    ]);
    const failedDevices = await client.selectCtiItem({ ctiManagerClass: "Device", status: "OpenFailed" });
    expect(failedDevices.items.map((item) => [item.userId, item.devices[0]?.name])).toEqual([
      ["tapi_crm", "SEPB0B0B0B0B0B0"],
    ]);
    expect(devices.items.find((item) => item.devices[0]?.name === "CTIP-UCCX-0001")?.devices[0]).toMatchObject({
      appControlsMedia: true,
    });
    const lines = await client.selectCtiItem({ ctiManagerClass: "Line", dirNumbers: ["5001"] });
    expect(lines.items.flatMap((item) => item.lines)).toEqual([
      { dn: "5001", deviceName: "CTIP-UCCX-0001", status: "Open", statusReason: 0, timeStamp: expect.any(Number) },
    ]);
    const closedLines = await client.selectCtiItem({ ctiManagerClass: "Line", status: "Closed" });
    expect(closedLines.items.flatMap((item) => item.lines.map((line) => line.dn)).sort()).toEqual([
      "+14085551002",
      "1001",
      "2001",
    ]);
    const byUser = await client.selectCtiItem({
      ctiManagerClass: "Device",
      selectAppBy: "UserId",
      appItems: ["recorder_app"],
    });
    expect(byUser.items.map((item) => item.userId)).toEqual(["recorder_app"]);
  });

  it("reads a refused password as AuthError", async () => {
    cluster = await startTestCluster({ nodes: 2, devices: 10, password: "wrong" });
    const error = await cluster.client.selectCmDevice({ selectItems: ["*"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).userMessage).toMatch(/user name or password/);
    expect(cluster.sim.control.requestCounters().byOutcome.unauthorized).toBe(1);
  });

  it("tells a person when the budget is spent and when the next slot comes", async () => {
    cluster = await startTestCluster({ nodes: 2, devices: 10 });
    const { client, clock, sim } = cluster;
    const start = clock.now();
    for (let index = 0; index < 12; index++) await client.selectCmDevice({ selectItems: ["*"] }, { wait: false });
    const error = await client
      .selectCmDevice({ selectItems: ["*"] }, { wait: false })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpent);
    expect((error as BudgetSpent).nextSlotAt).toBe(start + 60_000);
    expect(sim.control.requestCounters().total).toBe(12);
  });

  it("reads a node that is down as NodeNotResponding while the others answer", async () => {
    cluster = await small();
    const { sim, client } = cluster;
    sim.control.setNodeDown("cucm3");
    const result = await client.selectCmDevice({ selectItems: ["*"] });
    expect(result.nodes.map((node) => [node.node, node.returnCode])).toEqual([
      ["cucm1", "Ok"],
      ["cucm2", "Ok"],
      ["cucm3", "NodeNotResponding"],
    ]);
    expect(result.devices.map((device) => device.name).sort()).toEqual(["SEP0A1111111111", "SEPB0B0B0B0B0B0"]);
  });
});
