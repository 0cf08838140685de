// Random passwords and API tokens, and the one-way hashes stored for them.
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import bcrypt from "bcryptjs";

// New hashes use scrypt: bcrypt reads only the first 72 bytes, so a 72-character password plus any
// suffix would match. Hashes stored before (bcrypt, "$2...") still verify.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, keyLength, { ...options, maxmem: SCRYPT_MAXMEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$key` (base64url parts): the parameters travel with the hash so they can grow. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (hash.startsWith("scrypt$")) {
    const [, n, r, p, salt, key] = hash.split("$");
    const expected = Buffer.from(key ?? "", "base64url");
    if (!salt || expected.length === 0) return false;
    const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    });
    return timingSafeEqual(actual, expected);
  }
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the account does not exist, so timing does not tell. */
export const decoyPasswordHash = `scrypt$32768$8$1$bGluZXdhdGNoLWRlY295$${Buffer.alloc(32).toString("base64url")}`;

// No look-alike characters (0/O, 1/l/I): these passwords are read off a screen and typed.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generatePassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += passwordAlphabet[randomInt(passwordAlphabet.length)];
  return out;
}

export const TOKEN_PREFIX = "lw_";

export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Tokens are long random values, so a fast hash is enough (no brute force to slow down). */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
