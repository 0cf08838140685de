"use client";
import { useQuery } from "@tanstack/react-query";
import { auditApi } from "./api";
import { auditKeys, type AuditFilters } from "./keys";

export function useAudit(filters: AuditFilters) {
  return useQuery({ queryKey: auditKeys.list(filters), queryFn: () => auditApi.list(filters) });
}
