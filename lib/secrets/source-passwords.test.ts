import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { currentKey, forgetKeyForTests, keyId, open, seal, SecretKeyError } from "./source-passwords";

const saved = { ...process.env };
beforeEach(() => {
  process.env.LINEWATCH_DATA_DIR = mkdtempSync(path.join(tmpdir(), "lw-box-"));
  delete process.env.LINEWATCH_SECRET_KEY;
  resetEnvForTests();
  forgetKeyForTests();
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  forgetKeyForTests();
});

describe("secret box", () => {
  test("round-trips and never contains the plaintext", () => {
    const sealed = seal("cisco-Pass<&>", "src1");
    expect(sealed).not.toContain("cisco");
    expect(sealed.split(":")[1]).toBe(currentKey().id);
    expect(open(sealed, "src1")).toBe("cisco-Pass<&>");
    expect(seal("same", "src1")).not.toBe(seal("same", "src1"));
  });

  test("a value copied onto another source fails closed", () => {
    expect(() => open(seal("pw", "src1"), "src2")).toThrow(SecretKeyError);
  });

  test("tampering anywhere fails closed", () => {
    const sealed = seal("pw", "src1");
    const parts = sealed.split(":");
    for (const index of [2, 3, 4]) {
      const copy = [...parts];
      const bytes = Buffer.from(copy[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      copy[index] = bytes.toString("base64url");
      expect(() => open(copy.join(":"), "src1")).toThrow(SecretKeyError);
    }
    expect(() => open("plaintext-password", "src1")).toThrow(SecretKeyError);
  });

  test("the key file is created on first seal, and a missing key is a clear error with no fallback", () => {
    const sealed = seal("pw", "s");
    const file = path.join(process.env.LINEWATCH_DATA_DIR!, "secret.key");
    expect(readFileSync(file, "utf8").trim()).toHaveLength(44);
    process.env.LINEWATCH_DATA_DIR = mkdtempSync(path.join(tmpdir(), "lw-box-empty-"));
    resetEnvForTests();
    forgetKeyForTests();
    expect(() => open(sealed, "s")).toThrow(/No key to open source passwords/);
  });

  test("LINEWATCH_SECRET_KEY is used when set; a wrong-size key is refused; another key cannot open", () => {
    const key = randomBytes(32);
    process.env.LINEWATCH_SECRET_KEY = key.toString("base64");
    resetEnvForTests();
    forgetKeyForTests();
    expect(currentKey().id).toBe(keyId(key));
    const sealed = seal("pw", "s");
    process.env.LINEWATCH_SECRET_KEY = randomBytes(32).toString("hex");
    resetEnvForTests();
    forgetKeyForTests();
    expect(() => open(sealed, "s")).toThrow(/not loaded/);
    process.env.LINEWATCH_SECRET_KEY = "c2hvcnQ=";
    resetEnvForTests();
    forgetKeyForTests();
    expect(() => currentKey()).toThrow(/32 bytes/);
  });
});
