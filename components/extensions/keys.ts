import type { ExtensionFilters } from "./url-state";

export const extensionKeys = {
  all: ["extensions"] as const,
  lists: () => [...extensionKeys.all, "list"] as const,
  list: (filters: ExtensionFilters) => [...extensionKeys.lists(), filters] as const,
};
