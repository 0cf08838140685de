import { describe, expect, test } from "vitest";
import { dottedMac, macOf, macSearchTerm, normaliseMac, searchWords } from "./mac";

describe("MAC normalisation", () => {
  test.each([
    "000D.BC80.EB51",
    "00:0d:bc:80:eb:51",
    "00-0D-BC-80-EB-51",
    "000dbc80eb51",
    "SEP000DBC80EB51",
    "sep000dbc80eb51",
    " 000d.bc80.eb51 ",
    "ATA000DBC80EB51",
    "000D BC80 EB51",
  ])("%s is 000DBC80EB51", (text) => {
    expect(normaliseMac(text)).toBe("000DBC80EB51");
  });

  test.each(["", "SEP000DBC80EB5", "000DBC80EB511", "Lobby phone", "G00DBC80EB51", "1001"])(
    "%s is not a MAC",
    (text) => {
      expect(normaliseMac(text)).toBeNull();
    },
  );

  test("search terms: whole MACs, hex fragments, and plain words", () => {
    expect(macSearchTerm("00:0d:bc:80:eb:51")).toEqual({ kind: "full", mac: "000DBC80EB51" });
    expect(macSearchTerm("eb51")).toEqual({ kind: "fragment", hex: "EB51" });
    expect(macSearchTerm("bc:80:eb")).toEqual({ kind: "fragment", hex: "BC80EB" });
    expect(macSearchTerm("abc")).toBeNull();
    expect(macSearchTerm("lobby")).toBeNull();
    expect(macSearchTerm("10.1.2.3")).toBeNull();
    expect(macSearchTerm("000D.BC80.EB")).toEqual({ kind: "fragment", hex: "000DBC80EB" });
  });

  test("dotted display form", () => {
    expect(dottedMac("000DBC80EB51")).toBe("000D.BC80.EB51");
    expect(dottedMac(null)).toBeNull();
  });

  test("search words", () => {
    expect(searchWords(undefined)).toEqual([]);
    expect(searchWords("  lobby   1001 ")).toEqual(["lobby", "1001"]);
    expect(searchWords("000D BC80 EB51")).toEqual(["000D BC80 EB51"]);
  });
});

describe("the MAC a device name carries", () => {
  test.each([
    "SEP000DBC80EB51",
    "sep000dbc80eb51",
    "ATA000DBC80EB51",
    "BAT000DBC80EB51",
    "SKIGW000DBC80EB51",
    "AALN000DBC80EB51",
    "AN000DBC80EB51",
    "VGC000DBC80EB51",
  ])("%s carries 000DBC80EB51", (name) => {
    expect(macOf(name)).toBe("000DBC80EB51");
  });

  test.each([
    "CSFJDOE",
    "CSF123456789012",
    "csf000dbc80eb51",
    "000DBC80EB51",
    "SEP000DBC80EB5",
    "Lobby phone",
    "SEP000D.BC80.EB51",
  ])("%s carries none", (name) => {
    expect(macOf(name)).toBeNull();
  });

  test("search reads the same prefixes: a gateway port's name finds its MAC", () => {
    expect(normaliseMac("AALN000DBC80EB51")).toBe("000DBC80EB51");
    expect(normaliseMac("SKIGW000DBC80EB51")).toBe("000DBC80EB51");
  });
});
