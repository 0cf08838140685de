// "Read configuration now": the request is recorded first (so the poller reads the configured
// inventory at its next poll whatever happens here), then the cluster is polled now as "Poll now" does.
import "server-only";
import type { Actor } from "@/lib/db/audit";
import { requestConfiguredRead } from "@/lib/db/configured-requests";
import { pollSourceNow } from "@/lib/services/polls";

export async function readConfiguredNow(sourceId: string, who: Actor, at: Date = new Date()) {
  const { requestedAt } = await requestConfiguredRead(sourceId, who, at);
  const poll = await pollSourceNow(sourceId, who);
  return { requestedAt: requestedAt.toISOString(), poll };
}
