export const cmeUserKeys = {
  all: ["cme-users"] as const,
  details: () => [...cmeUserKeys.all, "detail"] as const,
  detail: (sourceId: string, userId: string) => [...cmeUserKeys.details(), sourceId, userId] as const,
};
