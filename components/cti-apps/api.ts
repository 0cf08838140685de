// Typed fetchers for CTI applications, with types from the API contracts.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { ctiAppRowSchema, listCtiApps } from "@/lib/api/contracts/inventory";
import type { CtiFilters } from "./url-state";

export type CtiAppPage = z.infer<typeof listCtiApps.response>;
export type CtiAppRow = z.infer<typeof ctiAppRowSchema>;
export const CTI_PAGE_SIZE = 50;

const filterParams = (f: CtiFilters) => ({
  source: f.source,
  status: f.status,
  sort: f.sort === "status" ? undefined : f.sort,
  order: f.order === "asc" ? undefined : f.order,
});

export const ctiAppsApi = {
  list: (f: CtiFilters, signal?: AbortSignal) =>
    apiFetch<CtiAppPage>(`/cti-apps${queryString({ ...filterParams(f), page: f.page, pageSize: CTI_PAGE_SIZE })}`, {
      signal,
    }),
  csvUrl: (f: CtiFilters) => `/api/v1/cti-apps${queryString({ ...filterParams(f), format: "csv" })}`,
};
