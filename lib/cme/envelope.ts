// The CME XML API wire format: the request envelope Cisco's guides show (no namespace
// declarations, as routers and public clients use it) and finding `<response>` in either dialect.
import {
  ProtocolError,
  attribute,
  element,
  field,
  fields,
  isXmlObject,
  parseXml,
  readSoapFault,
  type XmlContent,
  type XmlObject,
  type XmlValue,
} from "@/lib/soap";
import type { CmeMethod } from "@/lib/domain/cme-methods";
import type { CmeDialect } from "./types";

// The method names are shared vocabulary with the router simulator.
export { CME_METHODS, type CmeMethod } from "@/lib/domain/cme-methods";

/** `<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><request xsi:type="M"><M>…</M></request></axl>…` */
export function buildRequest(method: CmeMethod, parameters?: XmlContent): string {
  const request = element("request", element(method, parameters ?? ""), { "xsi:type": method });
  return element("SOAP-ENV:Envelope", element("SOAP-ENV:Body", element("axl", request))).xml;
}

export interface CmeReply {
  /** The `<response>` element; an empty object when the router sent `<response/>`. */
  response: XmlObject;
  /** 2008 replies carry xsi:type on `<response>`; 2010+ replies do not. */
  dialect: CmeDialect;
}

/** Finds `response` within the first levels (Envelope/Body/axl/response, or a bare fragment). */
function findResponse(node: XmlValue, depth: number): XmlValue | undefined {
  const direct = field(node, "response");
  if (direct !== undefined) return Array.isArray(direct) ? direct[0] : direct;
  if (depth === 0 || !isXmlObject(node)) return undefined;
  for (const [name, child] of Object.entries(node)) {
    if (name.startsWith("@_") || name === "#text") continue;
    for (const item of Array.isArray(child) ? child : [child]) {
      const found = findResponse(item, depth - 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function readReply(body: string): CmeReply {
  const document = parseXml(body);
  const fault = readSoapFault(document);
  if (fault) throw fault;
  const found = findResponse(document, 4);
  if (found === undefined) throw new ProtocolError("unexpected-shape", "CME reply has no <response> element");
  // No method answers with text of its own under <response>: text there (a flood of references,
  // a message) is not an empty list, and must not read as "the router has no phones".
  const ownText = isXmlObject(found) ? found["#text"] : found;
  if (typeof ownText === "string" && ownText.trim() !== "")
    throw new ProtocolError("unexpected-shape", "CME reply has text where <response> should hold elements");
  const response = isXmlObject(found) ? found : {};
  return { response, dialect: attribute(found, "type") !== undefined ? "2008" : "2010" };
}

/**
 * Entities of one kind, read from both dialects: directly under `<response>` (2008) or inside a
 * plural wrapper such as ISDevices (2010+). Empty elements are skipped.
 */
export function entities(response: XmlObject, names: readonly string[], wrappers: readonly string[]): XmlObject[] {
  const found: XmlValue[] = [];
  for (const name of names) found.push(...fields(response, name));
  for (const wrapper of wrappers) {
    for (const block of fields(response, wrapper)) {
      for (const name of names) found.push(...fields(block, name));
    }
  }
  return found.filter(isXmlObject);
}

/** A single-record reply: the 2010+ wrapper (ISGlobal, ISPresenceGlobal…) or `<response>` itself. */
export function payload(response: XmlObject, wrappers: readonly string[]): XmlObject {
  for (const wrapper of wrappers) {
    const block = fields(response, wrapper).find(isXmlObject);
    if (block) return block;
  }
  return response;
}

const elementNames = (node: XmlObject) =>
  Object.keys(node).filter((name) => !name.startsWith("@_") && name !== "#text");
const isBlank = (value: XmlValue) =>
  isXmlObject(value) ? elementNames(value).length === 0 : String(value).trim() === "";

/**
 * Like `entities`, but only for a reply whose whole shape is known: nothing under `<response>` or
 * the wrappers but the named entities, each carrying one of the `identity` fields. Anything else is
 * a ProtocolError "unexpected-shape", never an empty list: a list read from a reply Linewatch does
 * not understand must not mark phones as removed.
 */
export function knownEntities(
  response: XmlObject,
  names: readonly string[],
  wrappers: readonly string[],
  identity: readonly string[],
): XmlObject[] {
  const lower = (list: readonly string[]) => new Set(list.map((name) => name.toLowerCase()));
  const entityNames = lower(names);
  const wrapperNames = lower(wrappers);
  const unknown = (where: string, name: string) =>
    new ProtocolError("unexpected-shape", `CME reply has <${name}> ${where}, which Linewatch does not know here`);
  const found: XmlObject[] = [];
  const take = (value: XmlValue, name: string) => {
    if (isBlank(value)) return;
    if (!isXmlObject(value)) throw unknown("holding text", name);
    if (!identity.some((field) => fields(value, field).length > 0)) throw unknown("without an id", name);
    found.push(value);
  };
  for (const name of elementNames(response)) {
    const values = fields(response, name);
    if (entityNames.has(name.toLowerCase())) values.forEach((value) => take(value, name));
    else if (wrapperNames.has(name.toLowerCase())) {
      for (const block of values) {
        if (isBlank(block)) continue;
        if (!isXmlObject(block)) throw unknown("holding text", name);
        for (const child of elementNames(block)) {
          if (!entityNames.has(child.toLowerCase())) throw unknown(`inside <${name}>`, child);
          fields(block, child).forEach((value) => take(value, child));
        }
      }
    } else throw unknown("under <response>", name);
  }
  return found;
}
