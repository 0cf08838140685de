export const cmeUserKeys = {
  all: ["cme-users"] as const,
  lists: () => [...cmeUserKeys.all, "list"] as const,
  list: (sourceId: string, q: string) => [...cmeUserKeys.lists(), sourceId, q] as const,
  details: () => [...cmeUserKeys.all, "detail"] as const,
  detail: (sourceId: string, userId: string) => [...cmeUserKeys.details(), sourceId, userId] as const,
};
