import { XMLParser } from "fast-xml-parser";
import { afterEach, describe, expect, it } from "vitest";
import { kindForModel } from "../device-kinds";
import type { DeviceSpec } from "../device-spec";
import { fixtureDevices, fixtureNow } from "../fixtures";
import { startCucmSimulator, type CucmSimulator, type CucmSimulatorOptions } from "../index";
import { allDevices, basicAuth, cmQuery, post, readCmReply } from "@/lib/testing/cucm-sim";
import { deviceLinesStatement } from "./sql";

const statementA =
  "select skip 0 first 1000 d.name, d.description, tm.name as model, tc.name as class, tp.name as protocol, dp.name as devicepool, lo.name as location, eu.userid as owner, m.numplanindex as lineindex, n.dnorpattern as dn from device d join typemodel tm on d.tkmodel = tm.enum join typeclass tc on d.tkclass = tc.enum join typedeviceprotocol tp on d.tkdeviceprotocol = tp.enum left join devicepool dp on d.fkdevicepool = dp.pkid left join location lo on d.fklocation = lo.pkid left join enduser eu on d.fkenduser = eu.pkid left join devicenumplanmap m on m.fkdevice = d.pkid left join numplan n on m.fknumplan = n.pkid order by d.name, m.numplanindex";

/** Statement A with other paging, in upper case and with line breaks, as a client might send it. */
const pagedA = (skip: number, first: number): string =>
  statementA
    .replace("skip 0 first 1000", `SKIP ${skip} FIRST ${first}`)
    .replace(" from device d", "\n  FROM device d")
    .toUpperCase();

let sim: CucmSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: CucmSimulatorOptions = {}): Promise<CucmSimulator> {
  sim = await startCucmSimulator({
    nodes: 3,
    devices: 0,
    ctiApplications: 0,
    budgetPerMinute: 10_000,
    clock: () => fixtureNow,
    credentials: { user: "axladmin", password: "s3cret" },
    ...options,
  });
  return sim;
}

interface AxlCall {
  version?: string;
  prefix?: string;
  soapAction?: string;
  node?: number;
  authorization?: string | null;
  path?: string;
}

