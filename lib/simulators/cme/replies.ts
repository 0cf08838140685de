// Builds reply XML by string concatenation (a 500-phone reply must be quick), in either dialect:
// 2008 (xsi:type="…Response", payload right under <response>) or 2010 (no xsi:type, plural wrappers).
import type { Dialect, Quirk } from "./options";
import type { MethodName } from "./request";

/** A run of reply elements; in the 2010 dialect it sits inside `wrapper2010` when one is set. */
export interface ReplySection {
  wrapper2010?: string;
  elements: string[];
}

export interface MethodReply {
  sections: ReplySection[];
  /** Full ISDevice/ISExtension entities carried: the buffer-overflow failure cuts replies with several. */
  fullEntities: number;
  /** The request asked for `all` (a keyword): `behaviour.cutAllAbove` may cut it. */
  answersAll?: boolean;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Escapes element text; quotes stay as typed (IOS's "% Invalid input detected at '^' marker."). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char] ?? char);
}

/** `<name>value</name>`; `closeAs` writes a different closing tag (the mismatched-close-tags quirk). */
export function leaf(name: string, value: string | number | boolean, closeAs: string = name): string {
  return `<${name}>${escapeXml(String(value))}</${closeAs}>`;
}

export function branch(name: string, children: readonly string[]): string {
  return `<${name}>\n${children.join("\n")}\n</${name}>`;
}

export function simpleReply(elements: string[], wrapper2010?: string): MethodReply {
  return { sections: [{ wrapper2010, elements }], fullEntities: 0 };
}

/** The seed's ISSaveConfig reply says xsi:type=" ISSaveConfig"; every other method adds "Response". */
function responseType(method: MethodName): string {
  return method === "ISSaveConfig" ? "ISSaveConfig" : `${method}Response`;
}

export function renderEnvelope(
  method: MethodName,
  reply: MethodReply,
  dialect: Dialect,
  quirks: ReadonlySet<Quirk>,
): string {
  const space = quirks.has("spaces-in-tags") ? " " : "";
  const typePrefix = quirks.has("attribute-leading-space") && method === "ISSaveConfig" ? " " : "";
  // The newer guides drop xsi:type from replies, except ISexecCLI's and ISSaveConfig's.
  const typed = dialect === "2008" || method === "ISexecCLI" || method === "ISSaveConfig";
  const typeAttribute = typed ? ` xsi:type="${typePrefix}${responseType(method)}"` : "";
  // The seed's ISSaveConfig examples close <response> with </request>.
  const closeResponse = quirks.has("mismatched-close-tags") && method === "ISSaveConfig" ? "</request>" : "</response>";

  const payload: string[] = [];
  for (const section of reply.sections) {
    if (dialect === "2010" && section.wrapper2010) payload.push(branchOrEmpty(section.wrapper2010, section.elements));
    else payload.push(...section.elements);
  }
  return [
    `<SOAP-ENV:Envelope${space}>`,
    "<SOAP-ENV:Body>",
    `<axl${space}>`,
    `<response${typeAttribute}${space}>`,
    ...payload,
    closeResponse,
    "</axl>",
    "</SOAP-ENV:Body>",
    "</SOAP-ENV:Envelope>",
    "",
  ].join("\n");
}

function branchOrEmpty(name: string, children: readonly string[]): string {
  return children.length === 0 ? `<${name}></${name}>` : branch(name, children);
}

/**
 * Cisco does not document how a router answers a request it cannot read. IXI is SOAP-shaped, so we
 * answer like SOAP 1.1 does: HTTP 500 with a Client fault, which a client must treat as a typed error.
 */
export function renderFault(message: string): string {
  return [
    "<SOAP-ENV:Envelope>",
    "<SOAP-ENV:Body>",
    "<SOAP-ENV:Fault>",
    leaf("faultcode", "SOAP-ENV:Client"),
    leaf("faultstring", message),
    "</SOAP-ENV:Fault>",
    "</SOAP-ENV:Body>",
    "</SOAP-ENV:Envelope>",
    "",
  ].join("\n");
}
