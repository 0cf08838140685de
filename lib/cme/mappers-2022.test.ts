// Replies in the shapes of Cisco's newer guides (2010 SRST 8.5+ = 2022 CME "Configure the XML API",
// docs/cisco-apis.md §3.1), each mapped to the exact domain object: nested wrappers, the dotted SIP
// MAC, "0" and empty addresses, empty TAPI elements, lists of session servers and auth modes,
// ISexecCLI/ISSaveConfig that keep xsi:type, and ISError.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DeviceError, ProtocolError } from "@/lib/soap";
import { knownEntities, readReply } from "./envelope";
import { mapExtensions } from "./map-extension";
import {
  mapDeviceTemplates,
  mapExtensionTemplates,
  mapHuntGroups,
  mapUserProfiles,
  mapUtilityDirectory,
} from "./map-newer";
import { mapPhones } from "./map-phone";
import { mapExecCli, mapSaveConfig, mapUser } from "./map-results";
import { mapPresenceSettings, mapSessionServers, mapSipSystemStatus, mapSystemStatus } from "./map-system";
import { RouterRefusal, refusalIn } from "./refusal";
import type { Extension, Phone } from "./types";

const reply = (name: string) => readReply(readFileSync(new URL(`./fixtures/2022/${name}`, import.meta.url), "utf8"));
const response = (name: string) => reply(name).response;

const NO_SIP_DETAIL = { sessionServer: null, maxRegistrations: null, dtmfRelay: null, codec: null };
const EMPTY_TAPI = { clientIpv4: null, status: null, lastStatus: null, changeTime: null, keepalives: null };

