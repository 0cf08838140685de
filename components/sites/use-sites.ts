"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import { auditKeys } from "@/components/audit/keys";
import { sitesApi } from "./api";
import { siteKeys } from "./keys";

export function useSiteSettings() {
  return useQuery({ queryKey: siteKeys.settings(), queryFn: ({ signal }) => sitesApi.settings(signal) });
}

/** Outages open and close with polls: a live view. */
export function useSiteEvents(site: string | undefined) {
  return useQuery({
    queryKey: siteKeys.events(site),
    queryFn: ({ signal }) => sitesApi.events(site, signal),
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useDemoState() {
  return useQuery({ queryKey: siteKeys.demo(), queryFn: ({ signal }) => sitesApi.demo(signal) });
}

/** New rules move devices between sites: every inventory view may change. */
export function useSaveSiteSettings() {
  const client = useQueryClient();
  return useMutation({ mutationFn: sitesApi.saveSettings, onSuccess: () => client.invalidateQueries() });
}

export function useSetBranchWan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sitesApi.setWan,
    onSuccess: (state) => {
      client.setQueryData(siteKeys.demo(), state);
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}
