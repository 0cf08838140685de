import { describe, expect, it } from "vitest";
import { UnsafeInputError } from "@/lib/soap/errors";
import { parseXml } from "@/lib/soap/parse";
import { fixture } from "../fixtures/read";
import { buildSelectCmDevice, buildSelectCtiItem } from "./requests";

const body = (xml: string) => (parseXml(xml) as { Envelope: { Body: unknown } }).Envelope.Body;

describe("RisPort70 requests", () => {
  it("builds the seed's selectCmDevice request", () => {
    const built = buildSelectCmDevice("selectCmDevice", { selectBy: "DirNumber", selectItems: ["6961"] });
    expect(body(built)).toEqual(body(fixture("seed-select-cm-device-request.xml")));
    expect(built).toContain('xmlns:soap="http://schemas.cisco.com/ast/soap"');
    expect(built).toContain('xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"');
  });

  it("builds selectCmDeviceExt with the same criteria", () => {
    const built = buildSelectCmDevice("selectCmDeviceExt", { selectItems: ["SEPE8B7480316D6"] });
    expect(built).toContain("<soap:selectCmDeviceExt><soap:StateInfo></soap:StateInfo><soap:CmSelectionCriteria>");
    expect(built).toContain(
      "<soap:SelectBy>Name</soap:SelectBy><soap:SelectItems><soap:item><soap:Item>SEPE8B7480316D6</soap:Item></soap:item></soap:SelectItems>",
    );
  });

  it("builds the seed's selectCtiItem request", () => {
    const built = buildSelectCtiItem({
      ctiManagerClass: "Line",
      appItems: ["cucmuser-192.168.168.169-4963"],
      devNames: ["SEPF01FAF38ABC2"],
      dirNumbers: ["1002"],
    });
    expect(body(built)).toEqual(body(fixture("seed-select-cti-item-request.xml")));
  });

  it("sends every criterion it is given", () => {
    const built = buildSelectCmDevice("selectCmDevice", {
      maxReturnedDevices: 200,
      deviceClass: "Gateway",
      model: 30,
      status: "UnRegistered",
      nodeName: "cucm2",
      selectBy: "IPV4Address",
      selectItems: ["10.1.*", "10.2.*"],
      protocol: "SCCP",
      downloadStatus: "Failed",
    });
    expect(built).toContain(
      "<soap:MaxReturnedDevices>200</soap:MaxReturnedDevices><soap:DeviceClass>Gateway</soap:DeviceClass><soap:Model>30</soap:Model>" +
        "<soap:Status>UnRegistered</soap:Status><soap:NodeName>cucm2</soap:NodeName><soap:SelectBy>IPV4Address</soap:SelectBy>" +
        "<soap:SelectItems><soap:item><soap:Item>10.1.*</soap:Item></soap:item><soap:item><soap:Item>10.2.*</soap:Item></soap:item></soap:SelectItems>" +
        "<soap:Protocol>SCCP</soap:Protocol><soap:DownloadStatus>Failed</soap:DownloadStatus>",
    );
  });

  it("escapes every value, StateInfo included, and refuses control characters", () => {
    const built = buildSelectCmDevice(
      "selectCmDevice",
      { selectItems: [`<a>&"'`], nodeName: "x&y" },
      '<StateInfo Query="q"/>',
    );
    expect(built).toContain("<soap:Item>&lt;a&gt;&amp;&quot;&apos;</soap:Item>");
    expect(built).toContain("<soap:NodeName>x&amp;y</soap:NodeName>");
    expect(built).toContain("<soap:StateInfo>&lt;StateInfo Query=&quot;q&quot;/&gt;</soap:StateInfo>");
    expect(() => buildSelectCmDevice("selectCmDevice", { selectItems: ["SEP\n<evil/>"] })).toThrow(UnsafeInputError);
    expect(() => buildSelectCtiItem({ devNames: ["a\u0000b"] })).toThrow(UnsafeInputError);
  });

  it("refuses criteria outside the WSDL", () => {
    expect(() => buildSelectCmDevice("selectCmDevice", { status: "Bogus" as never })).toThrow();
    expect(() => buildSelectCmDevice("selectCmDevice", { maxReturnedDevices: 5000 })).toThrow();
  });
});
