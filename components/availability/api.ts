// Typed fetcher for the monthly availability report, typed by the API contract.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { getAvailability } from "@/lib/api/contracts/availability";

export type AvailabilityReport = z.infer<typeof getAvailability.response>;

export interface AvailabilityQuery {
  /** YYYY-MM; undefined: this month. */
  month?: string;
  scope: string;
  timeZone: string;
}

const params = (q: AvailabilityQuery) => ({
  month: q.month,
  scope: q.scope === "fleet" ? undefined : q.scope,
  tz: q.timeZone,
});

export const availabilityApi = {
  get: (q: AvailabilityQuery, signal?: AbortSignal) =>
    apiFetch<AvailabilityReport>(`/availability${queryString(params(q))}`, { signal }),
  csvUrl: (q: AvailabilityQuery) => `/api/v1/availability${queryString({ ...params(q), format: "csv" })}`,
};
