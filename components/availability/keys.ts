import type { AvailabilityQuery } from "./api";

export const availabilityKeys = {
  all: ["availability"] as const,
  report: (q: AvailabilityQuery) => [...availabilityKeys.all, q.month ?? "", q.scope, q.timeZone] as const,
};
