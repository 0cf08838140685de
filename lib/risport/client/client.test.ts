import { describe, expect, it } from "vitest";
import {
  AuthError,
  ProtocolError,
  RateLimited,
  SoapFault,
  TimeoutError,
  TransportError,
  UnsafeInputError,
} from "@/lib/soap/errors";
import type { PostXmlOptions, XmlReply } from "@/lib/soap/transport";
import { BudgetSpent, createRateBudget } from "../budget/budget";
import { createMemoryBudgetStore } from "../budget/budget-store";
import { createRisportClient } from "./client";
import { createFakeClock } from "@/lib/testing/fake-clock";
import { fixture } from "../fixtures/read";

const NODES = [
  "https://cucm1:8443/realtimeservice2/services/RISService70",
  "https://cucm2:8443/realtimeservice2/services/RISService70",
];
const xml = (name: string, status = 200): XmlReply => ({
  status,
  headers: { "content-type": "text/xml" },
  body: fixture(name),
});

function setup(answers: ((options: PostXmlOptions) => XmlReply | Promise<XmlReply>)[], budgetOptions = {}) {
  const clock = createFakeClock();
  const store = createMemoryBudgetStore();
  const budget = createRateBudget({
    clusterId: "c1",
    store,
    clock: clock.now,
    sleep: clock.sleep,
    jitter: () => 500,
    ...budgetOptions,
  });
  const sent: PostXmlOptions[] = [];
  const post = async (options: PostXmlOptions) => {
    sent.push(options);
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    return answer(options);
  };
  const client = createRisportClient({
    nodes: NODES,
    username: "risuser",
    password: "s3cret",
    tls: { mode: "insecure" },
    timeoutMs: 5_000,
    budget,
    post,
  });
  return { client, sent, budget, clock, store };
}

