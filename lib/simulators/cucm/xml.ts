// Element helpers in the style Cisco's Axis server writes: `ns1:` prefixes, no whitespace between
// elements, and empty values as `xsi:nil="1"` with a local xsi declaration on each element.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

export function escapeXml(text: string): string {
  return /[&<>"']/.test(text)
    ? text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;")
    : text;
}

export function nil(name: string): string {
  return `<ns1:${name} xsi:nil="1" xmlns:xsi="${xsiNamespace}"/>`;
}

/** An element with a text value, or a nil element when there is no value. */
export function element(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === "") return nil(name);
  return `<ns1:${name}>${escapeXml(String(value))}</ns1:${name}>`;
}

/** A wrapper around already rendered children, or a nil element when there are none. */
export function wrapper(name: string, children: string): string {
  return children === "" ? nil(name) : `<ns1:${name}>${children}</ns1:${name}>`;
}

export function soapEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}
