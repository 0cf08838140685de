// Small shared readings of what sources report: the MAC a device name carries, the DN search
// index, and the fingerprint that lets an unchanged record go unwritten.
import { createHash } from "node:crypto";

/** Name prefixes Cisco puts in front of a MAC: desk phones (SEP), analog adapters (ATA), templates (BAT) and friends. */
const MAC_NAME = /^(?:SEP|ATA|BAT|SKIGW|VGC|AALN|AN)([0-9A-F]{12})$/i;

/** The 12 upper-case hex digits of a MAC-carrying device name, else null. */
export function macFromName(name: string): string | null {
  const match = MAC_NAME.exec(name.trim());
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** " 1001 1002 ": every directory number once, in line order, space-delimited so one LIKE '% 1001 %' finds it. */
export function dnIndexOf(numbers: readonly string[]): string {
  const unique = [...new Set(numbers.map((n) => n.trim()).filter(Boolean))];
  return unique.length === 0 ? "" : ` ${unique.join(" ")} `;
}

/**
 * A short hash of a record's stored fields. Fields are hashed in the order given, so each kind
 * hashes one fixed list; 128 bits is plenty to tell two states of one record apart.
 */
export function fingerprintOf(values: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(values)).digest("base64url").slice(0, 22);
}
