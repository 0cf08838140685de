// The real client against the CME simulator over loopback: every method, both reply dialects,
// with and without the documented quirks. The mapped results must not depend on the dialect.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CmeSimulator } from "@/lib/simulators/cme";
import { closeAgents } from "@/lib/soap";
import type { CmeClient } from "./client";
import { clientFor, startKnownRouter } from "@/lib/testing/simulated-router";
import type { Extension, Phone } from "./types";

const PETER_PHONE: Phone = {
  protocol: "sccp",
  name: "SEP0012DA8AC43D",
  mac: "0012.DA8A.C43D",
  ephoneTag: 1,
  poolId: null,
  model: "IP Phone 7965",
  user: "peter",
  lineButtons: [
    { button: 1, mode: "Normal" },
    { button: 2, mode: "Normal" },
  ],
  lines: [
    { line: 1, extensionTag: 1, directoryNumber: "0800", extensionUp: true, state: "idle" },
    { line: 2, extensionTag: 2, directoryNumber: "2001", extensionUp: true, state: "idle" },
  ],
  ipv4: "10.1.1.10",
  registrationStatus: "registered",
  lastStatus: "unregistered",
  changeTime: 86400,
  keepalives: 0,
  keyPhone: false,
  doNotDisturb: false,
  tapi: { clientIpv4: null, status: null, lastStatus: null, changeTime: null, keepalives: null },
  configuredType: null,
  singleNumberReach: null,
  logoutProfileId: null,
  userProfileId: null,
  sessionServer: null,
  maxRegistrations: null,
  dtmfRelay: null,
  codec: null,
};

const SIP_PHONE: Phone = {
  protocol: "sip",
  name: "SEP00AABBCCDDEE",
  mac: "00AA.BBCC.DDEE",
  ephoneTag: null,
  poolId: 1,
  model: null,
  user: null,
  lineButtons: [],
  lines: [{ line: 1, extensionTag: 1, directoryNumber: "+4930123456", extensionUp: null, state: "idle" }],
  ipv4: "10.3.0.7",
  registrationStatus: null,
  lastStatus: null,
  changeTime: null,
  keepalives: null,
  keyPhone: null,
  doNotDisturb: null,
  tapi: null,
  configuredType: null,
  singleNumberReach: null,
  logoutProfileId: null,
  userProfileId: null,
  sessionServer: 1,
  maxRegistrations: 1,
  dtmfRelay: "rtp-nte",
  codec: "g711ulaw",
};

const RECEPTION: Extension = {
  protocol: "sccp",
  tag: 1,
  number: "0800",
  secondaryNumber: null,
  type: "normal",
  status: "up",
  callStatus: "IDLE",
  lineMode: "DUAL_LINE",
  changeTime: 86400,
  usage: 0,
  homeAddress: null,
  multiLines: 0,
  portName: "EFXS 50/0/1",
  allowWatch: true,
  firstName: "Peter",
  lastName: "Lee",
  callForwardAll: null,
  sessionServer: 0,
  sessionServers: [0],
  mobility: null,
  singleNumberReach: null,
  devices: [1],
};

const SIP_EXTENSION: Extension = {
  protocol: "sip",
  tag: 1,
  number: "+4930123456",
  secondaryNumber: null,
  type: null,
  status: null,
  callStatus: null,
  lineMode: null,
  changeTime: null,
  usage: null,
  homeAddress: null,
  multiLines: null,
  portName: null,
  allowWatch: true,
  firstName: "Ida",
  lastName: "Novak",
  callForwardAll: null,
  sessionServer: 1,
  sessionServers: [1],
  mobility: null,
  singleNumberReach: null,
  devices: [1],
};

afterAll(() => closeAgents());

