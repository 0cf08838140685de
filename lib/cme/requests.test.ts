import { describe, expect, it } from "vitest";
import { UnsafeInputError, fragments, parseXml } from "@/lib/soap";
import { buildRequest } from "./envelope";
import {
  extensionEventSelectorXml,
  extensionSelectorXml,
  phoneEventSelectorXml,
  phoneSelectorXml,
  sessionServerSelectorXml,
} from "./selectors";

describe("request envelope", () => {
  it("has the shape of Cisco's examples", () => {
    expect(buildRequest("ISgetGlobal")).toBe(
      `<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><request xsi:type="ISgetGlobal"><ISgetGlobal></ISgetGlobal></request></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
    );
  });

  it("writes the seed's SCCP ISgetDevice example in the 2008 dialect", () => {
    const xml = buildRequest(
      "ISgetDevice",
      [{ ephoneTag: 1 }, { name: "SEP0012DA8AC43D" }, { keyword: "allKeyphone" as const }].map((s) =>
        phoneSelectorXml(s, "2008"),
      ),
    );
    expect(xml).toContain(
      `<request xsi:type="ISgetDevice"><ISgetDevice><ISDevID>1</ISDevID><ISDevName>SEP0012DA8AC43D</ISDevName><ISDevName>allKeyphone</ISDevName></ISgetDevice></request>`,
    );
    expect(parseXml(xml)).toBeTruthy();
  });

  it("spells keywords as ISKeyword for 2010+ routers (SIP ones go to ISgetSipDevice/ISgetSipExtension), in their own elements for 2008", () => {
    expect(phoneSelectorXml({ keyword: "all" }, "2010").xml).toBe("<ISKeyword>all</ISKeyword>");
    expect(extensionSelectorXml({ keyword: "allTag" }, "2010").xml).toBe("<ISKeyword>allTag</ISKeyword>");
    expect(extensionSelectorXml({ keyword: "allUp" }, "2008").xml).toBe("<ISExtNumber>allUp</ISExtNumber>");
    expect(phoneSelectorXml({ sipKeyword: "available" }, "2010").xml).toBe("<ISKeyword>available</ISKeyword>");
    expect(phoneSelectorXml({ sipKeyword: "allTag" }, "2010").xml).toBe("<ISKeyword>allTag</ISKeyword>");
    expect(phoneSelectorXml({ sipKeyword: "available" }, "2008").xml).toBe("<ISPoolName>available</ISPoolName>");
    expect(() => phoneSelectorXml({ sipKeyword: "allTag" }, "2008")).toThrow(UnsafeInputError);
    expect(extensionSelectorXml({ sipKeyword: "all" }, "2010").xml).toBe("<ISKeyword>all</ISKeyword>");
    expect(phoneSelectorXml({ poolId: 1 }, "2010").xml).toBe("<ISPoolID>1</ISPoolID>");
  });

  it("follows the seed's SIP ISgetExtension example: number in ISVoiceRegNumber, keyword in ISVoiceRegDNName", () => {
    const xml = fragments(
      extensionSelectorXml({ sipTag: 1 }, "2008"),
      extensionSelectorXml({ sipNumber: "2777" }, "2008"),
      extensionSelectorXml({ sipKeyword: "available" }, "2008"),
    ).xml;
    expect(xml).toBe(
      "<ISVoiceRegDNID>1</ISVoiceRegDNID><ISVoiceRegNumber>2777</ISVoiceRegNumber><ISVoiceRegDNName>available</ISVoiceRegDNName>",
    );
  });

  it("writes event and session-server selectors as in the seed (ISDevName, not its IDDevName typo)", () => {
    expect(
      fragments(
        phoneEventSelectorXml({ eventId: 11 }),
        phoneEventSelectorXml({ ephoneTag: 2 }),
        phoneEventSelectorXml({ name: "SEP000DEDAB3566" }),
        phoneEventSelectorXml({ keyword: "all" }),
      ).xml,
    ).toBe(
      "<ISDevEvtID>11</ISDevEvtID><ISDevID>2</ISDevID><ISDevName>SEP000DEDAB3566</ISDevName><ISDevName>all</ISDevName>",
    );
    expect(
      fragments(
        extensionEventSelectorXml({ eventId: 170 }),
        extensionEventSelectorXml({ extensionTag: 80 }),
        extensionEventSelectorXml({ number: "2080" }),
        extensionEventSelectorXml({ keyword: "all" }),
      ).xml,
    ).toBe(
      "<ISExtEvtID>170</ISExtEvtID><ISExtID>80</ISExtID><ISExtNumber>2080</ISExtNumber><ISExtNumber>all</ISExtNumber>",
    );
    expect(fragments(sessionServerSelectorXml({ id: 1 }), sessionServerSelectorXml({ keyword: "available" })).xml).toBe(
      "<ISSessionServerID>1</ISSessionServerID><ISSessionServerName>available</ISSessionServerName>",
    );
  });

  it("refuses selectors that are not what they claim before building XML", () => {
    expect(() => phoneSelectorXml({ name: "SEP<x/>" }, "2008")).toThrow(UnsafeInputError);
    expect(() => phoneSelectorXml({ ephoneTag: 0 }, "2008")).toThrow(UnsafeInputError);
    expect(() => phoneSelectorXml({ keyword: "everything" as "all" }, "2008")).toThrow(UnsafeInputError);
    expect(() => extensionSelectorXml({ number: "2001</ISExtNumber>" }, "2008")).toThrow(UnsafeInputError);
    expect(() => phoneSelectorXml({} as { poolId: number }, "2008")).toThrow(UnsafeInputError);
  });
});
