// The audit trail as pages and the API read it, with CSV export.
import * as auditDb from "@/lib/db/audit";
import type { AuditQuery } from "@/lib/db/audit";
import { auditEventsAfter } from "@/lib/db/audit-export";
import { csvExport } from "@/lib/api/csv";

type AuditItem = Awaited<ReturnType<typeof auditDb.listAudit>>["items"][number];

export async function listAudit(query: AuditQuery) {
  const { items, total } = await auditDb.listAudit(query);
  return {
    items: items.map((e) => ({
      ...e,
      at: e.at.toISOString(),
      outcome: e.outcome as "success" | "failure" | "unknown",
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

const header = ["at", "actor", "action", "target", "outcome", "detail", "requestId", "ip"];
const values = (e: AuditItem) => [
  e.at.toISOString(),
  e.actor,
  e.action,
  e.target,
  e.outcome,
  e.detail,
  e.requestId,
  e.ip,
];

/** The whole filtered trail, newest first, written as CSV batch by batch like the other exports. */
export function listAuditCsv(
  query: Omit<AuditQuery, "page" | "pageSize"> & { bom?: "0" | "1" },
  startedAt: Date = new Date(),
): ReadableStream<Uint8Array> {
  const { bom, ...filter } = query;
  // Newest first while people keep acting: rows written during the export would push the list down
  // and repeat rows at window boundaries, so the export ends at the moment it started.
  const to = filter.to && filter.to < startedAt ? filter.to : startedAt;
  return csvExport<AuditItem>({
    header,
    // Keyset windows on (time, id), newest first (lib/db/audit-export.ts): no OFFSET rescans.
    window: (after, take) => auditEventsAfter({ ...filter, to }, after, take),
    values,
    bom: bom === "1",
  });
}
