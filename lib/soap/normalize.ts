// A linear pre-pass over a reply before fast-xml-parser sees it. fast-xml-parser is lenient: it
// accepts cut documents and HTML silently and throws on the mismatched closing tags Cisco's own
// examples contain. This pass tracks an element stack so it can refuse what is not one complete
// XML document (not XML, HTML, truncated, too deep, reserved names) and repair closing tags.
import { ProtocolError } from "./errors";

const ASCII_NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const NAME = /^[\p{L}_][\p{L}\p{N}_.-]*(?::[\p{L}_][\p{L}\p{N}_.-]*)?$/u;

function isName(name: string): boolean {
  return ASCII_NAME.test(name) || NAME.test(name); // the ASCII test is the fast path
}
/** Element names that would reach Object.prototype if a parser ever used them as plain keys. */
const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function notXml(why: string): ProtocolError {
  return new ProtocolError("not-xml", `reply is not XML: ${why}`);
}

function truncated(why: string): ProtocolError {
  return new ProtocolError("truncated", `reply was cut off: ${why}`);
}

/** Finds the `>` that ends the opening tag starting at `start`, skipping quoted attribute values. */
function findTagEnd(body: string, start: number): number {
  let quote = "";
  for (let index = start; index < body.length; index++) {
    const character = body[index];
    if (quote) {
      if (character === quote) quote = "";
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === ">") {
      return index;
    } else if (character === "<") {
      throw notXml("a tag is not closed before the next one opens");
    }
  }
  return -1;
}

export function refuseDeclarations(body: string): void {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(body)) {
    throw new ProtocolError("doctype", "reply contains a DOCTYPE or ENTITY declaration; refused before parsing");
  }
}

/**
 * Far more character references than any real reply holds (a few accented names): a flood of
 * `&#65;` costs the parser ~50 bytes of heap per 5-byte reference, so it is refused unparsed.
 */
export const MAX_CHARACTER_REFERENCES = 20_000;

export function refuseReferenceFloods(body: string): void {
  let count = 0;
  for (let at = body.indexOf("&#"); at !== -1; at = body.indexOf("&#", at + 2)) {
    if (++count > MAX_CHARACTER_REFERENCES) {
      throw new ProtocolError(
        "too-large",
        `reply holds more than ${MAX_CHARACTER_REFERENCES} character references; refused before parsing`,
      );
    }
  }
}

/**
 * Returns the reply rewritten as one well-formed document: tag names trimmed, every closing tag
 * naming the element it closes, comments dropped, CDATA turned into escaped text.
 */
export function normalizeXml(rawBody: string, maxDepth: number): string {
  refuseDeclarations(rawBody);
  refuseReferenceFloods(rawBody);
  const body = rawBody.charCodeAt(0) === 0xfeff ? rawBody.slice(1) : rawBody;
  if (body.trim() === "") throw notXml("the reply is empty");
  if (body.trimStart()[0] !== "<") throw notXml("the reply does not start with a tag");

  const out: string[] = [];
  const stack: string[] = [];
  let sawRoot = false;
  let rootClosed = false;

  const keepText = (text: string) => {
    if (stack.length === 0) {
      if (text.trim() !== "") throw notXml("text outside the document element");
      return;
    }
    out.push(text);
  };

  const closeElement = (written: string) => {
    if (stack.length === 0) return; // a stray closing tag after the document: nothing left to close
    const innermost = stack[stack.length - 1]!;
    const wanted = written.toLowerCase();
    if (innermost !== written && innermost.toLowerCase() !== wanted) {
      // `<firstname>…</firstName>` and `<response>…</request>` close the innermost element. A name
      // that matches an outer element means inner elements were never closed: a damaged or cut
      // reply, which must not be repaired into something that looks complete.
      if (stack.slice(0, -1).some((open) => open.toLowerCase() === wanted)) {
        throw new ProtocolError("truncated", `reply closes <${written}> while inner elements are still open`);
      }
    }
    out.push(`</${stack.pop()}>`);
    if (stack.length === 0) rootClosed = true;
  };

  let position = 0;
  while (position < body.length) {
    const open = body.indexOf("<", position);
    if (open === -1) {
      keepText(body.slice(position));
      break;
    }
    if (open > position) keepText(body.slice(position, open));

    if (body.startsWith("<?", open)) {
      const end = body.indexOf("?>", open + 2);
      if (end === -1) throw truncated("processing instruction not closed");
      position = end + 2; // the XML declaration and PIs carry nothing the mappers read
      continue;
    }
    if (body.startsWith("<!--", open)) {
      const end = body.indexOf("-->", open + 4);
      if (end === -1) throw truncated("comment not closed");
      position = end + 3;
      continue;
    }
    if (body.startsWith("<![CDATA[", open)) {
      const end = body.indexOf("]]>", open + 9);
      if (end === -1) throw truncated("CDATA section not closed");
      if (stack.length === 0) throw notXml("CDATA outside the document element");
      out.push(escapeText(body.slice(open + 9, end)));
      position = end + 3;
      continue;
    }
    if (body.startsWith("<!", open)) throw notXml("unsupported markup declaration");

    if (body.startsWith("</", open)) {
      const end = body.indexOf(">", open + 2);
      if (end === -1) throw truncated("closing tag not finished");
      const name = body.slice(open + 2, end).trim();
      if (!isName(name)) throw notXml("invalid closing tag");
      closeElement(name);
      position = end + 1;
      continue;
    }

    const end = findTagEnd(body, open + 1);
    if (end === -1) throw truncated("opening tag not finished");
    let inner = body.slice(open + 1, end);
    const selfClosing = inner.endsWith("/");
    if (selfClosing) inner = inner.slice(0, -1);
    const match = /^\s*([^\s/>]+)([\s\S]*)$/.exec(inner);
    const name = match?.[1] ?? "";
    if (!isName(name)) throw notXml("invalid tag name");
    if (RESERVED_NAMES.has(localName(name))) {
      throw new ProtocolError("unexpected-shape", `reply uses the reserved element name ${localName(name)}`);
    }
    if (rootClosed) throw notXml("more than one document element");
    if (!sawRoot && localName(name).toLowerCase() === "html") throw notXml("the reply is an HTML page");
    if (stack.length + 1 > maxDepth) {
      throw new ProtocolError("too-deep", `reply nests deeper than ${maxDepth} elements`);
    }
    sawRoot = true;
    const attributes = (match?.[2] ?? "").trim();
    out.push(`<${name}${attributes ? ` ${attributes}` : ""}${selfClosing ? "/>" : ">"}`);
    if (selfClosing) {
      if (stack.length === 0) rootClosed = true;
    } else {
      stack.push(name);
    }
    position = end + 1;
  }

  if (!sawRoot) throw notXml("no element found");
  if (stack.length > 0) throw truncated(`${stack.length} element(s) never closed`);
  return out.join("");
}
