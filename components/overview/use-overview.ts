"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import { overviewApi, type OverviewQuery } from "./api";
import { overviewKeys } from "./keys";

/** The overview is a live view: it refreshes on its own and keeps the last figures meanwhile. */
export function useOverview(q: OverviewQuery) {
  return useQuery({
    queryKey: overviewKeys.view(q),
    queryFn: ({ signal }) => overviewApi.get(q, signal),
    refetchInterval: LIVE_REFRESH_MS,
  });
}
