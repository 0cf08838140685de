import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DeviceError, ProtocolError, SoapFault } from "@/lib/soap";
import { readReply } from "./envelope";
import { mapEventCounts, mapExtensionEvents, mapPhoneEvents } from "./map-events";
import { mapExtensions } from "./map-extension";
import { mapPhones } from "./map-phone";
import { mapExecCli, mapKeyPhoneResults, mapSaveConfig, mapUpdateUser, mapUser } from "./map-results";
import { mapPresenceSettings, mapSessionServers, mapSipSystemStatus, mapSystemStatus } from "./map-system";
import * as expected from "@/lib/testing/cme-expected";

function fixture(path: string): string {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8");
}

function response(path: string) {
  return readReply(fixture(path)).response;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe.each([
  ["2008 (the seed's examples)", "seed"],
  ["2010+ (plural wrappers, no xsi:type)", "2010"],
])("CME replies, %s", (_label, folder) => {
  it("detects the dialect", () => {
    expect(readReply(fixture(`${folder}/get-device-sccp.xml`)).dialect).toBe(folder === "seed" ? "2008" : "2010");
  });

  it("ISgetDevice SCCP", () => {
    expect(mapPhones(response(`${folder}/get-device-sccp.xml`))).toEqual([expected.SEED_SCCP_PHONE]);
  });

  it("ISgetDevice SIP", () => {
    expect(mapPhones(response(`${folder}/get-device-sip.xml`))).toEqual([expected.SEED_SIP_PHONE]);
  });

  it("ISgetExtension SCCP", () => {
    expect(mapExtensions(response(`${folder}/get-extension-sccp.xml`))).toEqual([expected.SEED_SCCP_EXTENSION]);
  });

  it("ISgetExtension SIP", () => {
    expect(mapExtensions(response(`${folder}/get-extension-sip.xml`))).toEqual([expected.SEED_SIP_EXTENSION]);
  });

  it("ISgetGlobal (the 2010 xml user block is never read)", () => {
    const status = mapSystemStatus(response(`${folder}/get-global.xml`));
    expect(status).toEqual(expected.SEED_SYSTEM_STATUS);
    expect(JSON.stringify(status)).not.toContain("secret");
  });

  it("ISgetVoiceRegGlobal", () => {
    expect(mapSipSystemStatus(response(`${folder}/get-voice-reg-global.xml`))).toEqual(expected.SEED_SIP_SYSTEM_STATUS);
  });

  it("ISgetSessionServer", () => {
    const file = folder === "seed" ? "seed/get-session-server-closed.xml" : "2010/get-session-server.xml";
    expect(mapSessionServers(response(file))).toEqual(expected.SEED_SESSION_SERVERS);
  });

  it("ISgetPresenceGlobal", () => {
    expect(mapPresenceSettings(response(`${folder}/get-presence-global.xml`))).toEqual(expected.SEED_PRESENCE);
  });

  it("ISgetEvtCounts", () => {
    expect(mapEventCounts(response(`${folder}/get-evt-counts.xml`))).toEqual(expected.SEED_EVENT_COUNTS);
  });

  it("ISgetDevEvts", () => {
    const events = mapPhoneEvents(response(`${folder}/get-dev-evts.xml`));
    expect(events).toEqual(
      folder === "seed"
        ? expected.SEED_PHONE_EVENTS
        : expected.SEED_PHONE_EVENTS.map((event, index) => ({ ...event, eventId: 41 + index })),
    );
  });

  it("ISgetExtEvts (the seed spells ISextID / ISextNumber)", () => {
    const events = mapExtensionEvents(response(`${folder}/get-ext-evts.xml`));
    expect(events).toEqual(
      folder === "seed"
        ? expected.SEED_EXTENSION_EVENTS
        : expected.SEED_EXTENSION_EVENTS.map((e) => ({ ...e, eventId: 170 })),
    );
  });

  it("ISsetKeyPhones and ISunsetKeyPhones: one result per phone, in order", () => {
    expect(mapKeyPhoneResults(response(`${folder}/set-key-phones.xml`), "ISsetResult")).toEqual([false, true]);
    expect(mapKeyPhoneResults(response(`${folder}/unset-key-phones.xml`), "ISunsetResult")).toEqual([true]);
  });

  it("ISupdateUser: true, or false with the router's message as DeviceError", () => {
    expect(mapUpdateUser(response(`${folder}/update-user-success.xml`))).toBeUndefined();
    const error = thrown(() => mapUpdateUser(response(`${folder}/update-user-failure.xml`)));
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).deviceMessage).toBe("User peter does not exist");
    expect((error as DeviceError).userMessage).toBe(
      "The device refused to change the password: User peter does not exist",
    );
  });

  it("ISexecCLI: 0 applies every line; N names the failing line and the router's message", () => {
    expect(mapExecCli(response(`${folder}/exec-cli-success.xml`), 4)).toEqual({ linesApplied: 4 });
    const error = thrown(() => mapExecCli(response(`${folder}/exec-cli-failure.xml`), 4));
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).failedLine).toBe(4);
    expect((error as DeviceError).deviceMessage).toBe("invalid input dn parameter for button 1");
  });
});

