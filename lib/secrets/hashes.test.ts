// Password hashes: scrypt for new ones (no 72-byte cut-off), bcrypt hashes from before still verify.
import bcrypt from "bcryptjs";
import { expect, test } from "vitest";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./hashes";

test("a 72-character password plus any suffix does not match", async () => {
  const base = "x".repeat(72);
  const hash = await hashPassword(`${base}1`);
  expect(hash.startsWith("scrypt$")).toBe(true);
  expect(await verifyPassword(`${base}1`, hash)).toBe(true);
  expect(await verifyPassword(`${base}2`, hash)).toBe(false);
  expect(await verifyPassword(base, hash)).toBe(false);
});

test("bcrypt hashes stored before keep working", async () => {
  const old = bcrypt.hashSync("an older password", 4);
  expect(await verifyPassword("an older password", old)).toBe(true);
  expect(await verifyPassword("not it", old)).toBe(false);
});

test("the decoy hash matches nothing", async () => {
  expect(await verifyPassword("", decoyPasswordHash)).toBe(false);
  expect(await verifyPassword("linewatch-decoy-password", decoyPasswordHash)).toBe(false);
});
