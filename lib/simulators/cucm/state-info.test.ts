import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtureDevices, fixtureNow } from "./fixtures";
import { startCucmSimulator, type CucmSimulator } from "./index";
import { decodeStateInfo, encodeStateInfo, nodeUnchanged } from "./state-info";
import { cmQuery, post, readCmReply, type CmQuery } from "@/lib/testing/cucm-sim";

let sim: CucmSimulator;

beforeEach(async () => {
  sim = await startCucmSimulator({
    nodes: 3,
    devices: 0,
    ctiApplications: 0,
    explicitDevices: fixtureDevices,
    budgetPerMinute: 10_000,
    clock: () => fixtureNow,
  });
});
afterEach(() => sim.close());

const ask = async (query: CmQuery) => readCmReply((await post(sim, cmQuery(query))).text);

describe("StateInfo", () => {
  it("round-trips Cisco's shape plus the query fingerprint", () => {
    const text = encodeStateInfo("q1", [
      { name: "cucm3", subsystemStartTime: 1411513436, stateId: 84, totalItemsFound: 1, totalItemsReturned: 1 },
    ]);
    expect(text).toBe(
      '<StateInfo ClusterWide="1" Query="q1"><Node Name="cucm3" SubsystemStartTime="1411513436" StateId="84" TotalItemsFound="1" TotalItemsReturned="1"/></StateInfo>',
    );
    const decoded = decodeStateInfo(text);
    expect(nodeUnchanged(decoded, "q1", { name: "CUCM3", subsystemStartTime: 1411513436, stateId: 84 })).toBe(true);
    expect(nodeUnchanged(decoded, "q2", { name: "cucm3", subsystemStartTime: 1411513436, stateId: 84 })).toBe(false);
    expect(nodeUnchanged(decoded, "q1", { name: "cucm3", subsystemStartTime: 1411513436, stateId: 85 })).toBe(false);
    expect(decodeStateInfo("not xml <<")).toBeUndefined();
    expect(decodeStateInfo("")).toBeUndefined();
  });

  it("answers NoChange=true and TotalDevicesFound=0 for an identical query when nothing changed", async () => {
    const first = await ask({ items: ["*"] });
    expect(first.total).toBe(9);
    expect(first.stateInfo).toContain('<StateInfo ClusterWide="1"');
    const reply = await post(sim, cmQuery({ items: ["*"], stateInfo: first.stateInfo }));
    expect(reply.text).toContain(
      '<ns1:NoChange>true</ns1:NoChange><ns1:CmDevices xsi:nil="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
    );
    const second = readCmReply(reply.text);
    expect(second.total).toBe(0);
    expect(second.nodes.map((node) => [node.name, node.returnCode, node.noChange, node.devices.length])).toEqual([
      ["cucm1", "Ok", true, 0],
      ["cucm2", "Ok", true, 0],
      ["cucm3", "Ok", true, 0],
    ]);
    // The StateInfo of a NoChange reply still describes the same state.
    expect((await ask({ items: ["*"], stateInfo: second.stateInfo })).total).toBe(0);
  });

  it("sends full data only for the node whose devices changed", async () => {
    const first = await ask({ items: ["*"] });
    sim.control.setDeviceStatus("CSFAADLER", "UnRegistered");
    const reply = await ask({ items: ["*"], stateInfo: first.stateInfo });
    expect(reply.nodes.map((node) => [node.name, node.noChange])).toEqual([
      ["cucm1", true],
      ["cucm2", false],
      ["cucm3", true],
    ]);
    const cucm2 = reply.nodes[1];
    expect(cucm2?.devices.map((device) => device.Name).sort()).toEqual(["BOTZOE", "CSFAADLER", "SEPB0B0B0B0B0B0"]);
    expect(cucm2?.devices.find((device) => device.Name === "CSFAADLER")?.Status).toBe("UnRegistered");
    expect(reply.total).toBe(3);
    expect((await ask({ items: ["*"], stateInfo: reply.stateInfo })).total).toBe(0);
  });

  it("can treat any change in the cluster as a change for every node", async () => {
    sim.control.setReplyShape({ noChangeScope: "cluster" });
    const first = await ask({ items: ["*"] });
    sim.control.setDeviceStatus("CSFAADLER", "UnRegistered");
    const reply = await ask({ items: ["*"], stateInfo: first.stateInfo });
    expect(reply.nodes.every((node) => !node.noChange)).toBe(true);
    expect(reply.total).toBe(9);
  });

  it("also reads a StateInfo a client embeds as raw XML instead of escaped text", async () => {
    const first = await ask({ items: ["*"] });
    const body = cmQuery({ items: ["*"] }).replace(
      "<soap:StateInfo></soap:StateInfo>",
      `<soap:StateInfo>${first.stateInfo}</soap:StateInfo>`,
    );
    expect(readCmReply((await post(sim, body)).text).total).toBe(0);
  });

  it("ignores a StateInfo from a different query, and one it cannot read", async () => {
    const first = await ask({ items: ["*"] });
    expect((await ask({ items: ["SEP*"], stateInfo: first.stateInfo })).total).toBe(4);
    expect((await ask({ items: ["*"], maxReturned: 999, stateInfo: first.stateInfo })).total).toBe(9);
    expect((await ask({ method: "selectCmDeviceExt", items: ["CSFAADLER"], stateInfo: first.stateInfo })).total).toBe(
      1,
    );
    expect((await ask({ items: ["*"], stateInfo: "garbage" })).total).toBe(9);
  });

  it("counts failovers, added and removed devices and a node restart as changes", async () => {
    let info = (await ask({ items: ["*"] })).stateInfo;
    const changedNodes = async (): Promise<string[]> => {
      const reply = await ask({ items: ["*"], stateInfo: info });
      info = reply.stateInfo;
      return reply.nodes.filter((node) => !node.noChange).map((node) => node.name);
    };
    sim.control.failoverDevices(["CTIP-UCCX-0001"], "cucm1");
    expect(await changedNodes()).toEqual(["cucm1", "cucm3"]);
    sim.control.addDevices([{ name: "SEP0C0C0C0C0C0C", node: "cucm2" }]);
    expect(await changedNodes()).toEqual(["cucm2"]);
    sim.control.removeDevices(["SEP0C0C0C0C0C0C"]);
    expect(await changedNodes()).toEqual(["cucm2"]);
    sim.control.setNodeDown("cucm3");
    sim.control.advanceClock(5_000);
    sim.control.setNodeDown("cucm3", false);
    expect(await changedNodes()).toEqual(["cucm3"]);
    expect(await changedNodes()).toEqual([]);
  });
});
