// Small accessors for mappers reading parsed replies. Cisco boxes vary the case of field names
// (`ISextID` vs `ISExtID`), so every lookup falls back to a case-insensitive match.

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

const TEXT = "#text";
const ATTRIBUTE_PREFIX = "@_";

export function isXmlObject(value: unknown): value is XmlObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The child named `name` (exact match first, then ignoring case); repeated children come as an array. */
export function field(node: XmlValue | undefined, name: string): XmlValue | undefined {
  if (!isXmlObject(node)) return undefined;
  if (Object.hasOwn(node, name)) return node[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(node)) {
    if (key.toLowerCase() === wanted) return node[key];
  }
  return undefined;
}

/** Every child element named `name`, ignoring case, merged in document order per spelling. */
export function fields(node: XmlValue | undefined, name: string): XmlValue[] {
  if (!isXmlObject(node)) return [];
  const wanted = name.toLowerCase();
  const found: XmlValue[] = [];
  for (const key of Object.keys(node)) {
    if (key.toLowerCase() === wanted) found.push(...asArray(node[key]));
  }
  return found;
}

/** Text content of an element: a string value, or `#text` of an element with attributes. */
export function textOf(value: XmlValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length > 0 ? textOf(value[0]) : "";
  const text = value[TEXT];
  return typeof text === "string" ? text : "";
}

/** Text of the child `name`, or undefined when the child is absent. */
export function fieldText(node: XmlValue | undefined, name: string): string | undefined {
  const value = field(node, name);
  return value === undefined ? undefined : textOf(value);
}

/** An attribute value (namespace prefix already removed by the parser), ignoring case. */
export function attribute(node: XmlValue | undefined, name: string): string | undefined {
  const value = field(node, `${ATTRIBUTE_PREFIX}${name}`);
  return typeof value === "string" ? value : undefined;
}

/** Names of the child elements of a node (attributes and text left out). */
export function childNames(node: XmlValue | undefined): string[] {
  if (!isXmlObject(node)) return [];
  return Object.keys(node).filter((key) => key !== TEXT && !key.startsWith(ATTRIBUTE_PREFIX));
}

/** Walks down a path of element names, ignoring case; the first of repeated elements is taken. */
export function descend(node: XmlValue | undefined, ...path: string[]): XmlValue | undefined {
  let current: XmlValue | undefined = node;
  for (const name of path) {
    const next = field(current, name);
    current = Array.isArray(next) ? next[0] : next;
    if (current === undefined) return undefined;
  }
  return current;
}
