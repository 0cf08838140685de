import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtureDevices, fixtureNow } from "./fixtures";
import { startCucmSimulator, type CucmSimulator } from "./index";
import { cmQuery, post, readCmReply, readXml } from "@/lib/testing/cucm-sim";

let sim: CucmSimulator;

beforeEach(async () => {
  sim = await startCucmSimulator({
    nodes: 3,
    devices: 0,
    ctiApplications: 0,
    explicitDevices: fixtureDevices,
    budgetPerMinute: 10_000,
    clock: () => fixtureNow,
    credentials: { user: "axlrisuser", password: "s3cret" },
  });
});
afterEach(() => sim.close());

describe("nodes", () => {
  it("gives every node its own loopback URL on the RISService70 path", () => {
    expect(sim.urls).toHaveLength(3);
    expect(new Set(sim.urls).size).toBe(3);
    for (const url of sim.urls)
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/realtimeservice2\/services\/RISService70$/);
    expect(sim.url).toBe(sim.urls[0]);
  });

  it("answers for the whole cluster from any node", async () => {
    const fromFirst = readCmReply((await post(sim, cmQuery(), { node: 0 })).text);
    const fromLast = readCmReply((await post(sim, cmQuery(), { node: 2 })).text);
    expect(fromLast.total).toBe(fromFirst.total);
    expect(fromLast.nodes.map((node) => node.name)).toEqual(["cucm1", "cucm2", "cucm3"]);
  });

  it("reports a node whose CallManager is down as NodeNotResponding while the others answer", async () => {
    sim.control.setNodeDown("cucm2");
    const reply = readCmReply((await post(sim, cmQuery(), { node: 1 })).text);
    expect(reply.nodes.map((node) => [node.name, node.returnCode, node.devices.length])).toEqual([
      ["cucm1", "Ok", 3],
      ["cucm2", "NodeNotResponding", 0],
      ["cucm3", "Ok", 3],
    ]);
    expect(reply.total).toBe(6);
    expect(reply.stateInfo).not.toContain('Name="cucm2"');
  });

  it("drops connections on an unreachable node while the others answer", async () => {
    sim.control.setNodeReachable("cucm1", false);
    await expect(post(sim, cmQuery(), { node: 0 })).rejects.toThrow();
    expect((await post(sim, cmQuery(), { node: 1 })).status).toBe(200);
  });
});

describe("authentication", () => {
  it("answers bad or missing credentials with 401, the Cisco VTG realm and an HTML page", async () => {
    for (const authorization of [`Basic ${Buffer.from("axlrisuser:wrong").toString("base64")}`, null]) {
      const reply = await post(sim, cmQuery(), { authorization });
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toBe('Basic realm="Cisco VTG Realm"');
      expect(reply.headers.get("content-type")).toMatch(/^text\/html/);
      expect(reply.text).toMatch(/^<!DOCTYPE html><html>/);
      expect(reply.text).not.toContain("soapenv");
    }
  });

  it("sets JSESSIONID and JSESSIONIDSSO cookies that later requests may use instead of credentials", async () => {
    const first = await post(sim, cmQuery());
    const [setCookie = "", sso = ""] = first.headers.getSetCookie();
    expect(setCookie).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/realtimeservice2; HttpOnly$/);
    expect(sso).toMatch(/^JSESSIONIDSSO=[0-9A-F]{16}SSO; Path=\/; HttpOnly$/);
    const cookie = setCookie.split(";")[0] as string;
    const again = await post(sim, cmQuery(), { authorization: null, cookie });
    expect(again.status).toBe(200);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await post(sim, cmQuery(), { authorization: null, cookie: "JSESSIONID=0000" })).status).toBe(401);
  });
});

describe("faults and routing", () => {
  it("answers malformed XML and unknown operations with SOAP faults", async () => {
    const broken = await post(sim, "<soapenv:Envelope><soapenv:Body><selectCmDevice>");
    expect(broken.status).toBe(500);
    expect(readXml(broken.text).Envelope.Body.Fault.faultcode).toBe("soapenv:Server.userException");
    const unknown = await post(sim, cmQuery().replace(/selectCmDevice>/g, "getPhone>"));
    expect(unknown.status).toBe(500);
    expect(readXml(unknown.text).Envelope.Body.Fault).toMatchObject({
      faultcode: "soapenv:Client",
      faultstring: "No such operation 'getPhone'",
    });
  });

  it("dispatches on the body whatever the SOAPAction, and 404s other paths", async () => {
    const reply = await post(sim, cmQuery({ method: "selectCmDeviceExt", items: ["CSFAADLER"] }));
    expect(readCmReply(reply.text).total).toBe(1);
    const other = await fetch(sim.url.replace("RISService70", "AXLAPIService"), { method: "POST", body: "" });
    expect(other.status).toBe(404);
  });
});

describe("HTTP control endpoint", () => {
  const controlUrl = (): string => new URL("/__sim/control", sim.url).toString();

  it("changes the cluster and reports its state", async () => {
    const response = await fetch(controlUrl(), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        action: "setDeviceStatus",
        name: "SEP0A1111111111",
        status: "Rejected",
        statusReason: 14,
      }),
    });
    expect(response.status).toBe(200);
    expect(sim.control.device("SEP0A1111111111")).toMatchObject({ status: "Rejected", statusReason: 14 });
    const state = (await (await fetch(new URL("/__sim/state", sim.url))).json()) as {
      nodes: { name: string; currentDevices: number }[];
    };
    expect(state.nodes.map((node) => [node.name, node.currentDevices])).toEqual([
      ["cucm1", 2],
      ["cucm2", 3],
      ["cucm3", 3],
    ]);
  });

  it("refuses commands it does not know", async () => {
    const response = await fetch(controlUrl(), { method: "POST", body: JSON.stringify({ action: "explode" }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_command" } });
  });

  it("can be turned off", async () => {
    const closed = await startCucmSimulator({ nodes: 1, devices: 5, controlEndpoint: false });
    try {
      const response = await fetch(new URL("/__sim/state", closed.url));
      expect(response.status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
