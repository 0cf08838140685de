import type { AlertFilters } from "./api";

export const alertKeys = {
  all: ["alerts"] as const,
  lists: () => [...alertKeys.all, "list"] as const,
  list: (filters: AlertFilters) => [...alertKeys.lists(), filters] as const,
  silences: () => [...alertKeys.all, "silences"] as const,
  rules: () => [...alertKeys.all, "rules"] as const,
  channels: () => [...alertKeys.all, "channels"] as const,
  marks: () => [...alertKeys.all, "marks"] as const,
};
