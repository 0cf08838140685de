// Typed fetcher for the poll workers' health.
import type { z } from "zod";
import { apiFetch } from "@/components/api-client";
import type { getPoller } from "@/lib/api/contracts/poller";

export type PollerStatus = z.infer<typeof getPoller.response>;

export const pollerApi = {
  status: (signal?: AbortSignal) => apiFetch<PollerStatus>("/poller", { signal }),
};
