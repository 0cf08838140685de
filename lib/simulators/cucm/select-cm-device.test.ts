import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureDevices, fixtureNow } from "./fixtures";
import { startCucmSimulator, type CucmSimulator } from "./index";
import { allDevices, cmQuery, post, readCmReply, readXml, type CmQuery } from "@/lib/testing/cucm-sim";

let sim: CucmSimulator;

beforeAll(async () => {
  sim = await startCucmSimulator({
    nodes: 3,
    devices: 0,
    ctiApplications: 0,
    explicitDevices: fixtureDevices,
    budgetPerMinute: 10_000,
    clock: () => fixtureNow,
  });
});
afterAll(() => sim.close());

const names = async (query: CmQuery): Promise<string[]> =>
  allDevices(readCmReply((await post(sim, cmQuery(query))).text))
    .map((device) => device.Name as string)
    .sort();

describe("selectCmDevice reply shape", () => {
  it("answers in the seed's envelope with ns1 prefixes, xsi:nil empties and an escaped StateInfo", async () => {
    const reply = await post(sim, cmQuery({ items: ["SEP0A1111111111"] }));
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(reply.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><soapenv:Envelope xmlns:soapenv="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"><soapenv:Body>/,
    );
    expect(reply.text).toContain(
      '<ns1:selectCmDeviceResponse xmlns:ns1="http://schemas.cisco.com/ast/soap"><ns1:selectCmDeviceReturn><ns1:SelectCmDeviceResult><ns1:TotalDevicesFound>1</ns1:TotalDevicesFound>',
    );
    expect(reply.text).toContain(
      '<ns1:LoginUserId xsi:nil="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
    );
    expect(reply.text).toContain("<ns1:StateInfo>&lt;StateInfo ClusterWide=&quot;1&quot;");
    expect(reply.text).toContain("<ns1:DirNumber>1001-Registered</ns1:DirNumber>");
  });

  it("lists a device's fields in the seed's order", async () => {
    const reply = readCmReply((await post(sim, cmQuery({ items: ["SEP0A2222222222"] }))).text);
    const device = allDevices(reply)[0] ?? {};
    expect(Object.keys(device)).toEqual([
      "Name",
      "DirNumber",
      "DeviceClass",
      "Model",
      "Product",
      "BoxProduct",
      "Httpd",
      "RegistrationAttempts",
      "IsCtiControllable",
      "LoginUserId",
      "Status",
      "StatusReason",
      "PerfMonObject",
      "DChannel",
      "Description",
      "H323Trunk",
      "TimeStamp",
      "Protocol",
      "NumOfLines",
      "LinesStatus",
      "ActiveLoadID",
      "InactiveLoadID",
      "DownloadStatus",
      "DownloadFailureReason",
      "DownloadServer",
      "IPAddress",
    ]);
    expect(device).toMatchObject({
      DirNumber: "1002-UnRegistered,1003-UnRegistered",
      DeviceClass: "Phone",
      Model: "7",
      Status: "UnRegistered",
      StatusReason: "10",
      Protocol: "SCCP",
      NumOfLines: "2",
      ActiveLoadID: "P0030801SR02",
      Description: "Lobby 7960",
    });
    expect(device.LinesStatus.item).toEqual([
      { DirectoryNumber: "1002", Status: "UnRegistered" },
      { DirectoryNumber: "1003", Status: "UnRegistered" },
    ]);
    expect(device.IPAddress.item).toEqual([
      { IP: "10.0.0.2", IPAddrType: "ipv4", Attribute: "Adminstrative" },
      { IP: "2001:db8::2", IPAddrType: "ipv6", Attribute: "Signaling" },
    ]);
  });

  it("reports firmware download fields and the Extension Mobility user", async () => {
    const reply = readCmReply(
      (await post(sim, cmQuery({ method: "selectCmDeviceExt", items: ["SEPB0B0B0B0B0B0"] }))).text,
    );
    expect(allDevices(reply)[0]).toMatchObject({
      DownloadStatus: "Upgrading",
      InactiveLoadID: "sip88xx.14-3-1-0001-10",
      DownloadServer: "10.0.0.21",
      LoginUserId: "bberg",
    });
  });

  it("reads requests whatever the prefix: soap:, ns: or a default namespace", async () => {
    for (const prefix of ["soap", "ns", ""] as const) {
      expect(await names({ items: ["SEP0A1111111111"], prefix })).toEqual(["SEP0A1111111111"]);
    }
  });

  it("answers one CmNodes item per node, NotFound where a node has nothing", async () => {
    const reply = readCmReply((await post(sim, cmQuery({ items: ["SEP0A1111111111"] }))).text);
    expect(reply.nodes.map((node) => [node.name, node.returnCode])).toEqual([
      ["cucm1", "Ok"],
      ["cucm2", "NotFound"],
      ["cucm3", "NotFound"],
    ]);
  });

  it('can write a reply that found nothing as <CmNodes xsi:nil="1"/>', async () => {
    sim.control.setReplyShape({ zeroResult: "nil-nodes" });
    try {
      const reply = await post(sim, cmQuery({ items: ["SEPNOSUCHDEVICE"] }));
      expect(reply.text).toContain(
        '<ns1:TotalDevicesFound>0</ns1:TotalDevicesFound><ns1:CmNodes xsi:nil="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
      );
      expect(readCmReply(reply.text).cmNodesNil).toBe(true);
    } finally {
      sim.control.setReplyShape({ zeroResult: "per-node" });
    }
  });
});

