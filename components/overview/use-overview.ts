"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import type { TrendRange } from "@/lib/domain/trend";
import { overviewApi } from "./api";
import { overviewKeys } from "./keys";

/** The overview is a live view: it refreshes on its own and keeps the last figures meanwhile. */
export function useOverview(range: TrendRange) {
  return useQuery({
    queryKey: overviewKeys.range(range),
    queryFn: ({ signal }) => overviewApi.get(range, signal),
    refetchInterval: LIVE_REFRESH_MS,
  });
}
