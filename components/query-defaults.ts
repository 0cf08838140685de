// The polling policy in one place: how long data counts as fresh, how often live views refresh,
// and which errors are worth retrying. Live views opt in with `refetchInterval: LIVE_REFRESH_MS`.
import { keepPreviousData, type DefaultOptions } from "@tanstack/react-query";
import { ApiError } from "./api-client";

export const LIVE_REFRESH_MS = 30_000;

export const queryDefaults: DefaultOptions = {
  queries: {
    staleTime: 15_000,
    gcTime: 5 * 60_000,
    refetchOnWindowFocus: true,
    // Keep showing the last page while the next one loads: no blanking tables.
    placeholderData: keepPreviousData,
    retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status < 500),
  },
  mutations: { retry: false },
};
