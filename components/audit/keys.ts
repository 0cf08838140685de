export interface AuditFilters {
  actor?: string;
  action?: string;
  outcome?: "success" | "failure" | "unknown";
  page: number;
}

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
};
