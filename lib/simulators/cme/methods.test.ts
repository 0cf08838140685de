// Every method answers in both dialects with the shapes of the seed (2008) and of the later
// guides (2010: no xsi:type, plural wrappers), checked on the raw XML.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCmeSimulator, type CmeSimulator } from "./index";
import { call, countOf, isWellFormed, valuesOf } from "@/lib/testing/cme-sim";

const FLEET = { seed: 42, ephones: 12, pools: 3 };

describe.each(["2008", "2010"] as const)("dialect %s", (dialect) => {
  let simulator: CmeSimulator;
  beforeAll(async () => {
    simulator = await startCmeSimulator({ dialect, fleet: FLEET });
  });
  afterAll(() => simulator.close());

  /** The seed's envelope, <response> opened the way this dialect does (newer: typed only for ISexecCLI/ISSaveConfig). */
  function expectEnvelope(xml: string, responseType: string, typedInBoth = false): void {
    const response = dialect === "2008" || typedInBoth ? `<response xsi:type="${responseType}">` : "<response>";
    expect(xml.startsWith(`<SOAP-ENV:Envelope>\n<SOAP-ENV:Body>\n<axl>\n${response}\n`)).toBe(true);
    expect(xml.trimEnd().endsWith("</response>\n</axl>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>")).toBe(true);
    expect(xml).not.toContain("xmlns");
    expect(isWellFormed(xml)).toBe(true);
  }
  /** What comes right after <response>: the payload (2008) or the 2010 wrapper. */
  function firstPayloadElement(xml: string): string {
    return /<response[^>]*>\n<([A-Za-z]+)>/.exec(xml)?.[1] ?? "";
  }

  it("ISgetDevice lists SCCP phones with the seed's fields", async () => {
    const xml = await call(simulator, "ISgetDevice", "<ISDevName>all</ISDevName>");
    expectEnvelope(xml, "ISgetDeviceResponse");
    expect(firstPayloadElement(xml)).toBe(dialect === "2008" ? "ISDevice" : "ISDevices");
    expect(countOf(xml, "ISDevice")).toBe(FLEET.ephones);
    for (const field of [
      "ISDevID",
      "ISDevName",
      "ISDevType",
      "ISDevUserName",
      "ISKeyPhone",
      "ISDevStatus",
      "ISDevLastStatus",
      "ISDevChangeTime",
      "ISDevKeepAlives",
      "ISDevDND",
    ]) {
      expect(countOf(xml, field)).toBe(FLEET.ephones);
    }
    expect(xml).toContain("<ISDevAddr>\n<Xipv4Address>");
    expect(xml).toContain("<ISPhoneLineList>\n<ExtMapStatus>\n<LineId>1</LineId>");
    expect(valuesOf(xml, "ISDevStatus").every((s) => s === "registered" || s === "unregistered")).toBe(true);
  });

  it("ISgetDevice takes the 2010 ISKeyword form and the 2008 keyword form alike", async () => {
    const keyword = await call(simulator, "ISgetDevice", "<ISKeyword>allKeyphone</ISKeyword>");
    const legacy = await call(simulator, "ISgetDevice", "<ISDevName>allKeyphone</ISDevName>");
    expect(keyword).toBe(legacy);
    expect(valuesOf(keyword, "ISKeyPhone").every((value) => value === "true")).toBe(true);
    const tags = await call(simulator, "ISgetDevice", "<ISKeyword>allTag</ISKeyword>");
    expect(valuesOf(tags, "ISDevID")).toEqual(Array.from({ length: FLEET.ephones }, (_, i) => String(i + 1)));
    expect(countOf(tags, "ISDevName")).toBe(0);
  });

  it("SIP pools: ISgetDevice (2008) or ISgetSipDevice (2010, ISSipDevices), and the next available pool", async () => {
    const xml =
      dialect === "2008"
        ? await call(simulator, "ISgetDevice", "<ISPoolName>all</ISPoolName><ISPoolName>available</ISPoolName>")
        : await call(simulator, "ISgetSipDevice", "<ISKeyword>all</ISKeyword><ISKeyword>available</ISKeyword>");
    const element = dialect === "2008" ? "ISDevice" : "ISSipDevice";
    expect(firstPayloadElement(xml)).toBe(dialect === "2008" ? "ISDevice" : "ISSipDevices");
    expect(countOf(xml, element)).toBe(FLEET.pools + 1);
    expect(valuesOf(xml, "ISPoolID")).toEqual(["1", "2", "3", "4"]);
    const server = dialect === "2008" ? "ISDevSessionServer" : "ISSessionServerID";
    for (const field of ["ISDevMac", server, "ISPoolMaxRegistration", "ISPoolDtmfRelay", "ISDevCodec"]) {
      expect(countOf(xml, field)).toBe(FLEET.pools);
    }
  });

  it("ISgetExtension answers numbers by tag, number and keyword (ISExtensions in 2010)", async () => {
    const xml = await call(
      simulator,
      "ISgetExtension",
      "<ISExtID>1</ISExtID><ISExtNumber>0800</ISExtNumber><ISKeyword>allUp</ISKeyword>",
    );
    expectEnvelope(xml, "ISgetExtensionResponse");
    expect(firstPayloadElement(xml)).toBe(dialect === "2008" ? "ISExtension" : "ISExtensions");
    expect(valuesOf(xml, "ISExtNumber")[0]).toBe("0800");
    expect(valuesOf(xml, "ISExtID").filter((tag) => tag === "1")).toHaveLength(1); // listed once
    for (const field of [
      "ISExtSecNumber",
      "ISExtType",
      "ISExtStatus",
      "ISExtLineMode",
      "ISExtCallStatus",
      "firstname",
      "lastname",
      "callForwardAll",
    ]) {
      expect(xml).toContain(`<${field}>`);
    }
    expect(xml).toContain("<ISDevList>\n<ISDeviceID>1</ISDeviceID>\n<ISDeviceID>2</ISDeviceID>\n</ISDevList>");
  });

  it("SIP numbers by voice register dn: ISgetExtension (2008) or ISgetSipExtension (2010)", async () => {
    const xml =
      dialect === "2008"
        ? await call(
            simulator,
            "ISgetExtension",
            "<ISVoiceRegDNID>1</ISVoiceRegDNID><ISVoiceRegNumber>available</ISVoiceRegNumber>",
          )
        : await call(
            simulator,
            "ISgetSipExtension",
            "<ISVoiceRegDNID>1</ISVoiceRegDNID><ISKeyword>available</ISKeyword>",
          );
    expect(valuesOf(xml, "ISVoiceRegDNID")).toEqual(["1", "4"]);
    if (dialect === "2008") {
      expect(xml).toContain("<ISDevList>\n<ISPoolID>1</ISPoolID>");
      expect(xml).toContain("<ISDevSessionServer>1</ISDevSessionServer>");
    } else {
      expect(xml).toContain("<ISSipDevList>\n<ISPoolID>1</ISPoolID>");
      expect(xml).toContain("<ISSessionServerIDs>\n<ISSessionServerID>1</ISSessionServerID>");
    }
  });

  it("ISsetKeyPhones and ISunsetKeyPhones answer one result per phone", async () => {
    const set = await call(simulator, "ISsetKeyPhones", "<ISPhoneName>SEP000000000000</ISPhoneName>");
    expectEnvelope(set, "ISsetKeyPhonesResponse");
    expect(valuesOf(set, "ISsetResult")).toEqual(["false"]);
    const unset = await call(simulator, "ISunsetKeyPhones", "<ISPhoneName>SEP000000000000</ISPhoneName>");
    expectEnvelope(unset, "ISunsetKeyPhonesResponse");
    expect(valuesOf(unset, "ISunsetResult")).toEqual(["false"]);
  });

  it("ISgetUser and ISupdateUser answer with the seed's elements", async () => {
    const user = await call(simulator, "ISgetUser", "<ISuserID>hotdesk</ISuserID>");
    expectEnvelope(user, "ISgetUserResponse");
    expect(user).toContain(
      "<ISuser>\n<ISuserID>hotdesk</ISuserID>\n<ISuserType>2</ISuserType>\n<ISuserTag>1</ISuserTag>\n</ISuser>",
    );
    const update = await call(simulator, "ISupdateUser", "<ISuserID>hotdesk</ISuserID><ISpassword>9876</ISpassword>");
    expectEnvelope(update, "ISupdateUserResponse");
    expect(valuesOf(update, "ISsetResult")).toEqual(["true"]);
  });

  it("the event methods answer counts and events", async () => {
    simulator.control.churn(2);
    const counts = await call(simulator, "ISgetEvtCounts");
    expectEnvelope(counts, "ISgetEvtCountsResponse");
    expect(Number(valuesOf(counts, "ISDevEvtCount")[0])).toBeGreaterThanOrEqual(2);
    expect(counts).toContain("<ISExtEvtCount>");
    const devices = await call(simulator, "ISgetDevEvts", "<ISDevName>all</ISDevName>");
    expectEnvelope(devices, "ISgetDevEvtsResponse");
    expect(devices).toContain("<ISDevEvent>\n<ISDevEvtID>1</ISDevEvtID>\n<ISDevID>");
    expect(valuesOf(devices, "ISDevEventType")).toContain("Device");
    const extensions = await call(simulator, "ISgetExtEvts", "<ISExtNumber>all</ISExtNumber>");
    expectEnvelope(extensions, "ISgetExtEvtsResponse");
    expect(extensions).toMatch(/<ISExtEvent>\n<ISExtEvtID>\d+<\/ISExtEvtID>\n<ISExtID>\d+<\/ISExtID>\n<ISExtNumber>/);
    expect(valuesOf(extensions, "ISExtStatusChangeEvent").every((s) => s === "Up" || s === "Down")).toBe(true);
  });

  it("ISexecCLI and ISSaveConfig answer like the seed", async () => {
    const exec = await call(simulator, "ISexecCLI", "<CLI>ephone-dn 90</CLI><CLI>number 0999</CLI>");
    expectEnvelope(exec, "ISexecCLIResponse", true);
    expect(exec).toContain("<ISexecCLIResponse>0</ISexecCLIResponse>\n<ISexecCLIError></ISexecCLIError>");
    const save = await call(simulator, "ISSaveConfig");
    expectEnvelope(save, "ISSaveConfig", true);
    expect(valuesOf(save, "ISSaveConfigResult")).toEqual(["success"]);
  });

  it("ISgetGlobal answers system status (ISGlobal with the xml user in 2010)", async () => {
    const xml = await call(simulator, "ISgetGlobal");
    expectEnvelope(xml, "ISgetGlobalResponse");
    expect(firstPayloadElement(xml)).toBe(dialect === "2008" ? "ISAddress" : "ISGlobal");
    for (const field of [
      "ISMode",
      "ISVersion",
      "ISDeviceRegistered",
      "ISKeepAliveInterval",
      "ISMaxEphone",
      "ISMaxDN",
      "ISVoiceMail",
    ]) {
      expect(xml).toContain(`<${field}>`);
    }
    expect(valuesOf(xml, "ISConfiguredDevice")).toEqual([String(FLEET.ephones)]);
    expect(xml.includes("<ISXmlUserName>cisco</ISXmlUserName>")).toBe(dialect === "2010");
    expect(xml).not.toContain("<ISXmlUserPassword>");
  });

  it("ISgetVoiceRegGlobal, ISgetSessionServer and ISgetPresenceGlobal answer", async () => {
    const sip = await call(simulator, "ISgetVoiceRegGlobal");
    expectEnvelope(sip, "ISgetVoiceRegGlobalResponse");
    expect(sip).toContain("<ISPortNumber>5060</ISPortNumber>");
    expect(sip).toContain("<ISMaxPool>");

    const servers = await call(
      simulator,
      "ISgetSessionServer",
      "<ISSessionServerID>1</ISSessionServerID><ISSessionServerName>available</ISSessionServerName>",
    );
    expectEnvelope(servers, "ISgetSessionServerResponse");
    expect(firstPayloadElement(servers)).toBe(dialect === "2008" ? "ISSessionServer" : "ISSessionServers");
    expect(valuesOf(servers, "ISSessionServerID")).toEqual(["1", "2"]);
    expect(servers).toContain("<ISSessionRegisterID>CRS</ISSessionRegisterID>");

    const presence = await call(simulator, "ISgetPresenceGlobal");
    expectEnvelope(presence, "ISgetPresenceGlobalResponse");
    expect(firstPayloadElement(presence)).toBe(dialect === "2008" ? "ISPresenceEnable" : "ISPresenceGlobal");
    expect(presence).toContain("<ISMaxSubAllow>100</ISMaxSubAllow>");
  });
});

