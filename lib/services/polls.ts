// "Poll now" and "refresh this phone": a person asks, the poll worker does it (lib/services/work)
// and the caller waits for the outcome, which the worker audits in their name.
import "server-only";
import type { Actor } from "@/lib/db/audit";
import type { PollNowResult } from "@/lib/inventory/poll-now";
import type { refreshPhone as refreshPhoneDirect } from "@/lib/inventory/refresh-phone";
import { doWork } from "./work/queue";

export function pollSourceNow(sourceId: string, who: Actor): Promise<PollNowResult> {
  return doWork<PollNowResult>("poll", { sourceId }, who);
}

export function refreshPhone(name: string, who: Actor): ReturnType<typeof refreshPhoneDirect> {
  return doWork("refresh-phone", { name }, who);
}