function envelope(operation: string, children: string, call: AxlCall = {}): string {
  const version = call.version ?? "14.0";
  const prefix = call.prefix ?? "ns";
  const open = prefix
    ? `<${prefix}:${operation} xmlns:${prefix}="http://www.cisco.com/AXL/API/${version}">`
    : `<${operation} xmlns="http://www.cisco.com/AXL/API/${version}">`;
  const close = prefix ? `</${prefix}:${operation}>` : `</${operation}>`;
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>${open}${children}${close}</soapenv:Body></soapenv:Envelope>`;
}

async function axl(
  simulator: CucmSimulator,
  operation: string,
  children: string,
  call: AxlCall = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const headers: Record<string, string> = {
    "Content-Type": "text/xml; charset=utf-8",
    SOAPAction: call.soapAction ?? `"CUCM:DB ver=${call.version ?? "14.0"} ${operation}"`,
  };
  const authorization =
    call.authorization === undefined
      ? basicAuth(simulator.credentials.user, simulator.credentials.password)
      : call.authorization;
  if (authorization) headers.Authorization = authorization;
  const base = simulator.axlUrls[call.node ?? 0] as string;
  const url = call.path ? new URL(call.path, base).toString() : base;
  const response = await fetch(url, { method: "POST", headers, body: envelope(operation, children, call) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  isArray: (name) => name === "phone" || name === "row",
});
// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked freely
type Xml = Record<string, any>;
const body = (text: string): Xml => (parser.parse(text) as Xml).Envelope.Body;
const value = (node: unknown): string =>
  typeof node === "string" ? node : node && typeof node === "object" ? String((node as Xml)["#text"] ?? "") : "";

function fault(text: string): { faultcode: string; faultstring: string; axlcode: string; request: string } {
  const f = body(text).Fault;
  return {
    faultcode: f.faultcode,
    faultstring: f.faultstring,
    axlcode: String(f.detail.axlError.axlcode),
    request: f.detail.axlError.request,
  };
}

async function listPhone(
  simulator: CucmSimulator,
  criteria: string,
  tags: string,
  paging = "",
): Promise<{ status: number; text: string; phones: Xml[] }> {
  const reply = await axl(
    simulator,
    "listPhone",
    `<searchCriteria>${criteria}</searchCriteria><returnedTags>${tags}</returnedTags>${paging}`,
  );
  const phones = reply.status === 200 ? (body(reply.text).listPhoneResponse.return?.phone ?? []) : [];
  return { ...reply, phones };
}

async function sqlRows(simulator: CucmSimulator, sql: string): Promise<Xml[]> {
  const reply = await axl(simulator, "executeSQLQuery", `<sql>${sql}</sql>`);
  expect(reply.status, reply.text).toBe(200);
  return body(reply.text).executeSQLQueryResponse.return?.row ?? [];
}

const extraDevices: DeviceSpec[] = [
  {
    name: "SEP0C3333333333",
    node: "cucm2",
    model: 36216,
    protocol: "SIP",
    lines: ["7001", "7002", "7003"],
    description: "Three lines",
    devicePool: "DP-Lab",
    location: "LOC-Lab",
    owner: "tlines",
  },
  { name: "SIPTRUNK-0001", node: "cucm1", description: "PSTN trunk" },
  { name: "SEP0D4444444444", model: 683, description: "Spare 8841", lines: ["7100"], configuredOnly: true },
];

describe("AXL endpoint", () => {
  it("answers getCCMVersion on /axl/ and /axl of every node, with any prefix", async () => {
    const s = await start();
    for (const [node, path, prefix] of [
      [0, undefined, "ns"],
      [1, "/axl", "axlapi"],
      [0, undefined, ""],
    ] as const) {
      const reply = await axl(s, "getCCMVersion", "<processNodeName>cucm1</processNodeName>", { node, path, prefix });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get("content-type")).toMatch(/^text\/xml/);
      expect(reply.text).toContain('<ns:getCCMVersionResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0">');
      expect(body(reply.text).getCCMVersionResponse.return.componentVersion.version).toBe("14.0.1.11900(132)");
    }
  });

  it("refuses an unsupported namespace version with HTTP 599 and answers by the namespace, not SOAPAction", async () => {
    const s = await start();
    const wrong = await axl(s, "getCCMVersion", "", { version: "9.1" });
    expect(wrong.status).toBe(599);
    expect(wrong.text).toContain("Incorrect axl version. Supported axl versions are 11.5, 12.0, 12.5, 14.0, 15.0");
    const mixed = await axl(s, "getCCMVersion", "", { version: "12.5", soapAction: '"CUCM:DB ver=9.1 getCCMVersion"' });
    expect(mixed.status).toBe(200);
    expect(mixed.text).toContain('xmlns:ns="http://www.cisco.com/AXL/API/12.5"');
    expect(s.control.axlCounters().wrongVersion).toBe(1);
  });

  it("answers bad or missing credentials with 401 and the Cisco VTG realm, and GET with an info page", async () => {
    const s = await start();
    for (const authorization of [basicAuth("axladmin", "wrong"), null]) {
      const reply = await axl(s, "getCCMVersion", "", { authorization });
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toBe('Basic realm="Cisco VTG Realm"');
      expect(reply.text).toMatch(/^<!DOCTYPE html>/);
    }
    const page = await fetch(s.axlUrls[0] as string, { headers: { Authorization: basicAuth("axladmin", "s3cret") } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Cisco AXL Web Service");
  });

  it("keeps out of the RisPort budget and log and counts requests per operation", async () => {
    const s = await start({ explicitDevices: fixtureDevices, budgetPerMinute: 1 });
    for (let index = 0; index < 4; index++) await axl(s, "getCCMVersion", "");
    await axl(s, "listPhone", "<returnedTags/>");
    await axl(s, "getPhone", "<name>x</name>");
    expect(s.control.requestLog()).toEqual([]);
    expect((await post(s, cmQuery())).status).toBe(200);
    expect(s.control.axlCounters()).toMatchObject({
      byOperation: { getCCMVersion: 4, listPhone: 1, getPhone: 1 },
      faults: 2,
      throttled: 0,
    });
  });

  it("faults an unknown operation", async () => {
    const s = await start();
    const reply = await axl(s, "getPhone", "<name>SEP1</name>");
    expect(reply.status).toBe(500);
    expect(fault(reply.text)).toMatchObject({ faultcode: "soapenv:Server", axlcode: "-1", request: "getPhone" });
  });

  it("answers HTTP 503 when forced busy and when more requests than axlConcurrency are in progress", async () => {
    const s = await start({ axlConcurrency: 2 });
    s.control.setAxlBusy(true);
    const busy = await axl(s, "getCCMVersion", "");
    expect(busy.status).toBe(503);
    expect(busy.text).toContain("AXL Service is temporarily unavailable: too many concurrent requests");
    s.control.setAxlBusy(false);
    expect((await axl(s, "getCCMVersion", "")).status).toBe(200);
    s.control.setLatency(300);
    const statuses = (await Promise.all([0, 1, 2, 3].map(() => axl(s, "getCCMVersion", "")))).map((r) => r.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 503)).toHaveLength(2);
    expect(s.control.axlCounters().throttled).toBe(3);
  });
});

describe("listPhone", () => {
  it("matches % case-insensitively, returns only the returnedTags asked for and pages by name without gaps", async () => {
    const s = await start({ devices: 200, neverRegistered: 7 });
    const expected = s.control
      .deviceNames()
      .filter((name) => name.toUpperCase().startsWith("SEP"))
      .sort((a, b) => (a < b ? -1 : 1));
    expect(expected.length).toBeGreaterThan(60);
    const seen: string[] = [];
    const pageSize = 17;
    for (let skip = 0; ; skip += pageSize) {
      const page = await listPhone(
        s,
        "<name>sep%</name>",
        "<name/><devicePoolName/>",
        `<skip>${skip}</skip><first>${pageSize}</first>`,
      );
      expect(page.status, page.text).toBe(200);
      for (const phone of page.phones) {
        expect(Object.keys(phone).sort()).toEqual(["@_uuid", "devicePoolName", "name"]);
        expect(phone["@_uuid"]).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
        seen.push(phone.name);
      }
      if (page.phones.length < pageSize) {
        if (page.phones.length === 0) expect(page.text).toContain("<return/>");
        break;
      }
    }
    expect(seen).toEqual(expected);
  });

  it("returns every tag for an empty returnedTags, with uuids on references and an empty ownerUserName", async () => {
    const s = await start({ explicitDevices: [...fixtureDevices, ...extraDevices] });
    const { phones } = await listPhone(s, "<name>SEP0C3333333333</name>", "");
    expect(phones).toHaveLength(1);
    const phone = phones[0] as Xml;
    expect(phone.name).toBe("SEP0C3333333333");
    expect(phone.product).toBe("Cisco 8865");
    expect(phone.model).toBe("Cisco 8865");
    expect(phone.class).toBe("Phone");
    expect(phone.protocol).toBe("SIP");
    expect(value(phone.devicePoolName)).toBe("DP-Lab");
    expect(phone.devicePoolName["@_uuid"]).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(value(phone.locationName)).toBe("LOC-Lab");
    expect(value(phone.ownerUserName)).toBe("tlines");
    const anna = (await listPhone(s, "<description>anna adler 88%</description>", "<ownerUserName/>")).phones;
    expect(anna).toHaveLength(1);
    expect((await listPhone(s, "<name>SEP0A1111111111</name>", "")).text).toMatch(/<ownerUserName\/>/);
  });

  it("lists configured phones by device pool and protocol, and nothing for no match", async () => {
    const s = await start({ explicitDevices: [...fixtureDevices, ...extraDevices] });
    const lab = await listPhone(s, "<devicePoolName>dp-lab</devicePoolName>", "<name/>");
    expect(lab.phones.map((phone) => phone.name)).toEqual(["SEP0C3333333333"]);
    const sccp = await listPhone(s, "<name>%</name><protocol>SCCP</protocol>", "<name/><protocol/>");
    expect(sccp.phones.map((phone) => phone.name)).toEqual(["CTIP-UCCX-0001", "SEP0A2222222222"]);
    const none = await listPhone(s, "<name>NOPE%</name>", "<name/>");
    expect(none.text).toContain("<ns:listPhoneResponse");
    expect(none.text).toContain("<return/>");
  });

  it("faults without searchCriteria (axlcode 5003)", async () => {
    const s = await start();
    for (const children of ["<returnedTags><name/></returnedTags>", "<searchCriteria/><returnedTags/>"]) {
      const reply = await axl(s, "listPhone", children);
      expect(reply.status).toBe(500);
      expect(fault(reply.text)).toMatchObject({ faultcode: "soapenv:Server", axlcode: "5003", request: "listPhone" });
    }
  });

  it("refuses a reply larger than axlMaxRows with Cisco's text and the numbers, while paging within it is fine", async () => {
    const s = await start({ devices: 200, axlMaxRows: 50 });
    const phones = (await listPhone(s, "<name>%</name>", "<name/>", "<first>50</first>")).phones;
    expect(phones).toHaveLength(50);
    expect((await listPhone(s, "<name>%</name>", "<name/>", "<skip>10000</skip>")).text).toContain("<return/>");
    s.control.setAxlMaxRows(100_000);
    const everyPhone = (await listPhone(s, "<name>%</name>", "<name/>")).phones.length;
    s.control.setAxlMaxRows(50);
    const reply = await listPhone(s, "<name>%</name>", "<name/>");
    expect(reply.status).toBe(500);
    const text = fault(reply.text);
    expect(text.faultcode).toBe("soapenv:Server");
    expect(everyPhone).toBeGreaterThan(50);
    expect(text.faultstring).toBe(
      `Query request too large. Total rows matched: ${everyPhone}. Suggested row fetch: less than 50.`,
    );
    expect(text).toMatchObject({ axlcode: "-1", request: "listPhone" });
    expect(body(reply.text).Fault.detail.axlError.axlmessage).toBe(text.faultstring);
  });
});

describe("executeSQLQuery", () => {
  it("pages statement A with SKIP/FIRST across boundaries: every row once, in order, lines split across pages", async () => {
    const s = await start({ explicitDevices: [...fixtureDevices, ...extraDevices] });
    const full = await sqlRows(s, statementA);
    const names = [...new Set(full.map((row) => row.name))];
    expect(names).toEqual(s.control.deviceNames().sort((a, b) => (a < b ? -1 : 1)));
    const three = full.filter((row) => row.name === "SEP0C3333333333");
    expect(three.map((row) => [row.lineindex, row.dn])).toEqual([
      ["1", "7001"],
      ["2", "7002"],
      ["3", "7003"],
    ]);
    expect(full.find((row) => row.name === "SIPTRUNK-0001")).toEqual({
      name: "SIPTRUNK-0001",
      description: "PSTN trunk",
      model: "SIP Trunk",
      class: "Trunk",
      protocol: "SIP",
      devicepool: expect.stringMatching(/^DP-/),
      location: expect.stringMatching(/^LOC-/),
      owner: "",
      lineindex: "",
      dn: "",
    });
    const raw = await axl(s, "executeSQLQuery", `<sql>${statementA}</sql>`);
    expect(raw.text).toMatch(/<ns:executeSQLQueryResponse xmlns:ns="[^"]+" sequence="\d+"><return><row><name>/);
    expect(raw.text).toContain("<owner/>");

    const pageSize = 2;
    const pages: Xml[][] = [];
    for (let skip = 0; skip < full.length + pageSize; skip += pageSize)
      pages.push(await sqlRows(s, pagedA(skip, pageSize)));
    expect(pages.flat()).toEqual(full);
    const pageOf = (name: string): Set<number> =>
      new Set(pages.flatMap((page, index) => (page.some((row) => row.name === name) ? [index] : [])));
    expect(pageOf("SEP0C3333333333").size).toBe(2);
    expect(await sqlRows(s, pagedA(full.length, 10))).toEqual([]);
  });

  it("refuses statement A beyond axlMaxRows unless paged", async () => {
    const s = await start({ explicitDevices: [...fixtureDevices, ...extraDevices], axlMaxRows: 5 });
    const reply = await axl(s, "executeSQLQuery", `<sql>${statementA}</sql>`);
    expect(reply.status).toBe(500);
    const rows = s.control
      .deviceNames()
      .reduce((sum, name) => sum + Math.max(1, s.control.device(name)?.lines.length ?? 0), 0);
    expect(fault(reply.text)).toMatchObject({
      faultstring: `Query request too large. Total rows matched: ${rows}. Suggested row fetch: less than 5.`,
      axlcode: "-1",
      request: "executeSQLQuery",
    });
    expect(await sqlRows(s, pagedA(3, 5))).toHaveLength(5);
  });

  it("answers statement B with the configured device count", async () => {
    const s = await start({ devices: 50, neverRegistered: 4 });
    const rows = await sqlRows(s, "SELECT  count(*)\n FROM device");
    expect(rows).toEqual([{ count: "54" }]);
  });

  it("refuses any other statement", async () => {
    const s = await start();
    for (const sql of ["select * from device", `${deviceLinesStatement};`, "delete from device", ""]) {
      const reply = await axl(s, "executeSQLQuery", `<sql>${sql}</sql>`);
      expect(reply.status).toBe(500);
      expect(fault(reply.text)).toMatchObject({
        faultcode: "soapenv:Server",
        faultstring: "Cannot execute query: only the statements Linewatch sends are simulated",
        axlcode: "-1",
        request: "executeSQLQuery",
      });
    }
  });
});

describe("doDeviceReset", () => {
  it("unregisters a registered device in RisPort and brings it back after axlResetDelayMs", async () => {
    const s = await start({ explicitDevices: fixtureDevices, axlResetDelayMs: 5000 });
    const name = "SEP0A1111111111";
    const query = cmQuery({ items: [name] });
    const stateBefore = s.control.nodes().find((node) => node.name === "cucm1")?.deviceStateId ?? 0;
    const reply = await axl(
      s,
      "doDeviceReset",
      `<deviceName>${name}</deviceName><isHardReset>false</isHardReset><deviceResetType>Restart</deviceResetType>`,
    );
    expect(reply.status, reply.text).toBe(200);
    const uuid = body(reply.text).doDeviceResetResponse.return;
    expect((await listPhone(s, `<name>${name}</name>`, "<name/>")).phones[0]?.["@_uuid"]).toBe(uuid);
    expect(s.control.axlResets()).toEqual([{ name, type: "Restart", hard: false, at: fixtureNow }]);
    expect(s.control.nodes().find((node) => node.name === "cucm1")?.deviceStateId).toBeGreaterThan(stateBefore);

    const down = allDevices(readCmReply((await post(s, query)).text));
    expect(down.map((device) => device.Status)).toEqual(["UnRegistered"]);
    s.control.advanceClock(4999);
    expect(allDevices(readCmReply((await post(s, query)).text))[0]?.Status).toBe("UnRegistered");
    s.control.advanceClock(2);
    expect(allDevices(readCmReply((await post(s, query)).text))[0]?.Status).toBe("Registered");
  });

  it("leaves a device that was not registered as it was", async () => {
    const s = await start({ explicitDevices: fixtureDevices });
    const before = s.control.device("SEP0A2222222222");
    const reply = await axl(
      s,
      "doDeviceReset",
      "<deviceName>SEP0A2222222222</deviceName><isHardReset>true</isHardReset><deviceResetType>Reset</deviceResetType>",
    );
    expect(reply.status).toBe(200);
    expect(s.control.device("SEP0A2222222222")).toEqual(before);
    expect(s.control.axlResets()).toMatchObject([{ name: "SEP0A2222222222", type: "Reset", hard: true }]);
  });

  it("faults an unknown device with axlcode 5007", async () => {
    const s = await start({ explicitDevices: fixtureDevices });
    const reply = await axl(
      s,
      "doDeviceReset",
      "<deviceName>SEPFFFFFFFFFFFF</deviceName><isHardReset>false</isHardReset><deviceResetType>Reset</deviceResetType>",
    );
    expect(reply.status).toBe(500);
    expect(fault(reply.text)).toMatchObject({
      faultcode: "soapenv:Server",
      faultstring: "Item not valid: The specified Phone was not found",
      axlcode: "5007",
      request: "doDeviceReset",
    });
    expect(s.control.axlResets()).toEqual([]);
  });
});

describe("configured inventory", () => {
  it("lists never-registered devices in AXL but never in RisPort", async () => {
    const s = await start({ devices: 100, neverRegistered: 6, explicitDevices: extraDevices });
    const configuredOnly = s.control.deviceNames().filter((name) => s.control.device(name)?.configuredOnly);
    expect(configuredOnly).toHaveLength(7);
    const listed = (await listPhone(s, "<name>%</name>", "<name/>")).phones.map((phone) => phone.name);
    for (const name of configuredOnly) expect(listed).toContain(name);
    const risNames = allDevices(readCmReply((await post(s, cmQuery())).text)).map((device) => device.Name);
    expect(risNames.length).toBeGreaterThan(50);
    for (const name of configuredOnly) expect(risNames).not.toContain(name);
    const byName = readCmReply((await post(s, cmQuery({ items: configuredOnly }))).text);
    expect(byName.total).toBe(0);
  });

  it("gives every device a device pool and location of one site, the same in listPhone, SQL and the control", async () => {
    const s = await start({ devices: 120 });
    const phones = (await listPhone(s, "<name>%</name>", "<name/><devicePoolName/><locationName/>")).phones;
    const rows = await sqlRows(s, statementA);
    const poolUuids = new Map<string, string>();
    for (const phone of phones) {
      const pool = value(phone.devicePoolName);
      const location = value(phone.locationName);
      expect(pool).toMatch(/^DP-(HQ|Branch-0[1-3])$/);
      expect(location).toBe(`LOC-${pool.slice(3)}`);
      expect(poolUuids.get(pool) ?? phone.devicePoolName["@_uuid"]).toBe(phone.devicePoolName["@_uuid"]);
      poolUuids.set(pool, phone.devicePoolName["@_uuid"]);
      expect(s.control.device(phone.name)).toMatchObject({ devicePool: pool, location });
      for (const row of rows.filter((candidate) => candidate.name === phone.name))
        expect([row.devicepool, row.location]).toEqual([pool, location]);
    }
    expect(poolUuids.size).toBeGreaterThan(1);
  });

  it("agrees with RisPort on name, description, model, class, protocol and lines", async () => {
    const s = await start({ devices: 200, explicitDevices: fixtureDevices });
    const rows = await sqlRows(s, statementA);
    const risDevices = allDevices(readCmReply((await post(s, cmQuery())).text));
    expect(new Set(risDevices.map((device) => device.Name)).size).toBe(s.control.deviceNames().length);
    const classes: Record<string, string[]> = {
      Phone: ["Phone"],
      Cti: ["Phone", "CTI Route Point"],
      Gateway: ["Gateway"],
      H323: ["Gateway"],
      SIPTrunk: ["Trunk"],
      VoiceMail: ["Voice Mail"],
      MediaResources: ["Conference Bridge", "Media Termination Point"],
      HuntList: ["Route List"],
    };
    for (const device of risDevices) {
      const own = rows.filter((row) => row.name === device.Name);
      expect(own.length, device.Name).toBeGreaterThan(0);
      const row = own[0] as Xml;
      expect(row.description).toBe(device.Description);
      expect(row.model).toBe(kindForModel(Number(device.Model))?.label);
      expect(classes[device.DeviceClass]).toContain(row.class);
      if (device.Protocol !== "Unknown") expect(row.protocol).toBe(device.Protocol);
      const risLines = (typeof device.DirNumber === "string" ? device.DirNumber : "")
        .split(",")
        .filter(Boolean)
        .map((entry) => entry.replace(/-[A-Za-z]+$/, ""));
      expect(own.map((line) => line.dn).filter(Boolean)).toEqual(risLines);
    }
  });
});
