import type { CtiFilters } from "./url-state";

export const ctiAppKeys = {
  all: ["cti-apps"] as const,
  lists: () => [...ctiAppKeys.all, "list"] as const,
  list: (filters: CtiFilters) => [...ctiAppKeys.lists(), filters] as const,
};
