// StateInfo is opaque to clients, but it travels as escaped XML (Cisco's samples print it as
// nested XML), so both shapes are turned back into the exact string to send next time. Its
// per-node TotalItemsFound/TotalItemsReturned, when present, are the only hint of truncation
// a reply ever gives.
import { childNames, type XmlValue } from "@/lib/soap/read";

const ATTRIBUTE_PREFIX = "@_";

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

function serialize(name: string, value: XmlValue): string {
  if (typeof value === "string") return `<${name}>${value.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</${name}>`;
  if (Array.isArray(value)) return value.map((entry) => serialize(name, entry)).join("");
  const attributes = Object.keys(value)
    .filter((key) => key.startsWith(ATTRIBUTE_PREFIX))
    .map((key) => ` ${key.slice(ATTRIBUTE_PREFIX.length)}="${escapeAttribute(String(value[key]))}"`)
    .join("");
  const children = childNames(value)
    .map((child) => serialize(child, value[child] as XmlValue))
    .join("");
  return children ? `<${name}${attributes}>${children}</${name}>` : `<${name}${attributes}/>`;
}

/** The StateInfo element's content as the string to send back; "" when absent or nil. */
export function readStateInfo(value: XmlValue | undefined): string {
  if (value === undefined) return "";
  const element = Array.isArray(value) ? value[0] : value;
  if (element === undefined) return "";
  if (typeof element === "string") return element.trim();
  if (Array.isArray(element)) return readStateInfo(element);
  const text = element["#text"];
  if (typeof text === "string" && text.trim()) return text.trim();
  return childNames(element)
    .map((child) => serialize(child, element[child] as XmlValue))
    .join("");
}

export type StateInfoTotals = { found: number; returned: number };

/**
 * Sums TotalItemsFound / TotalItemsReturned over the nodes a StateInfo names; null when the
 * string carries no such figures (it is opaque, so absence is normal).
 */
export function stateInfoTotals(stateInfo: string): StateInfoTotals | null {
  let found = 0;
  let returned = 0;
  let seen = false;
  for (const match of stateInfo.slice(0, 200_000).matchAll(/<Node\b[^>]*>/g)) {
    const tag = match[0];
    const foundText = /TotalItemsFound="(\d+)"/.exec(tag)?.[1];
    const returnedText = /TotalItemsReturned="(\d+)"/.exec(tag)?.[1];
    if (foundText === undefined || returnedText === undefined) continue;
    seen = true;
    found += Number(foundText);
    returned += Number(returnedText);
  }
  return seen ? { found, returned } : null;
}
