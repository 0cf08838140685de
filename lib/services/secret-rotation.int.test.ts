// Key rotation on a real database: after it every password opens with the new key and not with
// the old; a password no loaded key opens stops the rotation with nothing changed.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createSource, sourceConnection } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import {
  currentKey,
  forgetKeyForTests,
  keyFilePath,
  keyId,
  open,
  parseKey,
  seal,
  type SecretKey,
} from "@/lib/secrets/source-passwords";
import { rotateSecretKey } from "./secret-rotation";

let database: TestDatabase;
const who = { actor: "cli" };
let envKey: Buffer;
const passwords = { Leeds: "leeds-pw-1", Paris: "paris-pw-2", HQ: "hq-pw-3" } as const;

const keyFromFile = (file: string): SecretKey => {
  const key = parseKey(readFileSync(file, "utf8"), file);
  return { id: keyId(key), key };
};
const ciphers = () =>
  db().source.findMany({ select: { id: true, name: true, passwordCipher: true }, orderBy: { name: "asc" } });

async function expectEveryPassword(opensWith: SecretKey, notWith: SecretKey) {
  for (const row of await ciphers()) {
    expect(open(row.passwordCipher, row.id, [opensWith])).toBe(passwords[row.name as keyof typeof passwords]);
    expect(() => open(row.passwordCipher, row.id, [notWith])).toThrow();
  }
}

function useEnvKey(value: string | undefined) {
  if (value === undefined) delete process.env.LINEWATCH_SECRET_KEY;
  else process.env.LINEWATCH_SECRET_KEY = value;
  resetEnvForTests();
  forgetKeyForTests();
}

beforeAll(async () => {
  database = await startTestDatabase();
  useEnvKey(undefined);
  await createSource(
    { kind: "cme", name: "Leeds", urls: ["http://10.0.0.1"], username: "u", password: passwords.Leeds },
    who,
  );
  await createSource(
    { kind: "cme", name: "Paris", urls: ["http://10.0.0.2"], username: "u", password: passwords.Paris },
    who,
  );
  await createSource(
    { kind: "cucm", name: "HQ", urls: ["https://cucm1:8443"], username: "u", password: passwords.HQ },
    who,
  );
});
afterEach(() => useEnvKey(undefined));
afterAll(async () => database?.stop());

describe("secret rotate", () => {
  test("with the key file: a new key replaces it, every password moves to it, the old key opens none", async () => {
    const oldKey = keyFromFile(keyFilePath());
    const outcome = await rotateSecretKey({}, who);
    const newKey = keyFromFile(keyFilePath());
    expect(newKey.id).not.toBe(oldKey.id);
    expect(outcome).toMatchObject({
      newKeyId: newKey.id,
      oldKeyIds: [oldKey.id],
      resealed: 3,
      unchanged: 0,
      newKeyIn: "key file",
    });
    expect(existsSync(`${keyFilePath()}.new`)).toBe(false);
    await expectEveryPassword(newKey, oldKey);
    expect(currentKey().id).toBe(newKey.id);
    expect((await sourceConnection((await ciphers())[0]!.id)).password).toBe(passwords.HQ);
    const audit = await db().auditEvent.findFirst({ where: { action: "secret.rotate" } });
    expect(JSON.parse(audit!.detail)).toMatchObject({
      resealed: 3,
      unchanged: 0,
      sealedWith: newKey.id,
      previously: [oldKey.id],
    });
  });

  test("to LINEWATCH_SECRET_KEY, from LINEWATCH_SECRET_KEY_OLD", async () => {
    const fileKey = keyFromFile(keyFilePath());
    envKey = randomBytes(32);
    useEnvKey(envKey.toString("base64"));
    const outcome = await rotateSecretKey({ oldKey: readFileSync(keyFilePath(), "utf8") }, who);
    expect(outcome).toMatchObject({
      newKeyId: keyId(envKey),
      oldKeyIds: [fileKey.id],
      resealed: 3,
      newKeyIn: "LINEWATCH_SECRET_KEY",
    });
    await expectEveryPassword({ id: keyId(envKey), key: envKey }, fileKey);
    expect(currentKey().id).toBe(keyId(envKey));
    expect(await rotateSecretKey({ oldKey: readFileSync(keyFilePath(), "utf8") }, who)).toMatchObject({
      resealed: 0,
      unchanged: 3,
    });
  });

  test("a password that no loaded key opens stops the rotation; nothing changes and a rerun resumes with the same new key", async () => {
    // Move everything back under the key file's key, then plant a stranger.
    const fileKey = keyFromFile(keyFilePath());
    for (const row of await ciphers())
      await db().source.update({
        where: { id: row.id },
        data: {
          passwordCipher: seal(open(row.passwordCipher, row.id, [{ id: keyId(envKey), key: envKey }]), row.id, fileKey),
        },
      });
    useEnvKey(undefined);
    const strangerKey = randomBytes(32);
    const stranger = { id: keyId(strangerKey), key: strangerKey };
    const hq = (await ciphers())[0]!;
    await db().source.update({ where: { id: hq.id }, data: { passwordCipher: seal(passwords.HQ, hq.id, stranger) } });
    const before = await ciphers();

    await expect(rotateSecretKey({}, who)).rejects.toThrow(/not loaded/);
    expect(await ciphers()).toEqual(before);
    expect(keyFromFile(keyFilePath()).id).toBe(fileKey.id);
    const pending = keyFromFile(`${keyFilePath()}.new`);

    const outcome = await rotateSecretKey({ oldKey: stranger.key.toString("base64") }, who);
    expect(outcome.newKeyId).toBe(pending.id);
    expect(outcome.resealed).toBe(3);
    expect(new Set(outcome.oldKeyIds)).toEqual(new Set([stranger.id, fileKey.id]));
    await expectEveryPassword(pending, fileKey);
  });

  test("without any old key it refuses and says what to set", async () => {
    useEnvKey(randomBytes(32).toString("base64"));
    const { rmSync } = await import("node:fs");
    rmSync(keyFilePath());
    await expect(rotateSecretKey({}, who)).rejects.toThrow(/LINEWATCH_SECRET_KEY_OLD/);
  });
});
