// Strict input patterns checked before any request XML is built. Exported so the API layer can
// validate forms with the same rules (predicates, throwing checks, and zod schemas).
import { z } from "zod";
import { UnsafeInputError } from "@/lib/soap";

/** The router's `xml user` and phone-user limits: at most 19 characters. */
export const MAX_USER_ID_LENGTH = 19;
export const MAX_PASSWORD_LENGTH = 19;
export const MAX_TAG = 100_000;

const PHONE_NAME = /^(SEP|ATA)[0-9A-F]{12}$/i;
const DIRECTORY_NUMBER = /^\+?[0-9*#]{1,32}$/;
const DIRECTORY_NUMBER_PATTERN = /^\+?[0-9*#.]{1,32}$/;
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
const PASSWORD = /^[\x21-\x7e]+$/;

/** SEP0012DA8AC43D, 0012DA8AC43D, 0012.DA8A.C43D, 00:12:da:8a:c4:3d -> 0012DA8AC43D; null otherwise. */
export function normalizeMac(text: string): string | null {
  const bare = text
    .trim()
    .replace(/^(SEP|ATA)/i, "")
    .replace(/[.:-]/g, "")
    .toUpperCase();
  return /^[0-9A-F]{12}$/.test(bare) ? bare : null;
}

/** 0012DA8AC43D -> 0012.DA8A.C43D, the way IOS writes `mac-address`. */
export function dottedMac(mac: string): string {
  return `${mac.slice(0, 4)}.${mac.slice(4, 8)}.${mac.slice(8, 12)}`;
}

export function isPhoneName(value: string): boolean {
  return PHONE_NAME.test(value);
}
export function isDirectoryNumber(value: string, options?: { wildcards?: boolean }): boolean {
  return (options?.wildcards ? DIRECTORY_NUMBER_PATTERN : DIRECTORY_NUMBER).test(value);
}
export function isUserId(value: string): boolean {
  return value.length <= MAX_USER_ID_LENGTH && USER_ID.test(value);
}
export function isPassword(value: string): boolean {
  return value.length <= MAX_PASSWORD_LENGTH && PASSWORD.test(value);
}
export function isTag(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_TAG;
}

/** Upper-cases a phone name (SEP + 12 hex digits, or ATA + 12 for analog adapters). */
export function checkPhoneName(value: string): string {
  if (!isPhoneName(value)) {
    throw new UnsafeInputError(
      "phone name",
      "A phone name must be SEP (or ATA) followed by the 12 hex digits of its MAC address.",
    );
  }
  return value.toUpperCase();
}

/** Returns the 12 upper-case hex digits. */
export function checkMac(value: string): string {
  const mac = normalizeMac(value);
  if (mac === null)
    throw new UnsafeInputError("MAC address", "A MAC address must have 12 hex digits, e.g. 0012.DA8A.C43D.");
  return mac;
}

export function checkDirectoryNumber(value: string, options?: { wildcards?: boolean }): string {
  if (!isDirectoryNumber(value, options)) {
    throw new UnsafeInputError(
      "directory number",
      options?.wildcards
        ? "A directory number may hold digits, *, #, a leading + and . wildcards (at most 32)."
        : "A directory number may hold digits, *, # and a leading + (at most 32).",
    );
  }
  return value;
}

export function checkUserId(value: string): string {
  if (!isUserId(value)) {
    throw new UnsafeInputError(
      "user ID",
      `A user ID has 1 to ${MAX_USER_ID_LENGTH} letters, digits, dots, dashes, underscores or @, starting with a letter or digit.`,
    );
  }
  return value;
}

export function checkPassword(value: string): string {
  if (!isPassword(value)) {
    throw new UnsafeInputError(
      "password",
      `A password has 1 to ${MAX_PASSWORD_LENGTH} printable characters without spaces or line breaks.`,
    );
  }
  return value;
}

export function checkTag(value: number, field = "tag"): number {
  if (!isTag(value)) throw new UnsafeInputError(field, `A ${field} must be a whole number from 1 to ${MAX_TAG}.`);
  return value;
}

export function checkEventId(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000_000) {
    throw new UnsafeInputError("event ID", "An event ID must be a whole number.");
  }
  return value;
}

export const phoneNameSchema = z
  .string()
  .refine(isPhoneName, "SEP (or ATA) followed by 12 hex digits")
  .transform((v) => v.toUpperCase());