describe("newer-guide replies (2022 fixtures)", () => {
  it("ISgetDevice: ISDevLineButtons, ISconfigDevType, SNRui, profiles, empty TAPI elements, an unregistered phone", () => {
    const registered: Phone = {
      protocol: "sccp",
      name: "SEP00036B09538A",
      mac: "0003.6B09.538A",
      ephoneTag: 1,
      poolId: null,
      model: "IP Phone Telecaster 7960",
      user: "ephone1",
      lineButtons: [
        { button: 1, mode: "Normal" },
        { button: 2, mode: "Monitor" },
      ],
      lines: [
        { line: 1, extensionTag: 1, directoryNumber: "2001", extensionUp: true, state: "idle" },
        { line: 2, extensionTag: 2, directoryNumber: "0800", extensionUp: true, state: "idle" },
      ],
      ipv4: "10.10.10.2",
      registrationStatus: "registered",
      lastStatus: "unregistered",
      changeTime: 54887,
      keepalives: 21,
      keyPhone: false,
      doNotDisturb: false,
      tapi: EMPTY_TAPI,
      configuredType: "7960",
      singleNumberReach: "false",
      logoutProfileId: 0,
      userProfileId: 2,
      ...NO_SIP_DETAIL,
    };
    const unregistered: Phone = {
      protocol: "sccp",
      name: "SEP000DEDAB3566",
      mac: "000D.EDAB.3566",
      ephoneTag: 2,
      poolId: null,
      model: "IP Phone 7965",
      user: "anna",
      lineButtons: [],
      lines: [],
      ipv4: null,
      registrationStatus: "unregistered",
      lastStatus: "deceased",
      changeTime: 60001,
      keepalives: 0,
      keyPhone: true,
      doNotDisturb: true,
      tapi: EMPTY_TAPI,
      configuredType: "7965",
      singleNumberReach: "true",
      logoutProfileId: 0,
      userProfileId: 0,
      ...NO_SIP_DETAIL,
    };
    expect(reply("get-device.xml").dialect).toBe("2010");
    expect(mapPhones(response("get-device.xml"))).toEqual([registered, unregistered]);
  });

  it("ISgetSipDevice: the dotted ISDevMac becomes SEP + 12 hex digits; address 0 is no address; no status is invented", () => {
    const sip = (
      poolId: number,
      mac: string,
      ipv4: string | null,
      lines: Phone["lines"],
      maxRegistrations: number,
      codec: string,
    ): Phone => ({
      protocol: "sip",
      name: `SEP${mac.replace(/\./g, "")}`,
      mac,
      ephoneTag: null,
      poolId,
      model: null,
      user: null,
      lineButtons: [],
      lines,
      ipv4,
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
      maxRegistrations,
      dtmfRelay: "rtp-nte",
      codec,
    });
    expect(mapPhones(response("get-sip-device.xml"))).toEqual([
      sip(
        1,
        "0013.1978.3CA5",
        "1.7.120.120",
        [{ line: 1, extensionTag: 7, directoryNumber: "2777", extensionUp: null, state: "idle" }],
        42,
        "g729r8",
      ),
      sip(2, "0013.1978.3CB6", null, [], 1, "g711ulaw"),
    ]);
  });

  it("ISgetExtension: Mobility, single number reach, ISSessionServerIDs, firstName/lastName", () => {
    const extension: Extension = {
      protocol: "sccp",
      tag: 1,
      number: "2001",
      secondaryNumber: "2100",
      type: "normal",
      status: "up",
      callStatus: "IDLE",
      lineMode: "DUAL_LINE",
      changeTime: 53785,
      usage: 0,
      homeAddress: null,
      multiLines: 1,
      portName: "EFXS 50/0/1",
      allowWatch: true,
      firstName: "Peter",
      lastName: "Lee",
      callForwardAll: "1234",
      sessionServer: 1,
      sessionServers: [1, 2],
      mobility: true,
      singleNumberReach: { number: "+4930123456", delaySeconds: 5, timeoutSeconds: 15, noAnswerNumber: "0800" },
      devices: [2, 4],
    };
    expect(mapExtensions(response("get-extension.xml"))).toEqual([extension]);
  });

  it("ISgetSipExtension: ISSipExtension with ISSessionServerIDs and ISSipDevList", () => {
    expect(mapExtensions(response("get-sip-extension.xml"))).toEqual([
      {
        protocol: "sip",
        tag: 1,
        number: "2777",
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
        firstName: "Peter",
        lastName: "Lee",
        callForwardAll: null,
        sessionServer: 1,
        sessionServers: [1],
        mobility: null,
        singleNumberReach: null,
        devices: [7, 8],
      },
    ]);
  });

  it("ISgetGlobal: ISUrlServices > ISUrlService, and the xml user block is never read", () => {
    const status = mapSystemStatus(response("get-global.xml"));
    expect(status).toEqual({
      address: "10.10.10.1",
      mode: "ITS",
      version: "12.6",
      hostName: "router",
      registeredPhones: 3,
      peakRegisteredPhones: 3,
      peakRegisteredTime: 61392,
      keepaliveInterval: 30,
      configuredPhones: 100,
      configuredExtensions: 100,
      serviceEngine: "0.0.0.0",
      port: 2000,
      maxConference: 8,
      maxRedirect: 5,
      maxPhones: 10,
      maxExtensions: 20,
      voicemail: "4089999999",
      urlServices: [
        { type: "EPHONE_URL_DIRECTORIES", link: "http://10.10.10.1/localdirectory" },
        { type: "EPHONE_URL_SERVICES", link: "http://10.10.10.1/services" },
      ],
    });
    expect(JSON.stringify(status)).not.toContain("secret");
  });

  it("ISgetVoiceRegGlobal: ISSipGlobal with ISAuthModes", () => {
    expect(mapSipSystemStatus(response("get-voice-reg-global.xml"))).toEqual({
      address: "1.7.120.103",
      mode: "cme",
      version: "12.6",
      serviceEngine: null,
      authMode: "register",
      authModes: ["register", "invite"],
      port: 5060,
      maxPools: 10,
      maxExtensions: 10,
      maxRedirect: 5,
    });
  });

  it("ISgetSessionServer, ISgetPresenceGlobal, ISgetUser", () => {
    expect(mapSessionServers(response("get-session-server.xml"))).toEqual([
      { id: 1, registerId: "CRS", keepalives: 60 },
    ]);
    expect(mapPresenceSettings(response("get-presence-global.xml"))).toEqual({
      enabled: false,
      mode: "cme",
      allowSubscribe: false,
      allowWatch: false,
      maxSubscriptions: 100,
      sipUaPresenceStatus: false,
    });
    expect(mapUser(response("get-user.xml"), "peter")).toEqual({ id: "peter", type: "ephone user", tag: 6 });
  });

  it("ISexecCLI (ISexecCLIResult) and ISSaveConfig keep xsi:type, as in the seed", () => {
    expect(reply("exec-cli-failure.xml").dialect).toBe("2008");
    const error = (() => {
      try {
        mapExecCli(response("exec-cli-failure.xml"), 4);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ failedLine: 4, deviceMessage: "invalid input dn parameter for button 1" });
    expect(mapSaveConfig(response("save-config-delay.xml"))).toBe("delayed");
  });

  it("ISError is a typed device error with the router's code and message", () => {
    const refusal = refusalIn("ISgetDevice", response("error.xml"));
    expect(refusal).toBeInstanceOf(RouterRefusal);
    expect(refusal).toBeInstanceOf(DeviceError);
    expect(refusal).toMatchObject({
      code: "1",
      deviceMessage: "Buffer overflow",
      method: "ISgetDevice",
      userMessage: "The device refused to answer ISgetDevice: Buffer overflow",
    });
  });

  it("a list reply whose shape is not known is an error, never an empty list", () => {
    const unknown = readReply("<axl><response><ISTagList><ISTag>1</ISTag></ISTagList></response></axl>").response;
    expect(() => mapPhones(unknown)).toThrow(ProtocolError);
    expect(() =>
      knownEntities(
        readReply("<response><ISDevices><ISDevice><foo>1</foo></ISDevice></ISDevices></response>").response,
        ["ISDevice"],
        ["ISDevices"],
        ["ISDevID"],
      ),
    ).toThrow(/without an id/);
    expect(mapPhones(readReply("<response><ISDevices></ISDevices></response>").response)).toEqual([]);
    expect(mapPhones(readReply("<response></response>").response)).toEqual([]);
  });
});

describe("getters only the newer guide documents (2022 fixtures)", () => {
  it("ISgetVoiceHuntGroup: the ISVoiceHuntGroup-prefixed fields and the member list", () => {
    expect(mapHuntGroups(response("get-voice-hunt-group.xml"))).toEqual([
      {
        id: 1,
        type: "sequential",
        pilotNumber: "5000",
        pilotPeerTag: 20001,
        pilotPreference: 0,
        secondaryPilotNumber: "0800",
        secondaryPilotPeerTag: 20002,
        secondaryPilotPreference: 1,
        listSize: 3,
        numbers: ["2001", "2002", "+4930123456"],
        finalNumber: "4000",
        timeout: "10",
        hops: 3,
      },
    ]);
  });

  it("ISgetDeviceTemplate and ISgetExtensionTemplate (closed as the guide's example does): tag and settings as text", () => {
    expect(mapDeviceTemplates(response("get-device-template.xml"))).toEqual([
      { id: 1, settings: { "softkeys-idle": "Redial Newcall Cfwdall", "transfer-pickup": "true" } },
    ]);
    expect(mapExtensionTemplates(response("get-extension-template.xml"))).toEqual([
      { id: 2, settings: { "call-forward-noan": "0800", "hold-alert": "30" } },
    ]);
  });

  it("ISgetUserProfile: tag, user and settings, never a password", () => {
    expect(mapUserProfiles(response("get-user-profile.xml"))).toEqual([
      { id: 2, userId: "hotdesk", settings: { number: "2005" } },
    ]);
  });

  it("ISgetUtilityDirectory: its settings as text", () => {
    expect(mapUtilityDirectory(response("get-utility-directory.xml"))).toEqual({
      entry: "Reception 0800",
      "name-order": "last-name-first",
    });
  });
});
