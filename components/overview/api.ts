// Typed fetcher for the fleet overview, with its type from the API contract.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { getOverview } from "@/lib/api/contracts/inventory";
import type { TrendRange } from "@/lib/domain/trend";

export type Overview = z.infer<typeof getOverview.response>;
/**
 * Source rows carry registration counts; fleet, site, model and protocol rows add phones in fallback
 * and the configured cluster phones RisPort never saw or has not seen for a while.
 */
export type StatusCounts = Overview["bySource"][number]["counts"] & {
  inFallback?: number;
  neverRegistered?: number;
  notSeen?: number;
};
export type SiteEvent = Overview["siteEvents"][number];
export type TrendPoint = Overview["trend"]["points"][number];

/** Whose trend, and in which zone the browser reads it (the server may answer with the organisation's). */
export interface OverviewQuery {
  range: TrendRange;
  scope: string;
  timeZone: string;
}

export const overviewApi = {
  get: (q: OverviewQuery, signal?: AbortSignal) =>
    apiFetch<Overview>(
      `/overview${queryString({ range: q.range, scope: q.scope === "fleet" ? undefined : q.scope, tz: q.timeZone })}`,
      { signal },
    ),
};
