// The audit trail as pages and the API read it, with CSV export.
import { listAudit, type AuditQuery } from "@/lib/db/audit";

export async function auditPage(query: AuditQuery) {
  const { items, total } = await listAudit(query);
  return { items: items.map((e) => ({ ...e, at: e.at.toISOString(), outcome: e.outcome as "success" | "failure" | "unknown" })), page: query.page, pageSize: query.pageSize, total };
}

const csvCell = (value: unknown) => {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Spreadsheet formula injection: a cell starting with = + - @ is shown as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export async function auditCsv(query: Omit<AuditQuery, "page" | "pageSize">): Promise<string> {
  const { items } = await listAudit({ ...query, page: 1, pageSize: 50_000 });
  const header = ["at", "actor", "action", "target", "outcome", "detail", "requestId", "ip"];
  const lines = items.map((e) => [e.at.toISOString(), e.actor, e.action, e.target, e.outcome, e.detail, e.requestId, e.ip].map(csvCell).join(","));
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
