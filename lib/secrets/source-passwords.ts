// Seals source passwords with AES-256-GCM. The key comes from LINEWATCH_SECRET_KEY or a key file
// generated in the data directory on first use; each sealed value names its key id and binds the
// source id as associated data, so a value copied onto another source fails to open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

export class SecretKeyError extends Error {}

export interface SecretKey {
  id: string;
  key: Buffer;
}

const VERSION = "v1";

function parseKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32)
    throw new SecretKeyError(
      `${origin} must be 32 bytes, as base64 or 64 hex digits (e.g. \`openssl rand -base64 32\`)`,
    );
  return key;
}

/** A key's id: a short hash, so a rotated key can be told apart without revealing it. */
export const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 12);

export function keyFilePath(): string {
  return path.join(env().dataDir, "secret.key");
}

let cached: SecretKey | undefined;

/** The current key. `create` (the server's first start) writes a key file when none exists. */
export function currentKey(options: { create?: boolean } = {}): SecretKey {
  if (cached) return cached;
  const given = env().secretKey;
  if (given) {
    const key = parseKey(given, "LINEWATCH_SECRET_KEY");
    cached = { id: keyId(key), key };
    return cached;
  }
  const file = keyFilePath();
  if (!existsSync(file)) {
    if (!options.create)
      throw new SecretKeyError(`No key to open source passwords: set LINEWATCH_SECRET_KEY or restore ${file}`);
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const key = parseKey(readFileSync(file, "utf8"), file);
  cached = { id: keyId(key), key };
  return cached;
}

export function forgetKeyForTests(): void {
  cached = undefined;
}

export function seal(plaintext: string, sourceId: string, key: SecretKey = currentKey({ create: true })): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(`source:${sourceId}`));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    key.id,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(":");
}

/** Opens a sealed value or throws: a wrong key, another source's value or any tampering fail closed. */
export function open(sealed: string, sourceId: string, keys: SecretKey[] = [currentKey()]): string {
  const [version, id, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !id || !iv || !tag || body === undefined)
    throw new SecretKeyError("The stored password is not in a format Linewatch can read.");
  const key = keys.find((k) => k.id === id);
  if (!key)
    throw new SecretKeyError(
      `The stored password was sealed with key ${id}, which is not loaded: set LINEWATCH_SECRET_KEY to that key or run the key rotation with both keys.`,
    );
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`source:${sourceId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError(
      "The stored password failed its integrity check (tampered, or sealed for another source).",
    );
  }
}

export function sealedKeyId(sealed: string): string | null {
  return sealed.split(":")[1] ?? null;
}

export { parseKey };
