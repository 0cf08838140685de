// The audit trail as pages and the API read it, with CSV export.
import { listAudit, type AuditQuery } from "@/lib/db/audit";
import { csvDocument } from "@/lib/api/csv";

export async function auditPage(query: AuditQuery) {
  const { items, total } = await listAudit(query);
  return { items: items.map((e) => ({ ...e, at: e.at.toISOString(), outcome: e.outcome as "success" | "failure" | "unknown" })), page: query.page, pageSize: query.pageSize, total };
}

export async function auditCsv(query: Omit<AuditQuery, "page" | "pageSize"> & { bom?: "0" | "1" }): Promise<string> {
  const { items } = await listAudit({ ...query, page: 1, pageSize: 50_000 });
  const header = ["at", "actor", "action", "target", "outcome", "detail", "requestId", "ip"];
  return csvDocument(header, items.map((e) => [e.at.toISOString(), e.actor, e.action, e.target, e.outcome, e.detail, e.requestId, e.ip]), { bom: query.bom === "1" });
}
