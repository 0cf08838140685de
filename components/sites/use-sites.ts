"use client";
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import { auditKeys } from "@/components/audit/keys";
import { sitesApi } from "./api";
import { siteKeys } from "./keys";

const working = (status: string | undefined) => status === "pending" || status === "running";

/** While the sites are being worked out again after a save, its progress is followed every second. */
export function useSiteSettings() {
  return useQuery({
    queryKey: siteKeys.settings(),
    queryFn: ({ signal }) => sitesApi.settings(signal),
    refetchInterval: (query) => (working(query.state.data?.recompute?.status) ? 1_000 : false),
  });
}

/** When a recompute finishes, devices have moved between sites: every inventory view may change. */
export function useRecomputeFinished(status: string | undefined) {
  const client = useQueryClient();
  const [seen, setSeen] = useState(status);
  useEffect(() => {
    if (working(seen) && !working(status))
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "sites" });
    setSeen(status);
  }, [status, seen, client]);
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

/** The save returns at once; the settings (with the recompute's progress) are what it answered. */
export function useSaveSiteSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sitesApi.saveSettings,
    onSuccess: (settings) => client.setQueryData(siteKeys.settings(), settings),
  });
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

export function useTimeZoneSetting() {
  return useQuery({ queryKey: siteKeys.timeZone(), queryFn: ({ signal }) => sitesApi.timeZone(signal) });
}

export function useNotSeenDaysSetting() {
  return useQuery({ queryKey: siteKeys.notSeenDays(), queryFn: ({ signal }) => sitesApi.notSeenDays(signal) });
}

/** Polls apply the new threshold; the change's audit row is new. */
export function useSetNotSeenDays() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sitesApi.setNotSeenDays,
    onSuccess: (setting) => {
      client.setQueryData(siteKeys.notSeenDays(), setting);
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

/** Trends and availability reports are bucketed in the new zone: every cached one is stale. */
export function useSetTimeZone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sitesApi.setTimeZone,
    onSuccess: (setting) => {
      client.setQueryData(siteKeys.timeZone(), setting);
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "sites" });
    },
  });
}
