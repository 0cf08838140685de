// The XML half of lib/soap in one import: escaping, element building, parsing and accessors.
export { escapeXml, element, fragments, type XmlContent, type XmlFragment } from "./escape";
export { parseXml, decodeEntities, type ParseXmlOptions } from "./parse";
export * from "./read";
