// Reading AXL replies: the operation's `return`, AXL's fault detail, and the rows and phones in it.
// Tags are matched ignoring case and namespace prefix; a field left out or empty reads as null.
import { ProtocolError } from "@/lib/soap/errors";
import { readSoapFault, soapBody } from "@/lib/soap/fault";
import {
  asArray,
  attribute,
  descend,
  field,
  fieldText,
  isXmlObject,
  textOf,
  type XmlObject,
  type XmlValue,
} from "@/lib/soap/read";
import { AxlFault, AxlTooLarge } from "./errors";

const TOO_LARGE = /too large/i;
const numberAfter = (text: string, label: RegExp): number | undefined => {
  const match = label.exec(text);
  return match ? Number(match[1]) : undefined;
};

/** Throws the reply's fault as AxlFault (or AxlTooLarge); does nothing when there is none. */
export function throwIfAxlFault(document: XmlObject): void {
  const fault = readSoapFault(document);
  if (!fault) return;
  const detail = descend(soapBody(document), "Fault", "detail", "axlError");
  const code = fieldText(detail, "axlcode");
  const axlCode = code !== undefined && /^-?\d+$/.test(code.trim()) ? Number(code) : undefined;
  const axlMessage = (fieldText(detail, "axlmessage") ?? "").trim();
  const text = `${fault.faultString} ${axlMessage}`;
  if (TOO_LARGE.test(text))
    throw new AxlTooLarge(
      fault.faultCode,
      fault.faultString,
      axlCode,
      axlMessage,
      numberAfter(text, /rows matched:\s*(\d+)/i),
      // "Suggested row fetch: less than 844" (THR) or "Suggestive Row Fetch: less than 844 rows" (DG10).
      numberAfter(text, /row fetch:\s*less than\s*(\d+)/i),
    );
  throw new AxlFault(fault.faultCode, fault.faultString, axlCode, axlMessage);
}

/** The `return` element of `<operation>Response`, or undefined when the operation returned nothing. */
export function axlReturn(document: XmlObject, operation: string): XmlValue | undefined {
  const body = soapBody(document);
  const response = field(body, `${operation}Response`);
  if (response === undefined) throw new ProtocolError("unexpected-shape", `AXL reply without ${operation}Response`);
  const node = Array.isArray(response) ? response[0] : response;
  return field(node, "return");
}

const nullable = (value: XmlValue | undefined): string | null => {
  const text = textOf(value).trim();
  return text === "" ? null : text;
};

/** getCCMVersion: "14.0.1.11900(132)". */
export function readVersion(document: XmlObject): string {
  const version = nullable(descend(axlReturn(document, "getCCMVersion"), "componentVersion", "version"));
  if (!version) throw new ProtocolError("unexpected-shape", "getCCMVersion reply without a version");
  return version;
}

/** "14.0.1.11900(132)" → "14.0": the schema version a client speaks to that release. */
export function schemaVersionOf(release: string): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(release.trim());
  return match ? `${match[1]}.${match[2]}` : undefined;
}

export interface ListedPhone {
  name: string;
  uuid: string | null;
  description: string | null;
  model: string | null;
  deviceClass: string | null;
  protocol: string | null;
  devicePool: string | null;
  location: string | null;
  owner: string | null;
}

/** listPhone's phones; one without a name is left out (nothing could match it to RisPort). */
export function readPhones(document: XmlObject): ListedPhone[] {
  const phones: ListedPhone[] = [];
  for (const phone of asArray(field(axlReturn(document, "listPhone"), "phone"))) {
    if (!isXmlObject(phone)) continue;
    const name = nullable(field(phone, "name"));
    if (!name) continue;
    phones.push({
      name,
      uuid: attribute(phone, "uuid") ?? null,
      description: nullable(field(phone, "description")),
      model: nullable(field(phone, "model")) ?? nullable(field(phone, "product")),
      deviceClass: nullable(field(phone, "class")),
      protocol: nullable(field(phone, "protocol")),
      devicePool: nullable(field(phone, "devicePoolName")),
      location: nullable(field(phone, "locationName")),
      owner: nullable(field(phone, "ownerUserName")),
    });
  }
  return phones;
}

export type SqlRow = Record<string, string | null>;

/** executeSQLQuery's rows, each column by its lower-case name; an empty column is null. */
export function readRows(document: XmlObject): SqlRow[] {
  const rows: SqlRow[] = [];
  for (const row of asArray(field(axlReturn(document, "executeSQLQuery"), "row"))) {
    if (!isXmlObject(row)) continue;
    const out: SqlRow = {};
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith("@_") || key === "#text") continue;
      out[key.toLowerCase()] = nullable(Array.isArray(value) ? value[0] : value);
    }
    rows.push(out);
  }
  return rows;
}

/** doDeviceReset answers true, false or the device's uuid: anything but false is accepted. */
export function readResetAccepted(document: XmlObject): boolean {
  const answer = axlReturn(document, "doDeviceReset");
  // No answer is not a yes: the reset may not have been taken.
  if (answer === undefined) throw new ProtocolError("unexpected-shape", "doDeviceReset reply without a return");
  return textOf(answer).trim().toLowerCase() !== "false";
}
