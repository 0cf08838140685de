// Hardened XML parsing for replies from Cisco boxes: no DTDs, no entity expansion beyond the five
// predefined ones and numeric references (decoded once, linearly), every value a string.
import { XMLParser } from "fast-xml-parser";
import { ProtocolError, isSoapError } from "./errors";
import { normalizeXml } from "./normalize";
import type { XmlObject } from "./read";

export interface ParseXmlOptions {
  /** Elements that must always come back as arrays, even when there is only one. */
  alwaysArray?: (tagName: string, jpath: string) => boolean;
  /** Deepest element nesting accepted; Cisco replies stay below 20. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 64;

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function codePointText(codePoint: number): string {
  const valid =
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff);
  return valid ? String.fromCodePoint(codePoint) : "\ufffd";
}

const ONE_REFERENCE = /&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(amp|lt|gt|quot|apos));/y;

/**
 * One linear pass: output never grows beyond the input, so a flood of references stays bounded.
 * Unknown named entities are left as written (no DTD can define them here). Decoded text is
 * gathered in pieces of a few KB rather than one piece per reference (String.replace with a
 * callback holds a piece per match: ~50 bytes of heap per 5-byte reference).
 */
export function decodeEntities(text: string): string {
  let at = text.indexOf("&");
  if (at === -1) return text;
  const pieces: string[] = [];
  let piece = "";
  let plainFrom = 0;
  while (at !== -1) {
    ONE_REFERENCE.lastIndex = at;
    const match = ONE_REFERENCE.exec(text);
    if (!match) {
      at = text.indexOf("&", at + 1);
      continue;
    }
    const [whole, hex, decimal, named] = match;
    const decoded =
      hex !== undefined
        ? codePointText(parseInt(hex, 16))
        : decimal !== undefined
          ? codePointText(parseInt(decimal, 10))
          : (PREDEFINED[named ?? ""] ?? "");
    piece += text.slice(plainFrom, at) + decoded;
    if (piece.length >= 8192) {
      pieces.push(piece);
      piece = "";
    }
    plainFrom = at + whole.length;
    at = text.indexOf("&", plainFrom);
  }
  pieces.push(piece + text.slice(plainFrom));
  return pieces.join("");
}

function buildParser(options: ParseXmlOptions, maxDepth: number): XMLParser {
  const alwaysArray = options.alwaysArray;
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth + 1,
    // Building jPath strings costs about a fifth of the parse; only alwaysArray needs them.
    jPath: alwaysArray !== undefined,
    isArray: (tagName, jpath, _isLeaf, isAttribute) =>
      !isAttribute && alwaysArray !== undefined && alwaysArray(tagName, String(jpath)),
    tagValueProcessor: (_tagName, value) => decodeEntities(value),
    attributeValueProcessor: (_name, value) => decodeEntities(value).trim(),
  });
}

const sharedParser = buildParser({}, DEFAULT_MAX_DEPTH);

/**
 * Parses one reply into plain objects (fast-xml-parser's shape: element name keys, attributes
 * under `@_name`, text under `#text` when an element also has attributes or children).
 * Throws ProtocolError for DOCTYPE/ENTITY, non-XML, HTML, truncation and runaway nesting.
 */
export function parseXml(body: string, options: ParseXmlOptions = {}): XmlObject {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const normalized = normalizeXml(body, maxDepth);
  const parser =
    options.alwaysArray === undefined && maxDepth === DEFAULT_MAX_DEPTH ? sharedParser : buildParser(options, maxDepth);
  try {
    const parsed: unknown = parser.parse(normalized);
    if (typeof parsed !== "object" || parsed === null || Object.keys(parsed).length === 0) {
      throw new ProtocolError("not-xml", "reply parsed to nothing");
    }
    return parsed as XmlObject;
  } catch (error) {
    if (isSoapError(error)) throw error;
    throw new ProtocolError("not-xml", `XML parser refused the reply: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
}
