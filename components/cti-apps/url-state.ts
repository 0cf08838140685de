// The CTI applications list state as it lives in the URL.
import { ctiStatuses, type CtiStatus } from "@/lib/domain/status";

export const ctiSorts = ["status", "appId", "user", "source", "lastChange"] as const;
export type CtiSort = (typeof ctiSorts)[number];

export interface CtiFilters {
  source?: string;
  status?: CtiStatus;
  sort: CtiSort;
  order: "asc" | "desc";
  page: number;
}

export function readCtiFilters(params: URLSearchParams): CtiFilters {
  return {
    source: params.get("source") || undefined,
    status: ctiStatuses.find((s) => s === params.get("status")),
    sort: ctiSorts.find((s) => s === params.get("sort")) ?? "status",
    order: params.get("order") === "desc" ? "desc" : "asc",
    page: Math.max(1, Math.floor(Number(params.get("page"))) || 1),
  };
}

export function writeCtiFilters(f: CtiFilters): string {
  const out = new URLSearchParams();
  if (f.source) out.set("source", f.source);
  if (f.status) out.set("status", f.status);
  if (f.sort !== "status") out.set("sort", f.sort);
  if (f.order !== "asc") out.set("order", f.order);
  if (f.page > 1) out.set("page", String(f.page));
  return out.toString();
}
