"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import { phonesApi } from "./api";
import { phoneKeys } from "./keys";
import type { PhoneFilters } from "./url-state";

export function usePhones(filters: PhoneFilters) {
  return useQuery({ queryKey: phoneKeys.list(filters), queryFn: ({ signal }) => phonesApi.list(filters, signal) });
}

/** A phone someone is working on: live, so a re-registration shows without reloading. */
export function usePhone(name: string) {
  return useQuery({ queryKey: phoneKeys.detail(name), queryFn: ({ signal }) => phonesApi.detail(name, signal), refetchInterval: LIVE_REFRESH_MS, placeholderData: undefined });
}
