import { describe, expect, it } from "vitest";
import { UnsafeInputError } from "@/lib/soap";
import {
  checkDirectoryNumber,
  checkMac,
  checkPassword,
  checkPhoneName,
  checkTag,
  checkUserId,
  dottedMac,
  isDirectoryNumber,
  normalizeMac,
  phoneNameSchema,
} from "./validators";

describe("input validators", () => {
  it("accepts phone names as SEP or ATA plus 12 hex digits, upper-cased", () => {
    expect(checkPhoneName("sep0012da8ac43d")).toBe("SEP0012DA8AC43D");
    expect(checkPhoneName("ATA00AABBCCDDEE")).toBe("ATA00AABBCCDDEE");
    for (const bad of [
      "SEP0012DA8AC43",
      "SEP0012DA8AC43DX",
      "0012DA8AC43D",
      "SEP0012DA8AC43G",
      "SEP<x>",
      "all",
      "SEP0012DA8AC43D\n",
    ]) {
      expect(() => checkPhoneName(bad)).toThrow(UnsafeInputError);
    }
    expect(phoneNameSchema.parse("sep0012da8ac43d")).toBe("SEP0012DA8AC43D");
  });

  it("normalises MAC addresses in Cisco, colon, dash and SEP forms", () => {
    for (const form of [
      "000D.BC80.EB51",
      "00:0d:bc:80:eb:51",
      "00-0D-BC-80-EB-51",
      "SEP000DBC80EB51",
      "000dbc80eb51",
    ]) {
      expect(checkMac(form)).toBe("000DBC80EB51");
    }
    expect(dottedMac("000DBC80EB51")).toBe("000D.BC80.EB51");
    expect(normalizeMac("000D.BC80.EB5")).toBeNull();
    expect(() => checkMac("not a mac")).toThrow(UnsafeInputError);
  });

  it("keeps directory numbers exactly and allows wildcards only when asked", () => {
    expect(checkDirectoryNumber("0800")).toBe("0800");
    expect(checkDirectoryNumber("+4930123456")).toBe("+4930123456");
    expect(checkDirectoryNumber("*99#")).toBe("*99#");
    expect(isDirectoryNumber("20..")).toBe(false);
    expect(isDirectoryNumber("20..", { wildcards: true })).toBe(true);
    for (const bad of ["", "12 34", "12+34", "1".repeat(33), "2001<", "2001\r\n"]) {
      expect(() => checkDirectoryNumber(bad)).toThrow(UnsafeInputError);
    }
  });

  it("limits user IDs to 19 safe characters", () => {
    expect(checkUserId("peter")).toBe("peter");
    expect(checkUserId("p.lee-2@site_a")).toBe("p.lee-2@site_a");
    expect(checkUserId("a".repeat(19))).toHaveLength(19);
    for (const bad of [
      "",
      "a".repeat(20),
      "pe ter",
      "<peter>",
      "peter&co",
      "peter]]>",
      "peter-->",
      'pe"ter',
      "peter\r\n",
      "peter\u0000",
      "-peter",
    ]) {
      expect(() => checkUserId(bad)).toThrow(UnsafeInputError);
    }
  });

  it("limits passwords to 19 printable characters without spaces, never echoing them", () => {
    expect(checkPassword("abc")).toBe("abc");
    expect(checkPassword(`<&]]>-->"'`)).toBe(`<&]]>-->"'`);
    for (const bad of ["", "a".repeat(20), "pass word", "pass\rword", "pass\nword", "pass\u0000", "pässword"]) {
      try {
        checkPassword(bad);
        throw new Error("accepted");
      } catch (error) {
        expect(error).toBeInstanceOf(UnsafeInputError);
        if (bad) expect((error as UnsafeInputError).userMessage).not.toContain(bad);
      }
    }
  });

  it("accepts tags as whole numbers from 1", () => {
    expect(checkTag(1)).toBe(1);
    for (const bad of [0, -1, 1.5, Number.NaN, 100_001]) expect(() => checkTag(bad)).toThrow(UnsafeInputError);
  });
});
