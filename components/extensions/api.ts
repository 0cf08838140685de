// Typed fetchers for extensions, with types from the API contracts.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { extensionRowSchema, listExtensions } from "@/lib/api/contracts/inventory";
import type { ExtensionFilters } from "./url-state";

export type ExtensionPage = z.infer<typeof listExtensions.response>;
export type ExtensionRow = z.infer<typeof extensionRowSchema>;

const filterParams = (f: ExtensionFilters) => ({
  q: f.q,
  source: f.source,
  status: f.status,
  sort: f.sort === "number" ? undefined : f.sort,
  order: f.order === "asc" ? undefined : f.order,
});

export const extensionsApi = {
  list: (f: ExtensionFilters, signal?: AbortSignal) =>
    apiFetch<ExtensionPage>(
      `/extensions${queryString({ ...filterParams(f), page: f.page, pageSize: EXTENSION_PAGE_SIZE })}`,
      { signal },
    ),
  csvUrl: (f: ExtensionFilters) => `/api/v1/extensions${queryString({ ...filterParams(f), format: "csv" })}`,
};

export const EXTENSION_PAGE_SIZE = 50;