describe("selection criteria", () => {
  it("selects by Name, IPV4Address, IPV6Address, DirNumber, Description and SIPStatus", async () => {
    const ext = { method: "selectCmDeviceExt" as const };
    expect(await names({ ...ext, selectBy: "Name", items: ["CSFAADLER", "sep0a1111111111"] })).toEqual([
      "CSFAADLER",
      "SEP0A1111111111",
    ]);
    expect(await names({ ...ext, selectBy: "IPV4Address", items: ["10.0.2.1"] })).toEqual([
      "CTIP-UCCX-0001",
      "CTIRP-IVR-0001",
    ]);
    expect(await names({ ...ext, selectBy: "IPV6Address", items: ["2001:db8:100::1"] })).toEqual(["BOTZOE"]);
    expect(await names({ ...ext, selectBy: "DirNumber", items: ["1001"] })).toEqual(["CSFAADLER", "SEP0A1111111111"]);
    expect(await names({ ...ext, selectBy: "DirNumber", items: ["1003"] })).toEqual(["SEP0A2222222222"]);
    expect(await names({ ...ext, selectBy: "Description", items: ["UCCX port 1"] })).toEqual(["CTIP-UCCX-0001"]);
    expect(await names({ ...ext, selectBy: "SIPStatus", items: ["UnRegistered"] })).toEqual(["BOTZOE"]);
  });

  it("takes * and prefix wildcards in selectCmDevice", async () => {
    expect(await names({ items: ["SEP0A*"] })).toEqual(["SEP0A1111111111", "SEP0A2222222222"]);
    expect(await names({ items: ["*"] })).toHaveLength(fixtureDevices.length + 1); // + one stale copy
    expect(await names({ selectBy: "IPV4Address", items: ["10.0.0.*"] })).toEqual([
      "SEP0A1111111111",
      "SEP0A2222222222",
    ]);
    expect(await names({ selectBy: "Description", items: ["*Adler*"] })).toEqual(["CSFAADLER", "SEP0A1111111111"]);
  });

  it("treats * literally in selectCmDeviceExt, which takes no wildcards", async () => {
    expect(await names({ method: "selectCmDeviceExt", items: ["*"] })).toEqual([]);
    expect(await names({ method: "selectCmDeviceExt", items: ["SEP0A*"] })).toEqual([]);
  });

  it("filters by DeviceClass, Model, Status, Protocol and DownloadStatus", async () => {
    const ext = { method: "selectCmDeviceExt" as const };
    const every = fixtureDevices.map((device) => device.name);
    expect(await names({ ...ext, items: every, deviceClass: "Cti" })).toEqual(["CTIP-UCCX-0001", "CTIRP-IVR-0001"]);
    expect(await names({ ...ext, items: every, deviceClass: "Gateway" })).toEqual(["AALN/S0/SU0/0@br-gw01"]);
    expect(await names({ ...ext, items: every, model: 683 })).toEqual(["SEPB0B0B0B0B0B0"]);
    expect(await names({ ...ext, items: every, status: "UnRegistered" })).toEqual(["BOTZOE", "SEP0A2222222222"]);
    expect(await names({ ...ext, items: every, protocol: "SCCP" })).toEqual(["CTIP-UCCX-0001", "SEP0A2222222222"]);
    expect(await names({ ...ext, items: every, downloadStatus: "Upgrading" })).toEqual(["SEPB0B0B0B0B0B0"]);
  });

  it("queries one node by NodeName and answers InvalidNodeName for a node it does not know", async () => {
    const one = readCmReply((await post(sim, cmQuery({ nodeName: "cucm3" }))).text);
    expect(one.nodes.map((node) => node.name)).toEqual(["cucm3"]);
    expect(one.total).toBe(3);
    const unknown = readCmReply((await post(sim, cmQuery({ nodeName: "cucm9" }))).text);
    expect(unknown.nodes).toEqual([{ returnCode: "InvalidNodeName", name: "cucm9", noChange: false, devices: [] }]);
    expect(unknown.total).toBe(0);
  });

  it("selects nothing without SelectItems, and reads MaxReturnedDevices 0 as the reply cap", async () => {
    expect(await names({ items: [] })).toEqual([]);
    expect(await names({ items: ["*"], maxReturned: 0 })).toHaveLength(fixtureDevices.length + 1);
    expect(await names({ items: ["*"], maxReturned: 2 })).toHaveLength(2);
  });

  it("refuses an enumeration value the WSDL does not have, with a SOAP fault", async () => {
    const reply = await post(sim, cmQuery({ status: "Online" }));
    expect(reply.status).toBe(500);
    expect(readXml(reply.text).Envelope.Body.Fault.faultcode).toBe("soapenv:Server.userException");
  });
});

