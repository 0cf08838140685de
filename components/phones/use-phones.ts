"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import { auditKeys } from "@/components/audit/keys";
import { phonesApi, type PhoneRestartKind } from "./api";
import { phoneKeys } from "./keys";
import type { PhoneFilters } from "./url-state";

export function usePhones(filters: PhoneFilters) {
  return useQuery({ queryKey: phoneKeys.list(filters), queryFn: ({ signal }) => phonesApi.list(filters, signal) });
}

/** A phone someone is working on: live, so a re-registration shows without reloading. */
export function usePhone(name: string) {
  return useQuery({
    queryKey: phoneKeys.detail(name),
    queryFn: ({ signal }) => phonesApi.detail(name, signal),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: undefined,
  });
}

/** Refresh now: reads the phone again from its sources; only that phone's detail is refetched. */
export function useRefreshPhone(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => phonesApi.refresh(name),
    onSettled: () => client.invalidateQueries({ queryKey: phoneKeys.detail(name) }),
  });
}

/** Restart or reset on one router: its answer in words; the phone's detail and the audit are stale after. */
export function useRestartPhone(sourceId: string, name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (kind: PhoneRestartKind) => phonesApi.restart(sourceId, name, kind),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: phoneKeys.detail(name) });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

/** A pasted list's lookup: read-only, so nothing to invalidate; the result lives until the next one. */
export function useLookupPhones() {
  return useMutation({ mutationFn: (text: string) => phonesApi.lookup(text) });
}