describe("createRisportClient", () => {
  it("POSTs document/literal SOAP with the bare method as SOAPAction, Basic credentials and the node URL", async () => {
    const { client, sent } = setup([() => xml("seed-select-cm-device.xml")]);
    const result = await client.selectCmDevice(
      { selectBy: "DirNumber", selectItems: ["6961"] },
      { stateInfo: "<StateInfo/>" },
    );
    expect(sent[0]).toMatchObject({
      url: NODES[0],
      username: "risuser",
      password: "s3cret",
      soapAction: "selectCmDevice",
      tls: { mode: "insecure" },
      contentType: "text/xml; charset=utf-8",
    });
    expect(sent[0]?.body).toContain("<soap:StateInfo>&lt;StateInfo/&gt;</soap:StateInfo>");
    expect(result).toMatchObject({ noChange: false, truncated: false, answeredBy: NODES[0], totalFound: 1 });
    expect(result.devices.map((device) => device.name)).toEqual(["SEPE8B7480316D6"]);
    expect(result.nodes).toEqual([{ node: "cucm3", returnCode: "Ok", noChange: false, records: 1 }]);
  });

  it("uses selectCmDeviceExt and selectCtiItem as their own SOAPActions", async () => {
    const { client, sent } = setup([() => xml("seed-select-cm-device-ext.xml"), () => xml("seed-select-cti-item.xml")]);
    await client.selectCmDeviceExt({ selectItems: ["SEPE8B7480316D6"] });
    const cti = await client.selectCtiItem({ ctiManagerClass: "Line", dirNumbers: ["1002"] });
    expect(sent.map((options) => options.soapAction)).toEqual(["selectCmDeviceExt", "selectCtiItem"]);
    expect(cti.items[0]).toMatchObject({ appId: "cucmuser-192.168.168.169-4963", status: "Closed", node: "cucm3" });
  });

  it("merges nodes, keeps each node's outcome, and reads NoChange and zero results", async () => {
    const { client } = setup([
      () => xml("multi-node-duplicates.xml"),
      () => xml("seed-nochange.xml"),
      () => xml("zero-result.xml"),
    ]);
    const merged = await client.selectCmDevice({ selectItems: ["*"] });
    expect(merged.devices.map((device) => [device.name, device.node, device.registrationStatus])).toEqual([
      ["SEP001B54AABBCC", "cucm2", "Registered"],
      ["CSFANNA", "cucm1", "Registered"],
    ]);
    expect(merged.records).toHaveLength(3);
    expect(merged.nodes.map((node) => node.returnCode)).toEqual(["Ok", "Ok", "NodeNotResponding"]);
    const unchanged = await client.selectCmDevice({ selectItems: ["*"] }, { stateInfo: "x" });
    expect(unchanged).toMatchObject({ noChange: true, devices: [] });
    const none = await client.selectCmDevice({ selectItems: ["NOSUCH*"] });
    expect(none).toMatchObject({ noChange: false, devices: [], nodes: [], truncated: false });
  });

  it("counts a reply of exactly the cap as truncated", async () => {
    const { client, sent } = setup([() => xml("multi-node-duplicates.xml")]);
    const small = createRisportClient({
      nodes: NODES,
      username: "u",
      password: "p",
      budget: setup([]).budget,
      replyCap: 3,
      post: async (options) => {
        sent.push(options);
        return xml("multi-node-duplicates.xml");
      },
    });
    expect((await small.selectCmDevice({ selectItems: ["*"], maxReturnedDevices: 1000 })).truncated).toBe(true);
    expect(sent.at(-1)?.body).toContain("<soap:MaxReturnedDevices>3</soap:MaxReturnedDevices>");
    expect((await client.selectCmDevice({ selectItems: ["*"] })).truncated).toBe(false);
  });

  it("tries the next node when one cannot be reached, each try through the budget, and sticks to the one that answered", async () => {
    const unreachable = () => {
      throw new TransportError("connection refused", "The device refused the connection.", "ECONNREFUSED");
    };
    const { client, sent, store } = setup([
      unreachable,
      () => xml("seed-select-cm-device.xml"),
      () => xml("seed-select-cm-device.xml"),
    ]);
    const attempts: string[] = [];
    const result = await client.selectCmDevice({ selectItems: ["*"] }, { onAttempt: (url) => attempts.push(url) });
    expect(result.answeredBy).toBe(NODES[1]);
    expect(attempts).toEqual([NODES[0], NODES[1]]);
    await client.selectCmDevice({ selectItems: ["*"] });
    expect(sent.map((options) => options.url)).toEqual([NODES[0], NODES[1], NODES[1]]);
    const next = await store.tryTake("c1", { limit: 12, windowMs: 60_000, now: Date.UTC(2025, 0, 6, 9, 0, 0) });
    expect(next).toEqual({ granted: true, remaining: 8 }); // three requests took three slots
  });

  it("gives up with the last network error when no node answers; a timeout also moves on", async () => {
    const timeout = () => {
      throw new TimeoutError("total", 5_000);
    };
    const refused = () => {
      throw new TransportError("connection refused", "refused", "ECONNREFUSED");
    };
    const { client, sent } = setup([timeout, refused]);
    await expect(client.selectCmDevice({ selectItems: ["*"] })).rejects.toBeInstanceOf(TransportError);
    expect(sent).toHaveLength(2);
  });

  it("does not try other nodes on a certificate error", async () => {
    const tls = () => {
      throw new TransportError("self signed", "certificate not trusted", "DEPTH_ZERO_SELF_SIGNED_CERT");
    };
    const { client, sent } = setup([tls]);
    await expect(client.selectCmDevice({ selectItems: ["*"] })).rejects.toBeInstanceOf(TransportError);
    expect(sent).toHaveLength(1);
  });

  it("reads 401 with an HTML body as AuthError", async () => {
    const { client } = setup([
      () => ({
        status: 401,
        headers: { "www-authenticate": 'Basic realm="Cisco VTG Realm"' },
        body: fixture("auth-401.html"),
      }),
    ]);
    await expect(client.selectCmDevice({ selectItems: ["*"] })).rejects.toBeInstanceOf(AuthError);
  });

  it("reads a RateControl fault as RateLimited and pauses the cluster's budget", async () => {
    const { client, budget, clock } = setup([() => xml("rate-control-fault.xml", 500)]);
    const error = await client.selectCmDevice({ selectItems: ["*"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error).not.toBeInstanceOf(BudgetSpent);
    expect(await budget.pausedUntil()).toBe(clock.now() + 60_000 + 500);
    expect(await budget.tryTake()).toMatchObject({ granted: false, paused: true });
  });

  it("reads other faults as SoapFault, and non-XML as ProtocolError", async () => {
    const { client } = setup([
      () => xml("server-fault.xml", 500),
      () => ({ status: 200, headers: {}, body: "<html><body>Service Unavailable</body>" }),
      () => ({ status: 200, headers: {}, body: "OK" }),
      () => ({ status: 500, headers: {}, body: "java.lang.NullPointerException" }),
    ]);
    await expect(client.selectCmDevice({ selectItems: ["*"] })).rejects.toBeInstanceOf(SoapFault);
    await expect(client.selectCmDevice({ selectItems: ["*"] })).rejects.toBeInstanceOf(ProtocolError);
    await expect(client.selectCmDevice({ selectItems: ["*"] })).rejects.toBeInstanceOf(ProtocolError);
    await expect(client.selectCmDevice({ selectItems: ["*"] })).rejects.toMatchObject({ problem: "http-status" });
  });

  it("answers a person at once when the budget is spent, sending nothing", async () => {
    const { client, sent, clock } = setup([() => xml("seed-select-cm-device.xml")], { perMinute: 2, reserve: 1 });
    await client.selectCmDevice({ selectItems: ["*"] }, { wait: false });
    const error = await client
      .selectCmDevice({ selectItems: ["*"] }, { wait: false })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpent);
    expect((error as BudgetSpent).nextSlotAt).toBe(clock.now() + 60_000);
    expect(sent).toHaveLength(1);
  });

  it("refuses unsafe input before using the budget or the network", async () => {
    const { client, sent, budget } = setup([]);
    await expect(client.selectCmDevice({ selectItems: ["A\r\nB"] })).rejects.toBeInstanceOf(UnsafeInputError);
    expect(sent).toHaveLength(0);
    expect(await budget.tryTake()).toEqual({ granted: true, remaining: 11 });
  });
});
