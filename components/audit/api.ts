import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { listAudit } from "@/lib/api/contracts/audit";
import type { AuditFilters } from "./keys";

export type AuditPage = z.infer<typeof listAudit.response>;
export const AUDIT_PAGE_SIZE = 50;

const filterParams = (f: Omit<AuditFilters, "page">) => ({ actor: f.actor, action: f.action, outcome: f.outcome });

export const auditApi = {
  list: (f: AuditFilters) =>
    apiFetch<AuditPage>(`/audit${queryString({ ...filterParams(f), page: f.page, pageSize: AUDIT_PAGE_SIZE })}`),
  csvUrl: (f: Omit<AuditFilters, "page">) => `/api/v1/audit${queryString({ ...filterParams(f), format: "csv" })}`,
};