describe("seed-only examples", () => {
  it("ISgetUser: type in words and tag", () => {
    expect(mapUser(response("seed/get-user.xml"), "peter")).toEqual(expected.SEED_USER);
  });

  it("ISgetUser: an unknown user is type invalid, tag 0; user profiles are named", () => {
    expect(mapUser(response("2010/get-user-unknown.xml"), "nobody")).toEqual({ id: "nobody", type: "invalid", tag: 0 });
    expect(mapUser(response("2010/get-user-profile.xml"), "peter")).toEqual({
      id: "peter",
      type: "user profile",
      tag: 6,
    });
  });

  it("ISSaveConfig: success, delay and fail (xsi:type with a leading space, closed by </request>)", () => {
    expect(readReply(fixture("seed/save-config-success.xml")).dialect).toBe("2008");
    expect(mapSaveConfig(response("seed/save-config-success.xml"))).toBe("saved");
    expect(mapSaveConfig(response("seed/save-config-delay.xml"))).toBe("delayed");
    expect(mapSaveConfig(response("2010/save-config-delay.xml"))).toBe("delayed");
    const error = thrown(() => mapSaveConfig(response("seed/save-config-fail.xml")));
    expect(error).toBeInstanceOf(DeviceError);
  });

  it("the seed's ISgetSessionServer example lacks </response>: treated as a cut reply", () => {
    const error = thrown(() => readReply(fixture("seed/get-session-server.xml")));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).problem).toBe("truncated");
  });
});

describe("documented quirks", () => {
  it("stray spaces, a leading-space xsi:type, mismatched closing tags, ISDevUsername, CDATA and DNs that stay strings", () => {
    const reply = readReply(fixture("quirks/get-device-mixed.xml"));
    expect(reply.dialect).toBe("2008");
    expect(mapPhones(reply.response)).toEqual([
      {
        protocol: "sccp",
        name: "SEP0012DA8AC43D",
        mac: "0012.DA8A.C43D",
        ephoneTag: 7,
        poolId: null,
        model: "IP Phone 7965 & KEM",
        user: "Jürgen",
        lineButtons: [
          { button: 1, mode: "Normal" },
          { button: 2, mode: "Monitor" },
        ],
        lines: [
          { line: 1, extensionTag: 12, directoryNumber: "0800", extensionUp: false, state: "idle" },
          { line: 2, extensionTag: 13, directoryNumber: "+4930123456", extensionUp: false, state: "idle" },
        ],
        ipv4: null,
        registrationStatus: "unregistered",
        lastStatus: "deceased",
        changeTime: 120,
        keepalives: 0,
        keyPhone: true,
        doNotDisturb: true,
        tapi: null,
        configuredType: null,
        singleNumberReach: null,
        logoutProfileId: null,
        userProfileId: null,
        sessionServer: null,
        maxRegistrations: null,
        dtmfRelay: null,
        codec: null,
      },
      {
        protocol: "sip",
        name: "SEP00AABBCCDDEE",
        mac: "00AA.BBCC.DDEE",
        ephoneTag: null,
        poolId: 3,
        model: null,
        user: null,
        lineButtons: [],
        lines: [],
        ipv4: "10.1.2.3",
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
      },
    ]);
  });

  it("lower-case ISextID, upper-case status, entities in names and E.164 numbers", () => {
    const reply = readReply(fixture("quirks/get-extension-mixed.xml"));
    expect(reply.dialect).toBe("2010");
    expect(mapExtensions(reply.response)).toEqual([
      {
        protocol: "sccp",
        tag: 12,
        number: "0800",
        secondaryNumber: "+4930123456",
        type: "normal",
        status: "down",
        callStatus: "IDLE",
        lineMode: "SINGLE_LINE",
        changeTime: 77,
        usage: null,
        homeAddress: null,
        multiLines: null,
        portName: null,
        allowWatch: false,
        firstName: "Jürgen & Co",
        lastName: "O'Brien <Sales>",
        callForwardAll: "+4930123456",
        sessionServer: null,
        sessionServers: [],
        mobility: null,
        singleNumberReach: null,
        devices: [],
      },
    ]);
  });
});

describe("readReply refusals", () => {
  it("turns a SOAP fault into SoapFault", () => {
    const error = thrown(() =>
      readReply(
        "<SOAP-ENV:Envelope><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode>" +
          "<faultstring>unknown method ISgetFoo</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>",
      ),
    );
    expect(error).toBeInstanceOf(SoapFault);
    expect((error as SoapFault).faultString).toBe("unknown method ISgetFoo");
  });

  it("refuses XML without a <response>", () => {
    const error = thrown(() =>
      readReply("<SOAP-ENV:Envelope><SOAP-ENV:Body><axl/></SOAP-ENV:Body></SOAP-ENV:Envelope>"),
    );
    expect((error as ProtocolError).problem).toBe("unexpected-shape");
  });

  it("maps an empty <response/> to no entities", () => {
    const reply = readReply(
      "<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><response/></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>",
    );
    expect(mapPhones(reply.response)).toEqual([]);
    expect(reply.dialect).toBe("2010");
  });

  it("refuses an ISgetEvtCounts reply without counts and an ISexecCLI reply without a line number", () => {
    const empty = readReply(`<response xsi:type="X"></response>`).response;
    expect(thrown(() => mapEventCounts(empty))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => mapExecCli(empty, 1))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => mapUpdateUser(empty))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => mapSaveConfig(empty))).toBeInstanceOf(ProtocolError);
  });
});
