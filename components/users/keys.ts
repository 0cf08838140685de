import type { UserFilters } from "./api";

export const userKeys = {
  all: ["users"] as const,
  lists: () => [...userKeys.all, "list"] as const,
  list: (filters: UserFilters) => [...userKeys.lists(), filters] as const,
};

export const tokenKeys = {
  all: ["tokens"] as const,
  lists: () => [...tokenKeys.all, "list"] as const,
};

export const directoryKeys = {
  all: ["directory"] as const,
  roleRules: () => [...directoryKeys.all, "role-rules"] as const,
  signInSettings: () => [...directoryKeys.all, "sign-in-settings"] as const,
};
