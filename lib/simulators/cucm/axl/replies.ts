// AXL's reply shapes: `<ns:<op>Response xmlns:ns="http://www.cisco.com/AXL/API/<ver>">` with
// unqualified children, the axlError fault, and the HTML pages for a wrong version and throttling.
import { escapeXml, soapEnvelope } from "../xml";
import { axlNamespacePrefix } from "./request";

/** `<name>value</name>`, `<name/>` when empty; attributes already rendered. */
export function tag(name: string, value: string | number | null | undefined, attributes = ""): string {
  if (value === null || value === undefined || value === "") return `<${name}${attributes}/>`;
  return `<${name}${attributes}>${escapeXml(String(value))}</${name}>`;
}

export function axlResponse(operation: string, version: string, inner: string, attributes = ""): string {
  return soapEnvelope(
    `<ns:${operation}Response xmlns:ns="${axlNamespacePrefix}${version}"${attributes}>${inner}</ns:${operation}Response>`,
  );
}

export function axlFault(operation: string, axlCode: number, message: string): string {
  return soapEnvelope(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${escapeXml(message)}</faultstring>` +
      `<detail><axlError><axlcode>${axlCode}</axlcode><axlmessage>${escapeXml(message)}</axlmessage>` +
      `<request>${escapeXml(operation)}</request></axlError></detail></soapenv:Fault>`,
  );
}

export function tooLargeMessage(matched: number, maxRows: number): string {
  return `Query request too large. Total rows matched: ${matched}. Suggested row fetch: less than ${maxRows}.`;
}

export function wrongVersionPage(supported: readonly string[]): string {
  return (
    "<html><head><title>Cisco AXL Web Service</title></head><body>" +
    `<p>Incorrect axl version. Supported axl versions are ${supported.map(escapeXml).join(", ")}</p></body></html>`
  );
}

export const busyText = "AXL Service is temporarily unavailable: too many concurrent requests";

export function busyPage(): string {
  return `<html><head><title>Cisco AXL Web Service</title></head><body><p>${busyText}</p></body></html>`;
}

export function axlInfoPage(version: string): string {
  return (
    "<html><head><title>Cisco AXL Web Service</title></head><body><h1>Cisco AXL Web Service</h1>" +
    `<p>The AXL Web Service is working and accepting requests. Use HTTP POST to send a request.</p><p>${escapeXml(version)}</p></body></html>`
  );
}
