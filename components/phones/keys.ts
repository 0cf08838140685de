import type { PhoneFilters } from "./url-state";

export const phoneKeys = {
  all: ["phones"] as const,
  lists: () => [...phoneKeys.all, "list"] as const,
  list: (filters: PhoneFilters) => [...phoneKeys.lists(), filters] as const,
  details: () => [...phoneKeys.all, "detail"] as const,
  detail: (name: string) => [...phoneKeys.details(), name] as const,
};
