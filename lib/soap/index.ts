// The shared hardened SOAP/XML layer: typed errors, escaping and element building, safe parsing
// with small accessors, and the transport. Nothing here knows about CME, RisPort or Prisma.
export * from "./errors";
export { escapeXml, element, fragments, type XmlContent, type XmlFragment } from "./escape";
export { parseXml, decodeEntities, type ParseXmlOptions } from "./parse";
export {
  asArray,
  attribute,
  childNames,
  descend,
  field,
  fieldText,
  fields,
  isXmlObject,
  textOf,
  type XmlObject,
  type XmlValue,
} from "./read";
export { readSoapFault, soapBody } from "./fault";
export { postXml, DEFAULT_MAX_REPLY_BYTES, type PostXmlOptions, type XmlReply, type TlsTrust } from "./transport";
export { closeAgents } from "./agents";
