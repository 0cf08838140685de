import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureCtiApplications, fixtureDevices, fixtureNow } from "./fixtures";
import { startCucmSimulator, type CucmSimulator } from "./index";
import { ctiQuery, post, readCtiReply, type CtiQuery } from "@/lib/testing/cucm-sim";

let sim: CucmSimulator;

beforeAll(async () => {
  sim = await startCucmSimulator({
    nodes: 3,
    devices: 0,
    ctiApplications: 0,
    explicitDevices: fixtureDevices,
    explicitCtiApplications: fixtureCtiApplications,
    budgetPerMinute: 10_000,
    clock: () => fixtureNow,
  });
});
afterAll(() => sim.close());

const ask = async (query: CtiQuery) => readCtiReply((await post(sim, ctiQuery(query))).text);
const items = async (query: CtiQuery) => (await ask(query)).nodes.flatMap((node) => node.items);
const summary = async (query: CtiQuery): Promise<string[]> =>
  (await items(query))
    .map((item) => [item.UserId, item.CtiDevice?.DeviceName, item.CtiLine?.DirNumber].filter(Boolean).join(" "))
    .sort();

describe("selectCtiItem", () => {
  it("answers in the seed's shape", async () => {
    const reply = await post(
      sim,
      ctiQuery({ ctiMgrClass: "Line", appItems: ["jtapi_uccx-10.200.0.1-4963"], devNames: ["CTIP-UCCX-0001"] }),
    );
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(
      '<ns1:selectCtiItemResponse xmlns:ns1="http://schemas.cisco.com/ast/soap"><ns1:selectCtiItemReturn><ns1:SelectCtiItemResult><ns1:TotalItemsFound>1</ns1:TotalItemsFound><ns1:CtiNodes>',
    );
    expect(reply.text).toContain(
      '<ns1:AppIpv6Addr xsi:nil="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
    );
    expect(reply.text).toContain("<ns1:StateInfo>&lt;StateInfo ClusterWide=&quot;1&quot;");
    const [item] = readCtiReply(reply.text).nodes.flatMap((node) => node.items);
    expect(Object.keys(item ?? {})).toEqual([
      "AppId",
      "UserId",
      "AppIpAddr",
      "AppIpv6Addr",
      "AppStatus",
      "AppStatusReason",
      "AppTimeStamp",
      "CtiDevice",
      "CtiLine",
    ]);
    expect(item).toMatchObject({
      AppId: "jtapi_uccx-10.200.0.1-4963",
      UserId: "jtapi_uccx",
      AppIpAddr: "10.200.0.1",
      AppStatus: "Open",
    });
    expect(Object.keys(item?.CtiDevice ?? {})).toEqual([
      "AppControlsMedia",
      "DeviceName",
      "DeviceStatus",
      "DeviceStatusReason",
      "DeviceTimeStamp",
    ]);
    expect(item?.CtiDevice).toMatchObject({
      AppControlsMedia: "true",
      DeviceName: "CTIP-UCCX-0001",
      DeviceStatus: "Open",
    });
    expect(Object.keys(item?.CtiLine ?? {})).toEqual(["DirNumber", "LineStatus", "LineStatusReason", "LineTimeStamp"]);
    expect(item?.CtiLine).toMatchObject({ DirNumber: "5001", LineStatus: "Open" });
  });

  it("lists one item per application, per controlled device or per controlled line, by class", async () => {
    expect(await summary({ ctiMgrClass: "Provider" })).toEqual([
      "cuac_console",
      "jtapi_uccx",
      "recorder_app",
      "tapi_crm",
    ]);
    const providers = await items({ ctiMgrClass: "Provider" });
    expect(providers.every((item) => item.CtiDevice["@_nil"] === "1" && item.CtiLine["@_nil"] === "1")).toBe(true);
    expect(await summary({ ctiMgrClass: "Device" })).toEqual([
      "cuac_console SEP0A1111111111",
      "jtapi_uccx CTIP-UCCX-0001",
      "jtapi_uccx CTIRP-IVR-0001",
      "recorder_app SEPB0B0B0B0B0B0",
      "tapi_crm SEP0A2222222222",
    ]);
    expect(await summary({ ctiMgrClass: "Line" })).toEqual([
      "cuac_console SEP0A1111111111 1001",
      "jtapi_uccx CTIP-UCCX-0001 5001",
      "jtapi_uccx CTIRP-IVR-0001 5000",
      "recorder_app SEPB0B0B0B0B0B0 2001",
      "tapi_crm SEP0A2222222222 1002",
      "tapi_crm SEP0A2222222222 1003",
    ]);
  });

  it("filters by the status of the level the class asks about", async () => {
    expect(await summary({ ctiMgrClass: "Provider", status: "Open" })).toEqual(["jtapi_uccx", "tapi_crm"]);
    expect(await summary({ ctiMgrClass: "Provider", status: "Closed" })).toEqual(["cuac_console"]);
    expect(await summary({ ctiMgrClass: "Provider", status: "OpenFailed" })).toEqual(["recorder_app"]);
    expect(await summary({ ctiMgrClass: "Device", status: "OpenFailed" })).toEqual(["tapi_crm SEP0A2222222222"]);
    expect(await summary({ ctiMgrClass: "Device", status: "Open" })).toEqual([
      "jtapi_uccx CTIP-UCCX-0001",
      "jtapi_uccx CTIRP-IVR-0001",
    ]);
    expect(await summary({ ctiMgrClass: "Line", status: "Closed" })).toEqual([
      "cuac_console SEP0A1111111111 1001",
      "recorder_app SEPB0B0B0B0B0B0 2001",
    ]);
  });

  it("selects applications by AppId, AppIPV4Address, AppIPV6Address and UserId", async () => {
    expect(
      await summary({ ctiMgrClass: "Provider", selectAppBy: "AppId", appItems: ["tapi_crm-10.200.0.4-7300"] }),
    ).toEqual(["tapi_crm"]);
    expect(await summary({ ctiMgrClass: "Provider", selectAppBy: "AppId", appItems: ["jtapi*"] })).toEqual([
      "jtapi_uccx",
    ]);
    expect(await summary({ ctiMgrClass: "Provider", selectAppBy: "AppIPV4Address", appItems: ["10.200.0.2"] })).toEqual(
      ["cuac_console"],
    );
    expect(
      await summary({ ctiMgrClass: "Provider", selectAppBy: "AppIPV6Address", appItems: ["2001:db8:cafe::2"] }),
    ).toEqual(["cuac_console"]);
    expect(await summary({ ctiMgrClass: "Provider", selectAppBy: "UserId", appItems: ["recorder_app"] })).toEqual([
      "recorder_app",
    ]);
  });

  it("narrows by DevNames, and by DirNumbers only for Line queries", async () => {
    expect(await summary({ ctiMgrClass: "Device", devNames: ["CTIRP-IVR-0001"] })).toEqual([
      "jtapi_uccx CTIRP-IVR-0001",
    ]);
    expect(await summary({ ctiMgrClass: "Line", dirNumbers: ["1003"] })).toEqual(["tapi_crm SEP0A2222222222 1003"]);
    expect(await summary({ ctiMgrClass: "Device", dirNumbers: ["1003"] })).toHaveLength(5);
  });

  it("honours MaxReturnedItems and NodeName", async () => {
    expect((await ask({ ctiMgrClass: "Line", maxReturned: 2 })).total).toBe(2);
    const one = await ask({ ctiMgrClass: "Provider", nodeName: "cucm1" });
    expect(one.nodes.map((node) => node.name)).toEqual(["cucm1"]);
    expect(one.total).toBe(2);
    expect((await ask({ ctiMgrClass: "Provider", nodeName: "nosuchnode" })).nodes[0]?.returnCode).toBe(
      "InvalidNodeName",
    );
  });

  it("answers NoChange for an identical query until an application on that node changes", async () => {
    const first = await ask({ ctiMgrClass: "Provider" });
    const same = await ask({ ctiMgrClass: "Provider", stateInfo: first.stateInfo });
    expect(same.total).toBe(0);
    expect(same.nodes.every((node) => node.noChange)).toBe(true);
    sim.control.setCtiApplicationStatus("recorder_app-10.200.0.3-6200", "Open");
    const changed = await ask({ ctiMgrClass: "Provider", stateInfo: first.stateInfo });
    expect(changed.nodes.map((node) => [node.name, node.noChange])).toEqual([
      ["cucm1", true],
      ["cucm2", false],
      ["cucm3", true],
    ]);
    expect(changed.nodes[1]?.items[0]).toMatchObject({ UserId: "recorder_app", AppStatus: "Open" });
  });
});
