"use client";
import { useQuery } from "@tanstack/react-query";
import { ctiAppsApi } from "./api";
import { ctiAppKeys } from "./keys";
import type { CtiFilters } from "./url-state";

export function useCtiApps(filters: CtiFilters) {
  return useQuery({ queryKey: ctiAppKeys.list(filters), queryFn: ({ signal }) => ctiAppsApi.list(filters, signal) });
}
