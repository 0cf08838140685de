// Building request XML without injection: every text value is escaped or refused, and markup
// can only come from `element()`, never from a plain string.
import { UnsafeInputError } from "./errors";

/** XML 1.0 cannot carry these at all, escaped or not; CR and LF would also split device commands. */
const REFUSED_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\ud800-\udfff\ufffe\uffff]/;

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * Escapes & < > " ' for element text and attribute values. Throws UnsafeInputError on CR, LF,
 * NUL, other characters below 0x20 except tab, and characters XML cannot carry.
 */
export function escapeXml(value: string, field = "value"): string {
  if (REFUSED_CHARACTERS.test(value)) {
    // A well-formed surrogate pair is fine; only lone surrogates are refused.
    const withoutPairs = value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "");
    if (REFUSED_CHARACTERS.test(withoutPairs)) {
      throw new UnsafeInputError(
        field,
        `The ${field} contains line breaks or control characters, which are not allowed.`,
      );
    }
  }
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Markup built by `element()`; the brand keeps a raw string from passing as markup. */
export interface XmlFragment {
  readonly xml: string;
  readonly __brand: "XmlFragment";
}

export type XmlContent = XmlFragment | string | number | null | undefined | readonly XmlContent[];

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z_][A-Za-z0-9_.-]*)?$/;

function fragment(xml: string): XmlFragment {
  return { xml, __brand: "XmlFragment" } as XmlFragment;
}

function isFragment(value: unknown): value is XmlFragment {
  return typeof value === "object" && value !== null && (value as XmlFragment).__brand === "XmlFragment";
}

function render(content: XmlContent): string {
  if (content === null || content === undefined) return "";
  if (isFragment(content)) return content.xml;
  if (Array.isArray(content)) return content.map(render).join("");
  return escapeXml(String(content));
}

/**
 * `element("ISDevName", "SEP0012DA8AC43D")` or `element("ISgetDevice", [child, child])`.
 * Strings and numbers are escaped; only fragments from this function pass through as markup.
 */
export function element(
  name: string,
  content?: XmlContent,
  attributes?: Readonly<Record<string, string>>,
): XmlFragment {
  if (!ELEMENT_NAME.test(name)) throw new UnsafeInputError("element name", "An internal request was malformed.");
  let attributeText = "";
  for (const [attributeName, value] of Object.entries(attributes ?? {})) {
    if (!ELEMENT_NAME.test(attributeName)) {
      throw new UnsafeInputError("attribute name", "An internal request was malformed.");
    }
    attributeText += ` ${attributeName}="${escapeXml(value, "attribute")}"`;
  }
  return fragment(`<${name}${attributeText}>${render(content)}</${name}>`);
}

/** Joins fragments without a wrapper. */
export function fragments(...parts: XmlContent[]): XmlFragment {
  return fragment(render(parts));
}
