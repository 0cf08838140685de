import { describe, expect, it } from "vitest";
import { ProtocolError } from "./errors";
import { decodeEntities, parseXml } from "./parse";

function protocolProblem(body: string): string {
  try {
    parseXml(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return (error as ProtocolError).problem;
  }
  throw new Error("expected a ProtocolError");
}

describe("parseXml: shape", () => {
  it("keeps every value a string, removes namespace prefixes and trims attributes and tag names", () => {
    const body =
      `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="urn:x"><SOAP-ENV:Body><axl >` +
      `<response xsi:type=" ISSaveConfig " ><dn>0800</dn><e164> +4930123456 </e164><n>1e3</n>` +
      `<t>true</t><empty></empty><self/></response></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    expect(parseXml(body)).toEqual({
      Envelope: {
        Body: {
          axl: {
            response: {
              "@_type": "ISSaveConfig",
              dn: "0800",
              e164: "+4930123456",
              n: "1e3",
              t: "true",
              empty: "",
              self: "",
            },
          },
        },
      },
    });
  });

  it("tolerates closing tags whose case or name does not match (Cisco's own examples)", () => {
    expect(parseXml(`<r><firstname>Peter</firstName><lastname>Lee</lastName></r>`)).toEqual({
      r: { firstname: "Peter", lastname: "Lee" },
    });
    expect(parseXml(`<q><IDDevName>SEP000DEDAB3566</ISDevName><IDDevName>all</ISDevName></q>`)).toEqual({
      q: { IDDevName: ["SEP000DEDAB3566", "all"] },
    });
    expect(
      parseXml(`<response xsi:type=" ISSaveConfig"><ISSaveConfigResult>delay</ISSaveConfigResult></request>`),
    ).toEqual({
      response: { "@_type": "ISSaveConfig", ISSaveConfigResult: "delay" },
    });
  });

  it("refuses a closing tag of an outer element while inner ones are open (a damaged reply)", () => {
    expect(() => parseXml(`<a><b><c>x</a>`)).toThrow(ProtocolError);
  });

  it("decodes the predefined entities and numeric references once, and keeps CDATA literal", () => {
    expect(
      parseXml(`<a><b>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&amp;lt;&nbsp;</b><c><![CDATA[x &amp; <y>]]></c></a>`),
    ).toEqual({
      a: { b: `<&>"'AB&lt;&nbsp;`, c: "x &amp; <y>" },
    });
  });

  it("replaces numeric references XML cannot carry", () => {
    expect(decodeEntities("&#0;&#xD800;&#x110000;&#9;")).toBe("\ufffd\ufffd\ufffd\t");
  });

  it("honours alwaysArray", () => {
    const parsed = parseXml(`<r><item>1</item></r>`, { alwaysArray: (name) => name === "item" });
    expect(parsed).toEqual({ r: { item: ["1"] } });
  });

  it("puts text under #text when an element has attributes", () => {
    expect(parseXml(`<r><v nil="1">x</v></r>`)).toEqual({ r: { v: { "#text": "x", "@_nil": "1" } } });
  });
});

describe("parseXml: hostile replies", () => {
  it("refuses DOCTYPE and ENTITY declarations before parsing (billion laughs)", () => {
    const bomb =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>` +
      `<lolz>&lol2;</lolz>`;
    expect(protocolProblem(bomb)).toBe("doctype");
    expect(protocolProblem(`<a><!entity x "y"></a>`)).toBe("doctype");
    expect(protocolProblem(`<!doctype html><html></html>`)).toBe("doctype");
  });

  it("decodes up to 20,000 numeric character references, and refuses a flood of them unparsed", () => {
    const many = `<a>${"&#65;".repeat(20_000)}</a>`;
    const parsed = parseXml(many) as { a: string };
    expect(parsed.a).toBe("A".repeat(20_000));
    expect(protocolProblem(`<a>${"&#65;".repeat(20_001)}</a>`)).toBe("too-large");
    expect(protocolProblem(`<a>${"&#x41;".repeat(100_000)}</a>`)).toBe("too-large");
  });

  it("never lets __proto__, constructor or prototype elements reach a prototype", () => {
    for (const name of ["__proto__", "constructor", "prototype", "x:__proto__"]) {
      const body = `<r><${name}><polluted>yes</polluted></${name}></r>`;
      try {
        parseXml(body);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const withAttribute = parseXml(`<r __proto__="x" constructor="y"><polluted>no</polluted></r>`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(withAttribute)).toBe(Object.prototype);
  });

  it("refuses 10,000-deep nesting in bounded time without overflowing the stack", () => {
    const deep = `${"<a>".repeat(10_000)}x${"</a>".repeat(10_000)}`;
    expect(protocolProblem(deep)).toBe("too-deep");
  });

  it("refuses truncated XML", () => {
    const full = `<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><response><ISDevice><ISDevID>1</ISDevID></ISDevice></response></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    for (const cut of [40, 60, 80, full.length - 1, full.length - 25]) {
      expect(["truncated", "not-xml"]).toContain(protocolProblem(full.slice(0, cut)));
    }
    expect(protocolProblem(`<a><b>1</b>`)).toBe("truncated");
    expect(protocolProblem(`<a><!-- never closed`)).toBe("truncated");
    expect(protocolProblem(`<a attr="x`)).toBe("truncated");
  });

  it("refuses an HTML page, an empty body and plain text", () => {
    expect(protocolProblem(`<html><head><title>Login</title></head><body>Hello</body></html>`)).toBe("not-xml");
    expect(protocolProblem("")).toBe("not-xml");
    expect(protocolProblem("   \n ")).toBe("not-xml");
    expect(protocolProblem("Service Unavailable")).toBe("not-xml");
  });

  it("refuses text outside the root and more than one root", () => {
    expect(protocolProblem(`<a>1</a>trailing`)).toBe("not-xml");
    expect(protocolProblem(`<a>1</a><b>2</b>`)).toBe("not-xml");
  });
});
