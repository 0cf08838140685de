import { describe, expect, test } from "vitest";
import { lookupKeyOf, splitPasted } from "./lookup";

describe("a pasted list", () => {
  test("splits on lines, commas, semicolons and spaces, keeping a spaced MAC whole and each item once", () => {
    expect(splitPasted("SEP000DBC80EB51, 1001\n000D BC80 EB51\n10.1.0.5;  1001\tlobby-phone ")).toEqual([
      "SEP000DBC80EB51",
      "1001",
      "000D BC80 EB51",
      "10.1.0.5",
      "lobby-phone",
    ]);
  });

  test("each item is a MAC, an address, a number or a name", () => {
    expect(lookupKeyOf("00:0d:bc:80:eb:51")).toEqual({ kind: "mac", mac: "000DBC80EB51" });
    expect(lookupKeyOf("SEP000DBC80EB51")).toEqual({ kind: "mac", mac: "000DBC80EB51" });
    expect(lookupKeyOf("10.1.0.5")).toEqual({ kind: "ip", ip: "10.1.0.5" });
    expect(lookupKeyOf("+4930123456")).toEqual({ kind: "dn", dn: "+4930123456" });
    expect(lookupKeyOf("0417")).toEqual({ kind: "dn", dn: "0417" });
    expect(lookupKeyOf("CTIPORT1")).toEqual({ kind: "name", name: "CTIPORT1" });
  });
});
