export const pollerKeys = {
  all: ["poller"] as const,
  status: () => [...pollerKeys.all, "status"] as const,
};
