// The audit export's reads: newest first, each window starting after the previous window's last
// event (keyset on time, then id), never at an OFFSET, and without a COUNT per window.
import { bulkReads } from "./client";
import { auditSelect, auditWhere, type AuditQuery } from "./audit";
import { keyOf, keyOrder, windowWhere } from "./keyset";
import { parseJsonObject } from "@/lib/domain/json";

/** The list's order (lib/db/audit.ts listAudit): newest first, the id breaking ties. */
const key = keyOf("desc", "at", "id");

export type AuditFilter = Omit<AuditQuery, "page" | "pageSize">;

/** Up to `take` events after `after` (the previous window's last event; none: the newest). */
export async function auditEventsAfter(filter: AuditFilter, after: { at: Date; id: string } | undefined, take: number) {
  const rows = await bulkReads().auditEvent.findMany({
    where: windowWhere(auditWhere(filter), key, after),
    select: auditSelect,
    orderBy: keyOrder(key),
    take,
  });
  return rows.map((r) => ({ ...r, detail: parseJsonObject(r.detail) }));
}
