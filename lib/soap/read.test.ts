import { describe, expect, it } from "vitest";
import { SoapFault } from "./errors";
import { readSoapFault } from "./fault";
import { parseXml } from "./parse";
import { asArray, attribute, childNames, descend, field, fieldText, fields, textOf } from "./read";

describe("accessors", () => {
  const doc = parseXml(
    `<response xsi:type="X"><ISExtEvent><ISextID>80</ISextID><ISextNumber>2080</ISextNumber></ISExtEvent>` +
      `<ISDevUsername>pat</ISDevUsername><v a="1">t</v><list><i>1</i><i>2</i></list></response>`,
  );
  const response = descend(doc, "response");

  it("looks fields up ignoring case", () => {
    expect(fieldText(descend(response, "ISExtEvent"), "ISExtID")).toBe("80");
    expect(fieldText(response, "ISDevUserName")).toBe("pat");
    expect(fieldText(response, "missing")).toBeUndefined();
  });

  it("reads text, attributes, arrays and child names", () => {
    expect(textOf(field(response, "v"))).toBe("t");
    expect(attribute(response, "type")).toBe("X");
    expect(asArray(field(descend(response, "list"), "i"))).toEqual(["1", "2"]);
    expect(asArray(undefined)).toEqual([]);
    expect(asArray("x")).toEqual(["x"]);
    expect(childNames(response)).toEqual(["ISExtEvent", "ISDevUsername", "v", "list"]);
  });

  it("merges children whose names differ only in case", () => {
    const mixed = parseXml(`<r><ISDevice>1</ISDevice><ISdevice>2</ISdevice></r>`);
    expect(fields(descend(mixed, "r"), "isdevice")).toEqual(["1", "2"]);
  });
});

describe("readSoapFault", () => {
  it("reads a SOAP 1.1 fault", () => {
    const fault = readSoapFault(
      parseXml(
        `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>` +
          `<faultcode>soapenv:Server.RateControl</faultcode><faultstring>AxisFault: Exceeded allowed rate</faultstring>` +
          `</soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
      ),
    );
    expect(fault).toBeInstanceOf(SoapFault);
    expect(fault?.faultCode).toBe("soapenv:Server.RateControl");
    expect(fault?.faultString).toBe("AxisFault: Exceeded allowed rate");
  });

  it("returns undefined when there is no fault", () => {
    expect(readSoapFault(parseXml(`<Envelope><Body><ok>1</ok></Body></Envelope>`))).toBeUndefined();
  });
});
