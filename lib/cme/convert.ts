// The one place CME reply strings become numbers, booleans and statuses. Field lookups ignore
// case because routers vary it (ISextID / ISExtID, ISDevUserName / ISDevUsername).
import { fieldText, type XmlValue } from "@/lib/soap";
import type { ExtensionStatus, RegistrationStatus } from "./types";

/** Trimmed text of a field; null when absent or empty. */
export function text(node: XmlValue | undefined, name: string): string | null {
  const value = fieldText(node, name)?.trim();
  return value ? value : null;
}

/** The first of several spellings a router may use for one field. */
export function textOf(node: XmlValue | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const value = text(node, name);
    if (value !== null) return value;
  }
  return null;
}

export function integer(node: XmlValue | undefined, ...names: string[]): number | null {
  const value = textOf(node, ...names);
  return value !== null && /^-?\d{1,15}$/.test(value) ? Number(value) : null;
}

const TRUE_WORDS = new Set(["true", "yes", "1", "on", "enabled", "enable"]);
const FALSE_WORDS = new Set(["false", "no", "0", "off", "disabled", "disable"]);

export function booleanValue(value: string | null): boolean | null {
  if (value === null) return null;
  const word = value.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

export function boolean(node: XmlValue | undefined, ...names: string[]): boolean | null {
  return booleanValue(textOf(node, ...names));
}

/** 0.0.0.0 (SCCP), 0 (the newer guide's SIP example) and an empty element all say "no address". */
export function ipv4(value: string | null): string | null {
  const address = value?.trim() ?? "";
  return address === "" || address === "0" || address === "0.0.0.0" ? null : address;
}

export function registrationStatus(value: string | null): RegistrationStatus | null {
  if (value === null) return null;
  const word = value.toLowerCase();
  if (word === "registered" || word === "unregistered" || word === "deceased") return word;
  return "unknown";
}

export function extensionStatus(value: string | null): ExtensionStatus | null {
  if (value === null) return null;
  const word = value.toLowerCase();
  if (word === "up" || word === "down") return word;
  return "unknown";
}
