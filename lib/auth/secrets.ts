// Random passwords and API tokens, and the one-way hashes stored for them.
import { createHash, randomBytes, randomInt } from "node:crypto";
import bcrypt from "bcryptjs";

const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the account does not exist, so timing does not tell. */
export const decoyPasswordHash = bcrypt.hashSync("linewatch-decoy-password", BCRYPT_COST);

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
