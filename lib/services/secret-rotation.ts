// Key rotation for sealed source passwords: every password is opened with an old key and sealed
// again with the new one in one transaction, so either all move or none do. Old keys come from
// LINEWATCH_SECRET_KEY_OLD (or a file) or the data directory's key file; the new key is
// LINEWATCH_SECRET_KEY, or a fresh one that replaces the key file once the database has moved.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { resealSourcePasswords } from "@/lib/db/sources";
import type { Actor } from "@/lib/db/audit";
import { env } from "@/lib/env";
import {
  forgetKeyForTests,
  keyFilePath,
  keyId,
  open,
  parseKey,
  seal,
  sealedKeyId,
  SecretKeyError,
  type SecretKey,
} from "@/lib/secrets/source-passwords";

const asKey = (text: string, origin: string): SecretKey => {
  const key = parseKey(text, origin);
  return { id: keyId(key), key };
};

/** Re-seals every source password that is not under `newKey` yet. Throws (changing nothing) if one cannot be opened. */
export async function resealPasswords(oldKeys: SecretKey[], newKey: SecretKey, who: Actor) {
  return resealSourcePasswords(
    (sealed, sourceId) => {
      if (sealedKeyId(sealed) === newKey.id) {
        open(sealed, sourceId, [newKey]); // already moved (a resumed rotation): still check it opens
        return null;
      }
      return seal(open(sealed, sourceId, oldKeys), sourceId, newKey);
    },
    who,
    // Key ids, not keys; named so the audit's secret masking leaves them readable.
    { sealedWith: newKey.id, previously: oldKeys.map((k) => k.id) },
  );
}

export interface RotationOptions {
  /** The old key as text (LINEWATCH_SECRET_KEY_OLD). */
  oldKey?: string;
  /** A file holding the old key. */
  oldKeyFile?: string;
}

export interface RotationOutcome {
  newKeyId: string;
  oldKeyIds: string[];
  resealed: number;
  unchanged: number;
  /** Where the new key now lives: the key file, or LINEWATCH_SECRET_KEY. */
  newKeyIn: "key file" | "LINEWATCH_SECRET_KEY";
}

/**
 * The operator's rotation. With LINEWATCH_SECRET_KEY set it is the new key and the old one comes
 * from LINEWATCH_SECRET_KEY_OLD, --old-key-file or the key file. Without it a new key is
 * generated into `secret.key.new`, the passwords move, and only then does it replace
 * `secret.key`; a rotation cut short is resumed from `secret.key.new` by running it again.
 */
export async function rotateSecretKey(options: RotationOptions, who: Actor): Promise<RotationOutcome> {
  const keyFile = keyFilePath();
  const pendingFile = `${keyFile}.new`;
  const givenNew = env().secretKey;
  let newKey: SecretKey;
  if (givenNew) newKey = asKey(givenNew, "LINEWATCH_SECRET_KEY");
  else if (existsSync(pendingFile)) newKey = asKey(readFileSync(pendingFile, "utf8"), pendingFile);
  else {
    const fresh = randomBytes(32).toString("base64");
    writeFileSync(pendingFile, `${fresh}\n`, { mode: 0o600, flag: "wx" });
    newKey = asKey(fresh, pendingFile);
  }

  const candidates: SecretKey[] = [];
  if (options.oldKey) candidates.push(asKey(options.oldKey, "LINEWATCH_SECRET_KEY_OLD"));
  if (options.oldKeyFile) candidates.push(asKey(readFileSync(options.oldKeyFile, "utf8"), options.oldKeyFile));
  if (existsSync(keyFile)) candidates.push(asKey(readFileSync(keyFile, "utf8"), keyFile));
  const oldKeys = candidates.filter((k, i) => k.id !== newKey.id && candidates.findIndex((c) => c.id === k.id) === i);
  if (oldKeys.length === 0) {
    throw new SecretKeyError(
      givenNew
        ? "No old key to rotate from: set LINEWATCH_SECRET_KEY_OLD to the previous key (or pass --old-key-file), next to the new LINEWATCH_SECRET_KEY."
        : `No old key to rotate from: ${keyFile} does not exist. Set LINEWATCH_SECRET_KEY_OLD to the key the passwords were sealed with.`,
    );
  }

  const { resealed, unchanged } = await resealPasswords(oldKeys, newKey, who);
  if (!givenNew) renameSync(pendingFile, keyFile);
  forgetKeyForTests(); // this process must not keep sealing with the old key
  return {
    newKeyId: newKey.id,
    oldKeyIds: oldKeys.map((k) => k.id),
    resealed,
    unchanged,
    newKeyIn: givenNew ? "LINEWATCH_SECRET_KEY" : "key file",
  };
}
