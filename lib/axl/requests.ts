// AXL request envelopes. The operation element carries the schema's namespace
// (http://www.cisco.com/AXL/API/<ver>) and its children are unqualified; SOAPAction names the same
// version and the operation ("CUCM:DB ver=14.0 listPhone"). Every value goes through element().
import { element, type XmlContent } from "@/lib/soap/escape";

export type AxlOperation = "getCCMVersion" | "listPhone" | "executeSQLQuery" | "doDeviceReset";

export const axlNamespace = (version: string) => `http://www.cisco.com/AXL/API/${version}`;
export const soapActionOf = (version: string, operation: AxlOperation) => `"CUCM:DB ver=${version} ${operation}"`;

export function axlEnvelope(version: string, operation: AxlOperation, children: XmlContent): string {
  const body = element(`ns:${operation}`, children, { "xmlns:ns": axlNamespace(version) });
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>${body.xml}</soapenv:Body></soapenv:Envelope>`;
}

/** The phone fields Linewatch reads from listPhone (returnedTags keeps replies small). */
export const PHONE_TAGS = [
  "name",
  "description",
  "model",
  "class",
  "protocol",
  "devicePoolName",
  "locationName",
  "ownerUserName",
] as const;

export interface PhoneSearch {
  /** `%` is AXL's wildcard; "%" lists every phone. */
  name?: string;
  devicePoolName?: string;
  description?: string;
}

export function listPhoneBody(search: PhoneSearch, skip: number, first: number): XmlContent {
  const criteria = Object.entries(search)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => element(key, value as string));
  return [
    element("searchCriteria", criteria.length > 0 ? criteria : element("name", "%")),
    element(
      "returnedTags",
      PHONE_TAGS.map((tag) => element(tag, "")),
    ),
    element("skip", skip),
    element("first", first),
  ];
}

export type ResetKind = "restart" | "reset";

/** Restart: the phone re-reads its configuration quickly; reset: it reboots (isHardReset). */
export function doDeviceResetBody(deviceName: string, kind: ResetKind): XmlContent {
  return [
    element("deviceName", deviceName),
    element("isHardReset", kind === "reset" ? "true" : "false"),
    element("deviceResetType", kind === "reset" ? "Reset" : "Restart"),
  ];
}
