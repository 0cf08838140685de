"use client";
import { useQuery } from "@tanstack/react-query";
import { pollerApi } from "./api";
import { pollerKeys } from "./keys";

/** Read every 15 s: a worker that stops should show within half a minute. */
export function usePoller() {
  return useQuery({
    queryKey: pollerKeys.status(),
    queryFn: ({ signal }) => pollerApi.status(signal),
    refetchInterval: 15_000,
  });
}