describe("quirks", () => {
  let simulator: CmeSimulator;
  beforeAll(async () => {
    simulator = await startCmeSimulator({ quirks: true, fleet: { seed: 3, ephones: 4, pools: 0 } });
  });
  afterAll(() => simulator.close());

  it("puts stray spaces in tags and a leading space in ISSaveConfig's xsi:type, closing with </request>", async () => {
    const xml = await call(simulator, "ISSaveConfig");
    expect(xml).toContain("<SOAP-ENV:Envelope >");
    expect(xml).toContain("<axl >");
    expect(xml).toContain('<response xsi:type=" ISSaveConfig" >');
    expect(xml).toContain("</ISSaveConfigResult>\n</request>");
  });

  it("uses ISextID / ISextNumber in extension events and mixes ISDevUsername into devices", async () => {
    simulator.control.churn(4);
    const events = await call(simulator, "ISgetExtEvts", "<ISExtNumber>all</ISExtNumber>");
    expect(events).toContain("<ISextID>");
    expect(events).toContain("<ISextNumber>");
    const devices = await call(simulator, "ISgetDevice", "<ISDevName>all</ISDevName>");
    expect(countOf(devices, "ISDevUsername")).toBe(2);
    expect(countOf(devices, "ISDevUserName")).toBe(2);
  });

  it("closes firstname and lastname with the seed's mismatched case", async () => {
    const xml = await call(simulator, "ISgetExtension", "<ISExtNumber>0800</ISExtNumber>");
    expect(xml).toContain("<firstname>Reception</firstName>");
    expect(xml).toContain("<lastname></lastName>");
  });

  it("can be switched at run time, one quirk at a time", async () => {
    simulator.control.setQuirks(["lowercase-event-fields"]);
    const xml = await call(simulator, "ISSaveConfig");
    expect(xml).toContain('<axl>\n<response xsi:type="ISSaveConfig">');
    simulator.control.setQuirks(true);
  });
});