describe.each([
  { dialect: "2008" as const, quirks: false },
  { dialect: "2008" as const, quirks: true },
  { dialect: "2010" as const, quirks: false },
  { dialect: "2010" as const, quirks: true },
])("CME client vs simulator, dialect $dialect, quirks $quirks", ({ dialect, quirks }) => {
  let router: CmeSimulator;
  let cme: CmeClient;

  beforeEach(async () => {
    router = await startKnownRouter({ dialect, quirks });
    cme = clientFor(router, { dialect: "auto" });
  });
  afterEach(() => router.close());

  it("learns the dialect", async () => {
    expect(await cme.dialect()).toBe(dialect);
  });

  it("ISgetDevice: SCCP keywords, tags and names, SIP pools, each phone once", async () => {
    expect(await cme.getPhones([{ keyword: "all" }, { sipKeyword: "all" }])).toEqual([
      PETER_PHONE,
      expect.objectContaining({
        name: "SEP000DEDAB3566",
        ephoneTag: 2,
        registrationStatus: "unregistered",
        user: "anna",
      }),
      SIP_PHONE,
    ]);
    expect(await cme.getPhones({ keyword: "allRegistered" })).toEqual([PETER_PHONE]);
    expect((await cme.getPhones({ keyword: "allTag" })).map((p) => p.ephoneTag)).toEqual([1, 2]);
    expect(
      (await cme.getPhones([{ ephoneTag: 2 }, { name: "sep0012da8ac43d" }, { ephoneTag: 1 }])).map((p) => p.ephoneTag),
    ).toEqual([2, 1]);
    expect(await cme.getPhones({ poolId: 1 })).toEqual([SIP_PHONE]);
    expect((await cme.getPhones({ sipKeyword: "available" })).map((p) => p.poolId)).toEqual([2]);
    expect(await cme.getPhones({ ephoneTag: 99 })).toEqual([]);
  });

  it("ISgetExtension: numbers stay strings (0800, +4930123456)", async () => {
    const all = await cme.getExtensions([{ keyword: "all" }, { sipKeyword: "all" }]);
    expect(all.map((e) => e.number)).toEqual(["0800", "2001", "2002", "+4930123456"]);
    expect(all[0]).toEqual(RECEPTION);
    expect(all[1]?.callForwardAll).toBe("+4930123456");
    expect(all[3]).toEqual(SIP_EXTENSION);
    expect((await cme.getExtensions({ keyword: "allDown" })).map((e) => e.number)).toEqual(["2002"]);
    expect(await cme.getExtensions({ number: "0800" })).toEqual([RECEPTION]);
    expect(await cme.getExtensions([{ sipTag: 1 }, { sipNumber: "+4930123456" }])).toEqual([SIP_EXTENSION]);
  });

  it("ISgetGlobal, ISgetVoiceRegGlobal, ISgetSessionServer, ISgetPresenceGlobal", async () => {
    expect(await cme.getSystemStatus()).toEqual(
      expect.objectContaining({
        mode: "ITS",
        hostName: "cme-sim",
        registeredPhones: 1,
        configuredPhones: 2,
        voicemail: "5000",
      }),
    );
    expect(await cme.getSipSystemStatus()).toEqual(
      expect.objectContaining({ mode: "cme", port: 5060, authMode: "all" }),
    );
    expect(await cme.getSessionServers([{ keyword: "all" }, { id: 1 }, { keyword: "available" }])).toEqual([
      { id: 1, registerId: "CRS", keepalives: 60 },
      { id: 2, registerId: null, keepalives: null },
    ]);
    expect(await cme.getPresenceSettings()).toEqual({
      enabled: false,
      mode: "cme",
      allowSubscribe: false,
      allowWatch: false,
      maxSubscriptions: 100,
      sipUaPresenceStatus: false,
    });
  });

  it("ISgetEvtCounts, ISgetDevEvts and ISgetExtEvts follow registrations", async () => {
    expect(await cme.getEventCounts()).toEqual({ phoneEvents: 0, extensionEvents: 0 });
    router.control.setPhoneStatus("SEP000DEDAB3566", "registered");
    expect(await cme.getEventCounts()).toEqual({ phoneEvents: 1, extensionEvents: 1 });
    const phoneEvents = [
      { eventId: 1, ephoneTag: 2, name: "SEP000DEDAB3566", time: 86400, type: "Device", status: "registered" },
    ];
    expect(await cme.getPhoneEvents({ keyword: "all" })).toEqual(phoneEvents);
    expect(await cme.getPhoneEvents([{ name: "SEP000DEDAB3566" }, { ephoneTag: 2 }])).toEqual(phoneEvents);
    expect(await cme.getExtensionEvents([{ keyword: "all" }, { number: "2002" }])).toEqual([
      { eventId: 1, extensionTag: 3, number: "2002", time: 86400, status: "up" },
    ]);
    expect(await cme.getExtensionEvents({ eventId: 2 })).toEqual([]);
  });

  it("ISgetUser: ephone users, profiles and unknown users", async () => {
    expect(await cme.getUser("peter")).toEqual({ id: "peter", type: "ephone user", tag: 1 });
    expect(await cme.getUser("nobody")).toEqual({ id: "nobody", type: "invalid", tag: 0 });
  });

  it("ISSaveConfig: saved", async () => {
    expect(await cme.saveConfig()).toBe("saved");
  });
});
