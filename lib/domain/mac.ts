// MAC addresses as people type them: Cisco dotted (000D.BC80.EB51), colon or dash separated,
// bare hex, or inside a device name (SEP000DBC80EB51). Stored MACs are 12 upper-case hex digits.

/**
 * Device-name prefixes Cisco puts in front of a MAC: desk phones (SEP), analog adapters (ATA),
 * BAT templates and gateway ports (SKIGW, VGC, AALN, AN): what tells which records are one phone.
 * Longest first, so AALN is never read as AN.
 */
export const MAC_NAME_PREFIXES = ["SKIGW", "AALN", "SEP", "ATA", "BAT", "VGC", "AN"] as const;
/**
 * What search strips before reading a MAC: the same, plus Jabber's CSF. A CSF name carries a user
 * id, not a MAC, so it never makes an identity (CSF123456789012 is not the phone 1234.5678.9012).
 */
export const SEARCH_NAME_PREFIXES = ["SKIGW", "AALN", "SEP", "ATA", "BAT", "CSF", "VGC", "AN"] as const;
const namePrefixes = new RegExp(`^(?:${SEARCH_NAME_PREFIXES.join("|")})`, "i");
const macName = new RegExp(`^(?:${MAC_NAME_PREFIXES.join("|")})([0-9A-F]{12})$`, "i");
const separators = /[\s.:-]/g;

/** The 12 upper-case hex digits of a MAC-carrying device name (SEP000DBC80EB51), else null. */
export function macOf(name: string): string | null {
  const match = macName.exec(name.trim());
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** The 12-digit upper-case MAC in any common notation, or null when the text is not one. */
export function normaliseMac(text: string): string | null {
  const bare = text.trim().replace(namePrefixes, "").replace(separators, "");
  return /^[0-9a-f]{12}$/i.test(bare) ? bare.toUpperCase() : null;
}

/**
 * What a search term says about MACs: a whole MAC (exact match), a run of at least four hex
 * digits (a fragment: "EB51", "bc:80:eb"), or nothing.
 */
export type MacTerm = { kind: "full"; mac: string } | { kind: "fragment"; hex: string } | null;

export function macSearchTerm(term: string): MacTerm {
  const full = normaliseMac(term);
  if (full) return { kind: "full", mac: full };
  const trimmed = term.trim();
  // A fragment is only hex and separators; a separator-free word must not be a plain name.
  if (!/^[0-9a-f.:-]+$/i.test(trimmed)) return null;
  // Dotted text is Cisco's groups of four (an IPv4 address has shorter inner groups).
  const groups = trimmed.split(".");
  if (groups.length > 2 && groups.slice(1, -1).some((g) => g.length !== 4)) return null;
  const hex = trimmed.replace(separators, "");
  return hex.length >= 4 && hex.length < 12 ? { kind: "fragment", hex: hex.toUpperCase() } : null;
}

/** Cisco's dotted notation, 000D.BC80.EB51, for display. */
export function dottedMac(mac: string | null): string | null {
  if (!mac || !/^[0-9A-F]{12}$/.test(mac)) return mac;
  return `${mac.slice(0, 4)}.${mac.slice(4, 8)}.${mac.slice(8)}`;
}

/** The search text split into words: every word must match some field. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  // A MAC with spaces between its groups ("000D BC80 EB51") stays one word.
  const whole = normaliseMac(q);
  if (whole && /\s/.test(q.trim())) return [q.trim()];
  return q.trim().split(/\s+/).filter(Boolean).slice(0, 8);
}
