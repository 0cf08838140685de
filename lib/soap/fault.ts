// Recognising a SOAP Fault in a parsed reply (SOAP 1.1 faultcode/faultstring, or SOAP 1.2
// Code/Reason). Which faults mean "rate limited" is for each client to decide.
import { SoapFault } from "./errors";
import { descend, field, fieldText, textOf, type XmlObject } from "./read";

/** The body element of an envelope, or the document itself when the reply is not enveloped. */
export function soapBody(document: XmlObject): XmlObject | undefined {
  const body = descend(document, "Envelope", "Body");
  if (body !== undefined) return typeof body === "string" ? {} : (body as XmlObject);
  return undefined;
}

export function readSoapFault(document: XmlObject): SoapFault | undefined {
  const fault = field(soapBody(document) ?? document, "Fault");
  if (fault === undefined) return undefined;
  const node = Array.isArray(fault) ? fault[0] : fault;
  const code = fieldText(node, "faultcode") ?? textOf(descend(node, "Code", "Value")) ?? "";
  const reason = fieldText(node, "faultstring") ?? textOf(descend(node, "Reason", "Text")) ?? "";
  return new SoapFault(code.trim(), reason.trim());
}
