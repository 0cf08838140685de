// Typed fetcher for the fleet overview, with its type from the API contract.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { getOverview } from "@/lib/api/contracts/inventory";
import type { TrendRange } from "@/lib/domain/trend";

export type Overview = z.infer<typeof getOverview.response>;
/** Source rows carry registration counts; fleet, site, model and protocol rows add phones in fallback. */
export type StatusCounts = Overview["bySource"][number]["counts"] & { inFallback?: number };
export type SiteEvent = Overview["siteEvents"][number];
export type TrendPoint = Overview["trend"]["points"][number];

export const overviewApi = {
  get: (range: TrendRange, signal?: AbortSignal) =>
    apiFetch<Overview>(`/overview${queryString({ range })}`, { signal }),
};
