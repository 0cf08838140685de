export const keyPhoneKeys = {
  all: ["key-phones"] as const,
  lists: () => [...keyPhoneKeys.all, "list"] as const,
  list: (sourceId: string) => [...keyPhoneKeys.lists(), sourceId] as const,
};
