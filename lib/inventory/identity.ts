// Small shared readings of what sources report (the MAC a device name carries is macOf in
// lib/domain/mac): the DN search index, and the fingerprint that lets an unchanged record go unwritten.
import { createHash } from "node:crypto";

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
