// Reads an AXL SOAP 1.1 request: the operation element, the AXL version from its namespace
// (`http://www.cisco.com/AXL/API/<ver>`, any prefix or a default namespace) and its children with
// prefixes dropped. The SOAPAction header (`"CUCM:DB ver=14.0 listPhone"`) is not read: as on a
// real cluster, the namespace decides the version and the element decides the operation.
import { XMLParser } from "fast-xml-parser";

export const axlNamespacePrefix = "http://www.cisco.com/AXL/API/";

export class AxlRequestError extends Error {
  constructor(
    message: string,
    readonly axlCode: number,
    readonly operation: string,
  ) {
    super(message);
  }
}

export interface AxlRequest {
  operation: string;
  /** `14.0` from the operation's namespace; undefined when it is not an AXL namespace. */
  version: string | undefined;
  /** The operation's children, prefixes removed; empty elements are "". */
  args: Record<string, unknown>;
}

const parser = new XMLParser({
  removeNSPrefix: false,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
});

const localName = (key: string): string => key.slice(key.indexOf(":") + 1);
const prefixOf = (key: string): string => (key.includes(":") ? key.slice(0, key.indexOf(":")) : "");

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function findChild(parent: Record<string, unknown>, name: string): [string, unknown] | undefined {
  return Object.entries(parent).find(([key]) => !key.startsWith("@_") && localName(key) === name);
}

/** Drops element prefixes (children are unqualified in AXL, but a client may qualify them). */
function stripPrefixes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPrefixes);
  if (!value || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith("@_xmlns")) continue;
    result[key.startsWith("@_") || key === "#text" ? key : localName(key)] = stripPrefixes(child);
  }
  return result;
}

export function readAxlRequest(body: string): AxlRequest {
  let document: Record<string, unknown>;
  try {
    document = asObject(parser.parse(body, true));
  } catch (error) {
    throw new AxlRequestError(`Unable to parse request: ${(error as Error).message}`, -1, "unknown");
  }
  const envelopeEntry = findChild(document, "Envelope");
  const envelope = asObject(envelopeEntry?.[1]);
  const bodyEntry = findChild(envelope, "Body");
  const soapBody = asObject(bodyEntry?.[1]);
  const operationKey = Object.keys(soapBody).find((key) => !key.startsWith("@_") && key !== "#text");
  if (!envelopeEntry || !bodyEntry || !operationKey)
    throw new AxlRequestError("No SOAP Body in request", -1, "unknown");
  const operationElement = soapBody[operationKey];
  const operationObject = asObject(operationElement);
  const prefix = prefixOf(operationKey);
  const attribute = prefix ? `@_xmlns:${prefix}` : "@_xmlns";
  // The nearest declaration wins: the operation element, then Body, then Envelope.
  const namespace = [operationObject, soapBody, envelope]
    .map((scope) => scope[attribute])
    .find((value): value is string => typeof value === "string");
  const version =
    namespace?.startsWith(axlNamespacePrefix) === true
      ? namespace.slice(axlNamespacePrefix.length).replace(/\/+$/, "")
      : undefined;
  return { operation: localName(operationKey), version, args: asObject(stripPrefixes(operationElement)) };
}

/** The text of an element as the parser hands it over ("" for an empty element). */
export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value && typeof value === "object" && "#text" in value)
    return String((value as Record<string, unknown>)["#text"]).trim();
  if (value && typeof value === "object") return "";
  return undefined;
}
