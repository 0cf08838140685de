import type { SourceFilters } from "./api";

export const sourceKeys = {
  all: ["sources"] as const,
  lists: () => [...sourceKeys.all, "list"] as const,
  list: (filters: SourceFilters) => [...sourceKeys.lists(), filters] as const,
};
