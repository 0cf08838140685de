import { describe, expect, it } from "vitest";
import { UnsafeInputError } from "@/lib/soap";
import { checkCliBatch } from "./cli-allowlist";

function refusedLine(lines: string[]): string {
  try {
    checkCliBatch(lines);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeInputError);
    return (error as UnsafeInputError).field;
  }
  throw new Error("expected the batch to be refused");
}

describe("ISexecCLI allowlist", () => {
  it("accepts the seed's example batch", () => {
    const batch = ["ephone 4", "mac-address 000D.BC80.EB51", "type 7960", "button 1:1"];
    expect(checkCliBatch(batch)).toEqual(batch);
  });

  it("accepts helpdesk changes in every allowed mode, no-forms included", () => {
    const batch = [
      "ephone 12",
      "description Reception desk",
      "username jsmith password 1234",
      "button 1:12 2s13 3m14",
      "keyphone",
      "no keyphone",
      "restart",
      "exit",
      "ephone-dn 12 dual-line",
      "number 0800 secondary +4930123456",
      "name Peter Lee",
      "label Peter (front)",
      "call-forward all 2001",
      "no call-forward all",
      "call-forward noan 2002 timeout 20",
      "voice register dn 3",
      "number 2777",
      "voice register pool 3",
      "id mac 0012.DA8A.C43D",
      "type 8845",
      "number 1 dn 3",
      "no description",
      "reset",
      "telephony-service",
      "create cnf-files",
      "restart mac-address 0012.DA8A.C43D",
    ];
    expect(checkCliBatch(batch.map((line) => `  ${line} `))).toEqual(batch);
  });

  it.each([
    ["a command outside the allowlist", ["ephone 1", "shutdown"], "CLI line 2"],
    ["global configuration", ["enable secret cisco"], "CLI line 1"],
    ["a sub-command before any mode", ["description x"], "CLI line 1"],
    ["deleting a phone", ["no ephone 4"], "CLI line 1"],
    ["telephony-service-wide resets", ["telephony-service", "reset all"], "CLI line 2"],
    ["an exec command", ["ephone 1", "do write erase"], "CLI line 2"],
    ["a line with LF", ["ephone 1", "description a\nhostname x"], "CLI line 2"],
    ["a line with CR", ["ephone 1", "description a\rb"], "CLI line 2"],
    ["a line with NUL", ["ephone 1\u0000"], "CLI line 1"],
    ["a line with a tab", ["ephone\t1"], "CLI line 1"],
    ["a help request", ["ephone 1", "description what?"], "CLI line 2"],
    ["a password longer than 19", ["ephone 1", `username a password ${"x".repeat(20)}`], "CLI line 2"],
    ["an empty line", ["ephone 1", "   "], "CLI line 2"],
    ["non-ASCII text", ["ephone 1", "description Jürgen"], "CLI line 2"],
  ])("refuses %s", (_label, lines, field) => {
    expect(refusedLine(lines)).toBe(field);
  });

  it("passes markup characters in free text through unchanged: the request builder escapes them", () => {
    const batch = ["ephone-dn 1", `name Lee & "Sons" --> 'x'`, "label ]]><CLI>x</CLI>"];
    expect(checkCliBatch(batch)).toEqual(batch);
  });

  it("refuses an empty batch and more than 100 lines", () => {
    expect(() => checkCliBatch([])).toThrow(UnsafeInputError);
    expect(() => checkCliBatch(["ephone 1", ...Array.from({ length: 100 }, () => "restart")])).toThrow(
      UnsafeInputError,
    );
  });
});
