// A list pasted from a ticket: split into items, and each taken for what it looks like (a MAC in
// any notation, an IPv4 address, a directory number or a device name).
import { normaliseMac } from "./mac";

export const LOOKUP_MAX_ITEMS = 500;

export type LookupKind = "mac" | "ip" | "dn" | "name";
export type LookupKey =
  | { kind: "mac"; mac: string }
  | { kind: "ip"; ip: string }
  | { kind: "dn"; dn: string }
  | { kind: "name"; name: string };

/** Items separated by line breaks, commas, semicolons, tabs or spaces; repeats once, in order. */
export function splitPasted(text: string): string[] {
  // A MAC written with spaces between its groups ("000D BC80 EB51") stays one item on its line.
  const items = text
    .split(/[\r\n,;\t]+/)
    .flatMap((line) => (normaliseMac(line) ? [line.trim()] : line.trim().split(/\s+/)))
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

export function lookupKeyOf(item: string): LookupKey {
  const text = item.trim();
  const mac = normaliseMac(text);
  if (mac) return { kind: "mac", mac };
  if (/^(\d{1,3}\.){3}\d{1,3}$/.test(text)) return { kind: "ip", ip: text };
  // Directory numbers: digits, a leading +, and the * and # some dial plans use.
  if (/^\+?[\d*#]+$/.test(text)) return { kind: "dn", dn: text };
  return { kind: "name", name: text };
}
