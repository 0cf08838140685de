import { describe, expect, it } from "vitest";
import { UnsafeInputError, isSoapError } from "./errors";
import { element, escapeXml, fragments } from "./escape";
import { parseXml } from "./parse";

describe("escapeXml", () => {
  it("escapes the five markup characters so ]]> and --> cannot end anything", () => {
    expect(escapeXml(`a<b>&"c"'d']]>-->`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;]]&gt;--&gt;");
  });

  it("keeps tabs and non-ASCII text, including surrogate pairs", () => {
    expect(escapeXml("Jürgen\tØ 📞")).toBe("Jürgen\tØ 📞");
  });

  it.each([
    ["CR", "a\rb"],
    ["LF", "a\nb"],
    ["NUL", "a\u0000b"],
    ["ESC", "a\u001bb"],
    ["lone surrogate", "a\ud800b"],
    ["U+FFFF", "a\uffffb"],
  ])("refuses %s", (_label, value) => {
    expect(() => escapeXml(value)).toThrow(UnsafeInputError);
    try {
      escapeXml(value, "password");
    } catch (error) {
      expect(isSoapError(error)).toBe(true);
      expect((error as UnsafeInputError).field).toBe("password");
      expect((error as UnsafeInputError).userMessage).not.toContain(value);
    }
  });
});

describe("element", () => {
  it("escapes strings and passes only fragments through as markup", () => {
    const xml = element("ISgetUser", [element("ISuserID", "<peter>&"), "<evil/>"]).xml;
    expect(xml).toBe("<ISgetUser><ISuserID>&lt;peter&gt;&amp;</ISuserID>&lt;evil/&gt;</ISgetUser>");
    expect(parseXml(xml)).toEqual({ ISgetUser: { ISuserID: "<peter>&", "#text": "<evil/>" } });
  });

  it("writes attributes escaped and numbers as text", () => {
    expect(element("request", element("ISDevID", 4), { "xsi:type": 'x"y' }).xml).toBe(
      `<request xsi:type="x&quot;y"><ISDevID>4</ISDevID></request>`,
    );
  });

  it("refuses element names that are not names", () => {
    expect(() => element("a b", "x")).toThrow(UnsafeInputError);
    expect(() => element("a>", "x")).toThrow(UnsafeInputError);
  });

  it("joins fragments", () => {
    expect(fragments(element("a", "1"), element("b", "2")).xml).toBe("<a>1</a><b>2</b>");
  });
});
