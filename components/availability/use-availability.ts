"use client";
import { useQuery } from "@tanstack/react-query";
import { availabilityApi, type AvailabilityQuery } from "./api";
import { availabilityKeys } from "./keys";

/** A month's report changes slowly: no live refresh beyond the defaults. */
export function useAvailability(q: AvailabilityQuery) {
  return useQuery({ queryKey: availabilityKeys.report(q), queryFn: ({ signal }) => availabilityApi.get(q, signal) });
}