describe("duplicates after failover", () => {
  it("selectCmDevice shows the stale copy UnRegistered with an older TimeStamp; Ext shows only the newest", async () => {
    const reply = readCmReply((await post(sim, cmQuery({ items: ["SEPB0B0B0B0B0B0"] }))).text);
    const copies = reply.nodes.flatMap((node) =>
      node.devices.map((device): Record<string, string> => ({ ...device, node: node.name })),
    );
    expect(copies.map((copy) => [copy.node, copy.Status])).toEqual([
      ["cucm1", "UnRegistered"],
      ["cucm2", "Registered"],
    ]);
    expect(Number(copies[0]?.TimeStamp)).toBeLessThan(Number(copies[1]?.TimeStamp));
    expect(reply.total).toBe(2);

    const ext = readCmReply(
      (await post(sim, cmQuery({ method: "selectCmDeviceExt", items: ["SEPB0B0B0B0B0B0"] }))).text,
    );
    expect(ext.total).toBe(1);
    expect(ext.nodes.find((node) => node.name === "cucm2")?.devices[0]?.Status).toBe("Registered");
  });

  it("leaves a stale copy behind when the control fails a device over", async () => {
    sim.control.failoverDevices(["SEP0A1111111111"], "cucm3");
    try {
      const reply = readCmReply((await post(sim, cmQuery({ items: ["SEP0A1111111111"] }))).text);
      const byNode = Object.fromEntries(reply.nodes.map((node) => [node.name, node.devices[0]]));
      expect(byNode.cucm1?.Status).toBe("UnRegistered");
      expect(byNode.cucm3?.Status).toBe("Registered");
      expect(Number(byNode.cucm1?.TimeStamp)).toBeLessThan(Number(byNode.cucm3?.TimeStamp));
      expect(await names({ method: "selectCmDeviceExt", items: ["SEP0A1111111111"], status: "UnRegistered" })).toEqual(
        [],
      );
    } finally {
      sim.control.failoverDevices(["SEP0A1111111111"], "cucm1");
    }
  });
});

describe("reply cap", () => {
  it("truncates silently: TotalDevicesFound is what was returned", async () => {
    const big = await startCucmSimulator({ nodes: 2, devices: 2500, replyCap: 1000, budgetPerMinute: 1000 });
    try {
      const full = readCmReply((await post(big, cmQuery({ items: ["*"], maxReturned: 5000 }))).text);
      expect(full.total).toBe(1000);
      expect(allDevices(full)).toHaveLength(1000);
      const found = [...full.stateInfo.matchAll(/TotalItemsFound="(\d+)"/g)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      expect(found).toBe(1000);
      const asked = readCmReply((await post(big, cmQuery({ items: ["*"], maxReturned: 10 }))).text);
      expect(asked.total).toBe(10);
      big.control.setReplyCap(200);
      expect(readCmReply((await post(big, cmQuery({ items: ["*"] }))).text).total).toBe(200);
    } finally {
      await big.close();
    }
  });
});
